/**
 * Checks from the What Works Clearinghouse: baseline equivalence of the two arms and sample
 * attrition against the WWC attrition boundary (WWC Procedures and Standards Handbook, Version
 * 5.0, 2022; the boundary table is that of Version 4.1, Table II.1, which 5.0 keeps). Formulas,
 * table and sources: docs/methods.md, "Baseline equivalence" and "Attrition".
 */
import type { Arm, Design } from '../vocabulary/evaluations';
import type { MeasureType } from '../vocabulary/indicators';
import type { MeasurementInput } from './comparisons';

export type BaselineStatus = 'satisfied' | 'requires_adjustment' | 'not_satisfied';

export type BaselineEquivalence =
  | { status: BaselineStatus; g: number; index: 'hedges_g' | 'cox_index' }
  | { status: 'not_assessed'; g: null; reason: string };

export type AttritionStatus = 'low' | 'high' | 'not_assessed';
export type AttritionBoundary = 'cautious' | 'optimistic';

export interface AttritionResult {
  /** 1 − achieved/planned over both arms (or the single group). */
  overall: number | null;
  /** |attrition_treatment − attrition_comparison|; null for single-group designs. */
  differential: number | null;
  status: AttritionStatus;
  boundary: AttritionBoundary;
  /** The largest differential attrition still counted as low at this overall rate. */
  maxDifferential?: number | null;
  reason?: string;
}

/** WWC small-sample correction ω = 1 − 3/(4N − 9), N = n_t + n_c (WWC Handbook v5.0, Hedges' g). */
export function wwcSmallSampleCorrection(totalN: number): number {
  return 1 - 3 / (4 * totalN - 9);
}

/**
 * Hedges' g as the WWC computes it for baseline equivalence: ω·(ȳ_t − ȳ_c)/s_pooled, with the
 * pooled within-group SD and ω = 1 − 3/(4N − 9) (WWC Handbook v5.0).
 */
export function wwcHedgesG(
  treatment: { mean: number; sd: number; n: number },
  comparison: { mean: number; sd: number; n: number },
): number {
  const { n: nt, sd: st } = treatment;
  const { n: nc, sd: sc } = comparison;
  const pooled = Math.sqrt(((nt - 1) * st * st + (nc - 1) * sc * sc) / (nt + nc - 2));
  return (wwcSmallSampleCorrection(nt + nc) * (treatment.mean - comparison.mean)) / pooled;
}

/**
 * The Cox index for a dichotomous measure: d_Cox = ω·(ln(p_t/(1−p_t)) − ln(p_c/(1−p_c)))/1.65,
 * with the same small-sample correction ω (WWC Handbook v5.0; Cox 1970; Sánchez-Meca et al. 2003).
 */
export function coxIndex(treatment: { events: number; n: number }, comparison: { events: number; n: number }): number {
  const pt = treatment.events / treatment.n;
  const pc = comparison.events / comparison.n;
  const logit = (p: number) => Math.log(p / (1 - p));
  return (wwcSmallSampleCorrection(treatment.n + comparison.n) * (logit(pt) - logit(pc))) / 1.65;
}

/** |g| ≤ 0.05 satisfied; 0.05 < |g| ≤ 0.25 requires statistical adjustment; > 0.25 not satisfied. */
export function classifyBaselineDifference(g: number): BaselineStatus {
  const size = Math.abs(g);
  if (size <= 0.05) return 'satisfied';
  if (size <= 0.25) return 'requires_adjustment';
  return 'not_satisfied';
}

const notAssessed = (reason: string): BaselineEquivalence => ({ status: 'not_assessed', g: null, reason });

/**
 * Baseline equivalence of treatment and comparison on one indicator, from the baseline-timepoint
 * total-disaggregation measurements: Hedges' g for means, the Cox index for proportions.
 */
export function baselineEquivalence(
  design: Design,
  measureType: MeasureType,
  measurements: readonly MeasurementInput[],
): BaselineEquivalence {
  if (design !== 'rct' && design !== 'quasi_experimental') {
    return notAssessed('baseline equivalence compares two arms; this design has one group');
  }
  const at = (arm: Arm) =>
    measurements.find(
      (m) =>
        m.arm === arm &&
        m.timepoint === 'baseline' &&
        (m.sex ?? 'total') === 'total' &&
        (m.ageBand ?? 'total') === 'total' &&
        (m.region ?? 'total') === 'total',
    );
  const treatment = at('treatment');
  const comparison = at('comparison');
  if (!treatment || !comparison) return notAssessed('baseline data for both arms are missing');
  if (measureType === 'mean') {
    if (treatment.mean == null || treatment.sd == null || comparison.mean == null || comparison.sd == null) {
      return notAssessed('a baseline mean or standard deviation is missing');
    }
    const s = { mean: treatment.mean, sd: treatment.sd, n: treatment.n };
    const c = { mean: comparison.mean, sd: comparison.sd, n: comparison.n };
    if (!(s.sd > 0 || c.sd > 0)) return notAssessed('the baseline standard deviations are zero');
    const g = wwcHedgesG(s, c);
    return { status: classifyBaselineDifference(g), g, index: 'hedges_g' };
  }
  if (measureType === 'proportion') {
    if (treatment.events == null || comparison.events == null) return notAssessed('a baseline event count is missing');
    const t = { events: treatment.events, n: treatment.n };
    const c = { events: comparison.events, n: comparison.n };
    if ([t, c].some((x) => x.events <= 0 || x.events >= x.n)) {
      return notAssessed('the Cox index is undefined when a baseline proportion is 0 or 1');
    }
    const g = coxIndex(t, c);
    return { status: classifyBaselineDifference(g), g, index: 'cox_index' };
  }
  return notAssessed(`no baseline equivalence index for ${measureType} indicators`);
}

/**
 * WWC attrition boundary: for overall attrition 0 %, 1 %, …, the largest differential attrition
 * (percentage points) at which attrition is still "low". Cautious boundary: overall ≥ 58 % is
 * always high. Transcribed from WWC Standards Handbook v4.1, Table II.1 (see docs/methods.md for
 * the provenance caveat).
 */
export const WWC_ATTRITION_BOUNDARY: Readonly<Record<AttritionBoundary, readonly number[]>> = {
  cautious: [
    5.7, 5.8, 5.9, 5.9, 6.0, 6.1, 6.2, 6.3, 6.3, 6.3, 6.3, 6.2, 6.2, 6.1, 6.0, 5.9, 5.9, 5.8, 5.7, 5.5, 5.4, 5.3, 5.2,
    5.1, 4.9, 4.8, 4.7, 4.5, 4.4, 4.3, 4.1, 4.0, 3.8, 3.6, 3.5, 3.3, 3.2, 3.1, 2.9, 2.8, 2.6, 2.5, 2.3, 2.1, 2.0, 1.8,
    1.6, 1.5, 1.3, 1.2, 1.0, 0.9, 0.7, 0.6, 0.4, 0.3, 0.2, 0.0,
  ],
  optimistic: [
    10.0, 10.1, 10.2, 10.3, 10.4, 10.5, 10.7, 10.8, 10.9, 10.9, 10.9, 10.9, 10.9, 10.8, 10.8, 10.7, 10.6, 10.5, 10.3,
    10.2, 10.0, 9.9, 9.7, 9.5, 9.4, 9.2, 9.0, 8.8, 8.6, 8.4, 8.2, 8.0, 7.8, 7.6, 7.4, 7.2, 7.0, 6.7, 6.5, 6.3, 6.0, 5.8,
    5.6, 5.3, 5.1, 4.9, 4.6, 4.4, 4.2, 3.9, 3.7, 3.5, 3.2, 3.0, 2.8, 2.6, 2.3, 2.1, 1.9, 1.6, 1.4, 1.1, 0.9, 0.7, 0.5,
    0.3,
  ],
};

/**
 * Classifies overall and differential attrition (proportions) against the WWC boundary. The
 * overall rate is rounded to the nearest whole percent, the row the table lists; a differential
 * at or below the row's value is low attrition, as is the boundary line itself.
 */
export function classifyAttrition(
  overall: number,
  differential: number,
  boundary: AttritionBoundary = 'cautious',
): { status: 'low' | 'high'; maxDifferential: number | null } {
  const row = Math.round(overall * 100);
  const table = WWC_ATTRITION_BOUNDARY[boundary];
  const max = row >= 0 && row < table.length ? table[row] : null;
  if (max === null) return { status: 'high', maxDifferential: null };
  // Tolerance so that e.g. 0.057 (5.700000000000001 points) counts as on the line.
  return { status: differential * 100 <= max + 1e-9 ? 'low' : 'high', maxDifferential: max / 100 };
}

export interface AttritionInput {
  design: Design;
  plannedSizes: Partial<Record<Arm, number>>;
  achievedSizes: Partial<Record<Arm, number>>;
  boundary?: AttritionBoundary;
}

/**
 * Overall attrition 1 − Σachieved/Σplanned and differential attrition |a_t − a_c| with
 * a_arm = 1 − achieved/planned, classified against the WWC boundary (cautious by default).
 * Only two-arm designs are classified: the WWC attrition standard is defined for randomized
 * trials with a comparison group.
 */
export function attrition(input: AttritionInput): AttritionResult {
  const boundary = input.boundary ?? 'cautious';
  const { plannedSizes: planned, achievedSizes: achieved } = input;
  const none = (reason: string, overall: number | null = null): AttritionResult => ({
    overall,
    differential: null,
    status: 'not_assessed',
    boundary,
    reason,
  });
  const arms: Arm[] =
    input.design === 'rct' || input.design === 'quasi_experimental' ? ['treatment', 'comparison'] : ['single'];
  for (const arm of arms) {
    const p = planned[arm];
    const a = achieved[arm];
    if (p == null || a == null) return none(`planned and achieved sample sizes are needed for the ${arm} arm`);
    if (!(p > 0)) return none(`the planned ${arm} sample must be positive`);
    if (a < 0 || a > p) return none(`the achieved ${arm} sample must lie between 0 and the planned size`);
  }
  const rate = (arm: Arm) => 1 - (achieved[arm] as number) / (planned[arm] as number);
  const overall = 1 - sum(arms.map((arm) => achieved[arm] as number)) / sum(arms.map((arm) => planned[arm] as number));
  if (arms.length === 1) {
    return none('the WWC attrition boundary applies to designs with a comparison group', overall);
  }
  const differential = Math.abs(rate('treatment') - rate('comparison'));
  const { status, maxDifferential } = classifyAttrition(overall, differential, boundary);
  return { overall, differential, status, boundary, maxDifferential };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}
