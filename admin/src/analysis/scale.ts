/** Linear scales and axis ticks for the hand-drawn SVG plots. Values are on the analysis scale (log ratio or difference). */

export interface Scale {
  (value: number): number;
  domain: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as Scale;
  scale.domain = domain;
  return scale;
}

/** A domain that holds every value, padded by 5 % on each side (and never empty). */
export function paddedDomain(values: number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [-1, 1];
  if (high - low < 1e-9) {
    low -= 0.5;
    high += 0.5;
  }
  const pad = (high - low) * 0.05;
  return [low - pad, high + pad];
}

/** "Nice" ticks (1, 2, 5 × 10ⁿ steps) across a linear domain. */
export function linearTicks([low, high]: [number, number], count = 6): number[] {
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

const RATIO_STEPS = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5];

/**
 * Ticks for a log-ratio axis, as log values whose ratios are round (0.5, 1, 2, 5 …): starting at no effect
 * (ratio 1) and moving outwards, a ratio is kept when it lies at least `minGap` (as a share of the domain)
 * from the last kept one.
 */
export function ratioTicks([low, high]: [number, number], minGap = 0.12): number[] {
  const candidates = new Set<number>();
  for (let power = -4; power <= 4; power += 1) {
    for (const step of RATIO_STEPS) {
      const ratio = step * 10 ** power;
      candidates.add(Math.log(ratio));
      candidates.add(-Math.log(ratio));
    }
  }
  const inside = [...candidates].filter((t) => t >= low && t <= high).sort((a, b) => a - b);
  const gap = (high - low) * minGap;
  const kept: number[] = [];
  if (low <= 0 && high >= 0) kept.push(0);
  let last = 0;
  for (const t of inside.filter((t) => t > 0)) {
    if (t - last >= gap) {
      kept.push(t);
      last = t;
    }
  }
  last = 0;
  for (const t of inside.filter((t) => t < 0).reverse()) {
    if (last - t >= gap) {
      kept.push(t);
      last = t;
    }
  }
  return kept.sort((a, b) => a - b);
}
