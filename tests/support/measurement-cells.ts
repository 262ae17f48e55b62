/**
 * Distinct cells of one evaluation's outcome grid (arm × timepoint × sex × age band × region), in a
 * fixed order: the k-th cell never repeats an earlier one, so generated measurements never hit the
 * unique index. Used by the benchmark files and the load suite.
 */
const ARMS = ['treatment', 'comparison'] as const;
const TIMEPOINTS = ['baseline', 'post', 'follow_up'] as const;
const SEXES = ['total', 'female', 'male', 'other'] as const;
const AGE_BANDS = ['total', 'under_12', '12_14', '15_17', '18_plus'] as const;
/** Combinations per region. */
const PER_REGION = ARMS.length * TIMEPOINTS.length * SEXES.length * AGE_BANDS.length;

export interface MeasurementCell {
  arm: string;
  timepoint: string;
  sex: string;
  ageBand: string;
  region: string;
}

export function measurementCell(k: number): MeasurementCell {
  let c = k % PER_REGION;
  const arm = ARMS[c % ARMS.length];
  c = Math.floor(c / ARMS.length);
  const timepoint = TIMEPOINTS[c % TIMEPOINTS.length];
  c = Math.floor(c / TIMEPOINTS.length);
  const sex = SEXES[c % SEXES.length];
  const ageBand = AGE_BANDS[Math.floor(c / SEXES.length)];
  const region = `PH-${Math.floor(k / PER_REGION)
    .toString(36)
    .toUpperCase()}`;
  return { arm, timepoint, sex, ageBand, region };
}
