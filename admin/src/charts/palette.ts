/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const CHART_COLORS = {
  target: '#555555',
  actual: '#0072B2',
  bar: '#0072B2',
  accent: '#D55E00',
  grid: '#e0e0e0',
} as const;
