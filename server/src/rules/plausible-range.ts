import { ValidationFailedError } from '../common/errors';
import type { Indicator } from '../database/entities/indicator.entity';

function describeRange(indicator: Pick<Indicator, 'minValue' | 'maxValue'>): string {
  const { minValue: min, maxValue: max } = indicator;
  if (min !== null && max !== null) return `${min}–${max}`;
  if (min !== null) return `at least ${min}`;
  return `at most ${max}`;
}

/**
 * Refuses a value outside the indicator's plausible range (a validation rule of the library),
 * naming the range. `what` says which quantity was checked when it is derived (events ÷ n).
 */
export function assertPlausible(
  indicator: Pick<Indicator, 'code' | 'minValue' | 'maxValue'>,
  field: string,
  value: number | null | undefined,
  what = 'the value',
): void {
  if (value === null || value === undefined) return;
  const { minValue: min, maxValue: max } = indicator;
  if ((min !== null && value < min) || (max !== null && value > max)) {
    throw ValidationFailedError.forField(
      field,
      `${what} ${Number(value.toPrecision(6))} is outside the plausible range of ${indicator.code} (${describeRange(indicator)})`,
      'out_of_range',
    );
  }
}
