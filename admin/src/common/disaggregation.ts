import { useTranslate } from 'react-admin';
import { AGE_BANDS, EVALUATION_MESSAGES, REGION_PATTERN, SEXES, type AgeBand, type Sex } from '@vocabulary/evaluations';
import { toChoices } from './choices';
import { useCountryName } from './choices';

export interface Disaggregation {
  sex: Sex;
  ageBand: AgeBand;
  region: string;
}

export const TOTAL: Disaggregation = { sex: 'total', ageBand: 'total', region: 'total' };

export const sexChoices = toChoices(SEXES, 'sex');
export const ageBandChoices = toChoices(AGE_BANDS, 'ageBand');

export const isTotal = (d: Disaggregation) => d.sex === 'total' && d.ageBand === 'total' && d.region === 'total';

export const disaggregationKey = (d: Disaggregation) => `${d.sex}|${d.ageBand}|${d.region}`;

/** `total` (also for an empty or differently cased "total"), else the code upper-cased: `ph-00` → `PH-00`. */
export const normalizeRegion = (value: unknown) => {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' || text.toLowerCase() === 'total' ? 'total' : text.toUpperCase();
};

/** Same rule as the server: `total` or an ISO 3166 code such as PH or PH-00. */
export const regionFormat = (value: unknown) =>
  typeof value === 'string' && !REGION_PATTERN.test(normalizeRegion(value))
    ? EVALUATION_MESSAGES.regionFormat
    : undefined;

/** "Female · 12–14 · Philippines"; the parts that are `total` are left out; empty for the total row. */
export function useDisaggregationLabel(): (d: Disaggregation) => string {
  const translate = useTranslate();
  const countryName = useCountryName();
  return (d: Disaggregation) => {
    const parts: string[] = [];
    if (d.sex !== 'total') parts.push(translate(`ledger.sex.${d.sex}`));
    if (d.ageBand !== 'total') parts.push(translate(`ledger.ageBand.${d.ageBand}`));
    if (d.region !== 'total') parts.push(/^[A-Z]{2}$/.test(d.region) ? countryName(d.region) : d.region);
    return parts.join(' · ');
  };
}
