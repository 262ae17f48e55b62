/**
 * Which comparison an evaluation's design supports, and the effect sizes of that comparison at
 * each outcome timepoint (docs/methods.md, "Which comparison"). Input is the total-disaggregation
 * aggregates of one indicator; rows for a sex, age band or region other than `total` are ignored.
 */
import type { Arm, Design, Timepoint } from '../vocabulary/evaluations';
import type { Direction, MeasureType } from '../vocabulary/indicators';
import {
  EffectNotEstimable,
  isFavorable,
  logOddsRatio,
  logRiskRatio,
  riskDifference,
  standardizedMeanChange,
  standardizedMeanDifference,
  type EffectMeasure,
  type EffectSize,
  type TwoByTwo,
} from './effect-sizes';

export interface MeasurementInput {
  arm: Arm;
  timepoint: Timepoint;
  n: number;
  events?: number | null;
  mean?: number | null;
  sd?: number | null;
  value?: number | null;
  sex?: string;
  ageBand?: string;
  region?: string;
}

export interface EffectsInput {
  design: Design;
  /** The indicator's desired direction. */
  direction: Direction;
  measureType: MeasureType;
  measurements: readonly MeasurementInput[];
  /** Pre-post correlation for SMCR; the evaluation's value, 0.5 when not given. */
  prePostCorrelation?: number;
}

export interface JudgedEffect extends EffectSize {
  /** The point estimate lies in the indicator's desired direction. */
  favorable: boolean;
}

export type Comparison = 'treatment_vs_comparison' | 'post_vs_baseline';

export interface ComputedEffects {
  timepoint: Timepoint;
  status: 'computed';
  comparison: Comparison;
  /** Sample size of group 1 (treatment, or post). */
  nTreatment: number;
  /** Sample size of group 2 (comparison, or baseline). */
  nComparison: number;
  /** The measure to show first: RR for proportions, SMD or SMCR for means. */
  defaultMeasure: EffectMeasure;
  effects: JudgedEffect[];
  /** Caveat to show with the effects, e.g. for pre-post proportions. */
  note?: string;
}

export interface UncomputedEffects {
  timepoint: Timepoint;
  status: 'not_computed';
  reason: string;
}

export type TimepointEffects = ComputedEffects | UncomputedEffects;

/** Outcome timepoints; baseline is the reference, checked by baseline equivalence instead. */
const OUTCOME_TIMEPOINTS: readonly Timepoint[] = ['post', 'follow_up'];

export const PRE_POST_PROPORTION_NOTE =
  'Post compared with baseline as if the two samples were independent: the pairing of the same ' +
  'participants is ignored, which usually overstates the variance (the interval is conservative).';

function isTotal(m: MeasurementInput): boolean {
  return (m.sex ?? 'total') === 'total' && (m.ageBand ?? 'total') === 'total' && (m.region ?? 'total') === 'total';
}

function find(rows: readonly MeasurementInput[], arm: Arm, timepoint: Timepoint): MeasurementInput | undefined {
  return rows.find((m) => m.arm === arm && m.timepoint === timepoint);
}

function table(group1: MeasurementInput, group2: MeasurementInput): TwoByTwo {
  if (group1.events == null || group2.events == null) throw new EffectNotEstimable('an event count is missing');
  return { events1: group1.events, n1: group1.n, events2: group2.events, n2: group2.n };
}

function meanOf(m: MeasurementInput): { mean: number; sd: number; n: number } {
  if (m.mean == null || m.sd == null) throw new EffectNotEstimable('a mean or standard deviation is missing');
  return { mean: m.mean, sd: m.sd, n: m.n };
}

function proportionEffects(group1: MeasurementInput, group2: MeasurementInput): EffectSize[] {
  const t = table(group1, group2);
  return [logRiskRatio(t), logOddsRatio(t), riskDifference(t)];
}

function judge(direction: Direction, effects: EffectSize[]): JudgedEffect[] {
  return effects.map((e) => ({ ...e, favorable: isFavorable(direction, e.yi) }));
}

function compute(
  timepoint: Timepoint,
  comparison: Comparison,
  group1: MeasurementInput,
  group2: MeasurementInput,
  run: () => { effects: EffectSize[]; defaultMeasure: EffectMeasure; note?: string },
  direction: Direction,
): TimepointEffects {
  try {
    const { effects, defaultMeasure, note } = run();
    return {
      timepoint,
      status: 'computed',
      comparison,
      nTreatment: group1.n,
      nComparison: group2.n,
      defaultMeasure,
      effects: judge(direction, effects),
      ...(note ? { note } : {}),
    };
  } catch (error) {
    if (error instanceof EffectNotEstimable) return { timepoint, status: 'not_computed', reason: error.message };
    throw error;
  }
}

/**
 * The two total-disaggregation cells an effect at `timepoint` is computed from: post (or follow-up)
 * and baseline of the single group for pre_post designs, treatment and comparison otherwise.
 */
export function effectInputCells(design: Design, timepoint: Timepoint): { arm: Arm; timepoint: Timepoint }[] {
  return design === 'pre_post'
    ? [
        { arm: 'single', timepoint },
        { arm: 'single', timepoint: 'baseline' },
      ]
    : [
        { arm: 'treatment', timepoint },
        { arm: 'comparison', timepoint },
      ];
}

/**
 * Effect sizes per outcome timepoint for one indicator of one evaluation:
 * rct and quasi_experimental compare treatment with comparison (RR, OR, RD for proportions; SMD
 * for means); pre_post compares post (or follow-up) with baseline in the single group (SMCR for
 * means; RR, OR, RD for proportions, ignoring the pairing); post_only, qualitative and
 * count/rate indicators give a reason instead of an effect.
 */
export function computeEffects(input: EffectsInput): TimepointEffects[] {
  const rows = input.measurements.filter(isTotal);
  const present = OUTCOME_TIMEPOINTS.filter((t) => rows.some((m) => m.timepoint === t));
  const none = (reason: string): TimepointEffects[] =>
    present.map((timepoint) => ({ timepoint, status: 'not_computed', reason }));

  if (input.measureType === 'count' || input.measureType === 'rate') {
    return none(
      `no effect size for ${input.measureType} indicators: an aggregate ${input.measureType} without a ` +
        'denominator or variance does not give a sampling variance',
    );
  }
  if (input.design === 'post_only') return none('a post-only design has no comparison group and no baseline');
  if (input.design === 'qualitative') return none('a qualitative evaluation reports no effect sizes');

  const r = input.prePostCorrelation ?? 0.5;
  return present.map((timepoint) => {
    const [first, second] = effectInputCells(input.design, timepoint);
    if (input.design === 'pre_post') {
      const post = find(rows, first.arm, first.timepoint);
      const baseline = find(rows, second.arm, second.timepoint);
      if (!post || !baseline) return { timepoint, status: 'not_computed', reason: 'baseline or outcome data missing' };
      return compute(
        timepoint,
        'post_vs_baseline',
        post,
        baseline,
        () =>
          input.measureType === 'mean'
            ? {
                // The paired sample is at most the smaller of the two measured samples.
                effects: [standardizedMeanChange(meanOf(baseline), meanOf(post), Math.min(post.n, baseline.n), r)],
                defaultMeasure: 'SMCR',
              }
            : { effects: proportionEffects(post, baseline), defaultMeasure: 'RR', note: PRE_POST_PROPORTION_NOTE },
        input.direction,
      );
    }
    const treatment = find(rows, first.arm, first.timepoint);
    const comparison = find(rows, second.arm, second.timepoint);
    if (!treatment || !comparison) {
      return { timepoint, status: 'not_computed', reason: 'treatment or comparison data missing' };
    }
    return compute(
      timepoint,
      'treatment_vs_comparison',
      treatment,
      comparison,
      () =>
        input.measureType === 'mean'
          ? { effects: [standardizedMeanDifference(meanOf(treatment), meanOf(comparison))], defaultMeasure: 'SMD' }
          : { effects: proportionEffects(treatment, comparison), defaultMeasure: 'RR' },
      input.direction,
    );
  });
}
