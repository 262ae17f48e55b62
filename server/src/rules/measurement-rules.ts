/**
 * Rules for outcome measurements and for what a submission needs: pure functions over plain
 * values, shared by the API and (later) imports, so that both give the same messages.
 */
import type { FieldProblem } from '../common/errors';
import { assertPlausible } from './plausible-range';
import type { MeasureType } from '../vocabulary/indicators';
import { DESIGN_ARMS, type Arm, type Design, type Timepoint } from '../vocabulary/evaluations';
import { ValidationFailedError } from '../common/errors';

export interface MeasurementValues {
  arm: Arm;
  timepoint: Timepoint;
  n: number;
  events: number | null;
  mean: number | null;
  sd: number | null;
  value: number | null;
}

export interface IndicatorRule {
  id: number;
  code: string;
  measureType: MeasureType;
  minValue: number | null;
  maxValue: number | null;
}

/** Which value fields each measure type uses. */
export const VALUE_FIELDS: Record<MeasureType, readonly ('events' | 'mean' | 'sd' | 'value')[]> = {
  proportion: ['events'],
  mean: ['mean', 'sd'],
  count: ['value'],
  rate: ['value'],
};

function armsOf(design: Design): string {
  return DESIGN_ARMS[design].join(' and ');
}

/** Throws a 400 naming the field when a measurement breaks a rule. */
export function checkMeasurement(design: Design, indicator: IndicatorRule, m: MeasurementValues): void {
  if (!DESIGN_ARMS[design].includes(m.arm)) {
    throw ValidationFailedError.forField(
      'arm',
      `a ${design} evaluation uses the ${armsOf(design)} arm(s), not ${m.arm}`,
      'arm_not_in_design',
    );
  }
  const used = VALUE_FIELDS[indicator.measureType];
  for (const field of ['events', 'mean', 'sd', 'value'] as const) {
    const given = m[field] !== null && m[field] !== undefined;
    if (used.includes(field) && !given) {
      throw ValidationFailedError.forField(
        field,
        `is required for ${indicator.code} (a ${indicator.measureType})`,
        'required',
      );
    }
    if (!used.includes(field) && given) {
      throw ValidationFailedError.forField(
        field,
        `is not used by ${indicator.code} (a ${indicator.measureType}: give ${used.join(' and ')})`,
        'not_used_by_measure_type',
      );
    }
  }
  if (indicator.measureType === 'proportion') {
    if (m.events! > m.n) throw ValidationFailedError.forField('events', `must be at most n (${m.n})`, 'events_above_n');
    assertPlausible(indicator, 'events', m.events! / m.n, 'the proportion events ÷ n =');
  } else if (indicator.measureType === 'mean') {
    assertPlausible(indicator, 'mean', m.mean, 'the mean');
  } else {
    assertPlausible(indicator, 'value', m.value, 'the value');
  }
}

/** The cells a primary outcome needs before submission (total disaggregation). */
export function requiredCells(design: Design): { arm: Arm; timepoint: Timepoint }[] {
  switch (design) {
    case 'rct':
    case 'quasi_experimental':
      return [
        { arm: 'treatment', timepoint: 'post' },
        { arm: 'comparison', timepoint: 'post' },
      ];
    case 'pre_post':
      return [
        { arm: 'single', timepoint: 'baseline' },
        { arm: 'single', timepoint: 'post' },
      ];
    case 'post_only':
      return [{ arm: 'single', timepoint: 'post' }];
    case 'qualitative':
      return [];
  }
}

export interface SubmissionInput {
  design: Design;
  summary: string;
  primaryIndicatorIds: number[];
  plannedSizes: Partial<Record<Arm, number>>;
  achievedSizes: Partial<Record<Arm, number>>;
  /** Total-disaggregation and other measurements: indicator, arm, timepoint, and whether total. */
  measurements: { indicatorId: number; arm: Arm; timepoint: Timepoint; total: boolean }[];
  indicatorCodes: Map<number, string>;
}

/** Everything that keeps an evaluation from being submitted (empty when it is ready). */
export function submissionProblems(input: SubmissionInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { design } = input;
  const arms = DESIGN_ARMS[design];
  const code = (id: number) => input.indicatorCodes.get(id) ?? `indicator ${id}`;
  if (design === 'qualitative') {
    if (!input.summary)
      problems.push({
        field: 'summary',
        message: 'a qualitative evaluation needs a summary of its findings',
        code: 'summary_missing',
      });
  } else {
    if (input.primaryIndicatorIds.length === 0) {
      problems.push({
        field: 'primaryIndicatorIds',
        message: 'name at least one primary outcome',
        code: 'no_primary_outcome',
      });
    }
    if (input.measurements.length === 0) {
      problems.push({
        field: 'outcomeMeasurements',
        message: 'no outcome measurements are recorded',
        code: 'no_measurements',
      });
    }
  }
  const wrongArms = new Map<Arm, number>();
  for (const m of input.measurements) {
    if (!arms.includes(m.arm)) wrongArms.set(m.arm, (wrongArms.get(m.arm) ?? 0) + 1);
  }
  for (const [arm, count] of wrongArms) {
    problems.push({
      field: 'outcomeMeasurements',
      message: `${count} measurement(s) use the ${arm} arm, but a ${design} evaluation uses ${armsOf(design)}`,
      code: 'arm_not_in_design',
    });
  }
  for (const sizes of ['plannedSizes', 'achievedSizes'] as const) {
    for (const arm of Object.keys(input[sizes]) as Arm[]) {
      if (!arms.includes(arm)) {
        problems.push({
          field: `${sizes}.${arm}`,
          message: `a ${design} evaluation has no ${arm} arm; clear it`,
          code: 'arm_not_in_design',
        });
      }
    }
  }
  for (const indicatorId of input.primaryIndicatorIds) {
    for (const cell of requiredCells(design)) {
      const found = input.measurements.some(
        (m) => m.total && m.indicatorId === indicatorId && m.arm === cell.arm && m.timepoint === cell.timepoint,
      );
      if (!found) {
        problems.push({
          field: 'primaryIndicatorIds',
          message: `primary outcome ${code(indicatorId)} has no ${cell.timepoint} data for the ${cell.arm} arm`,
          code: 'primary_outcome_incomplete',
        });
      }
    }
  }
  return problems;
}

/** Primary outcomes added and dropped since their registration; null when they are the same. */
export function outcomeSwitching(
  registered: number[] | null,
  current: number[],
): { added: number[]; removed: number[] } | null {
  if (!registered) return null;
  const added = current.filter((id) => !registered.includes(id));
  const removed = registered.filter((id) => !current.includes(id));
  return added.length || removed.length ? { added, removed } : null;
}
