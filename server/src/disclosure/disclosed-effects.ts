/**
 * Effects as an actor may see them: an effect computed from a cell with a hidden count could give
 * that count back (for a 2×2 table, one count fits a given log risk ratio and the arm sizes), so it
 * is withheld; the rest are the effects of statistics/, computed from visible numbers only. Pure.
 */
import {
  computeEffects,
  effectInputCells,
  type EffectsInput,
  type MeasurementInput,
  type TimepointEffects,
} from '../statistics/comparisons';
import type { Timepoint } from '../vocabulary/evaluations';
import type { SuppressedField } from './suppression';

export const SMALL_NUMBERS = 'withheld: small numbers';

export interface WithheldEffects {
  timepoint: Timepoint;
  status: 'withheld';
  reason: string;
}

export type DisclosedEffects = TimepointEffects | WithheldEffects;

/** A measurement as an actor may see it: hidden fields are null and named in `hidden`. */
export type DisclosedMeasurement = Omit<MeasurementInput, 'n'> & {
  n: number | null;
  hidden: readonly SuppressedField[];
};

const isTotal = (m: DisclosedMeasurement) =>
  (m.sex ?? 'total') === 'total' && (m.ageBand ?? 'total') === 'total' && (m.region ?? 'total') === 'total';

/** computeEffects over the visible cells; an effect whose input cells hide anything is withheld. */
export function disclosedEffects(
  input: Omit<EffectsInput, 'measurements'> & { measurements: readonly DisclosedMeasurement[] },
): DisclosedEffects[] {
  const totals = input.measurements.filter(isTotal);
  // Designs and measure types without an effect say why whatever the numbers are.
  if (['count', 'rate'].includes(input.measureType) || ['post_only', 'qualitative'].includes(input.design)) {
    return computeEffects({ ...input, measurements: totals.map((m) => ({ ...m, n: m.n ?? 0 })) });
  }
  const visible = totals.filter((m): m is MeasurementInput & DisclosedMeasurement => m.hidden.length === 0);
  const computed = computeEffects({ ...input, measurements: visible });
  const outcomeTimepoints = (['post', 'follow_up'] as const).filter((t) => totals.some((m) => m.timepoint === t));
  return outcomeTimepoints.map((timepoint) => {
    const inputs = effectInputCells(input.design, timepoint);
    const hidden = inputs.some(({ arm, timepoint: t }) =>
      totals.some((m) => m.arm === arm && m.timepoint === t && m.hidden.length > 0),
    );
    if (hidden) return { timepoint, status: 'withheld', reason: SMALL_NUMBERS };
    return (
      computed.find((r) => r.timepoint === timepoint) ?? {
        timepoint,
        status: 'not_computed',
        reason: 'baseline or outcome data missing',
      }
    );
  });
}
