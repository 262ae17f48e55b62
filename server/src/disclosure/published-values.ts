/**
 * Values of a grant's targets in files published to everyone (IATI): a count indicator's baseline
 * or actual value from 1 to k−1 is a small count of people and is left out, with complementary
 * suppression over the sex, age band and region hierarchy of each period (suppression.ts).
 * Proportions, means and rates carry no group size here, so no count can be derived from them.
 * Pure; docs/methods.md#disclosure-control.
 */
import type { MeasureType } from '../vocabulary/indicators';
import { suppress } from './suppression';

export interface PublishedValue {
  period: { startDate: string; endDate: string };
  sex: string;
  ageBand: string;
  region: string;
  baselineValue: number | null;
  actualValue: number | null;
}

/** The values with every small count (and the cells that would give one away) set to null. */
export function withoutSmallCounts<T extends PublishedValue>(
  measureType: MeasureType,
  values: readonly T[],
  k: number,
): T[] {
  if (measureType !== 'count') return [...values];
  const hidden = new Map<T, Set<'baselineValue' | 'actualValue'>>(values.map((v) => [v, new Set()]));
  for (const field of ['baselineValue', 'actualValue'] as const) {
    const rows = values
      .filter((v) => v[field] !== null)
      .map((v) => ({
        source: v,
        group: `${v.period.startDate}|${v.period.endDate}`,
        sex: v.sex,
        ageBand: v.ageBand,
        region: v.region,
        n: 0, // no group size: only the value is a count
        events: null,
        mean: null,
        sd: null,
        value: v[field],
        measureType,
      }));
    for (const { row, suppressed } of suppress(rows, k)) {
      if (suppressed.has('value')) hidden.get(row.source)!.add(field);
    }
  }
  return values.map((v) => {
    const fields = hidden.get(v)!;
    return {
      ...v,
      baselineValue: fields.has('baselineValue') ? null : v.baselineValue,
      actualValue: fields.has('actualValue') ? null : v.actualValue,
    };
  });
}
