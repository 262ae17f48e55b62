import { useTranslate } from 'react-admin';
import { digitsFor, toShownScale, useStatFormat } from './format';
import type { EffectMeasure } from './types';

/** An estimate and an interval of a pooled result, on the scale people read (ratios as ratios). */
export function usePooledFormat(measure: EffectMeasure) {
  const translate = useTranslate();
  const format = useStatFormat();
  const digits = digitsFor(measure);
  const shown = (v: number | null) => (v === null ? '—' : format.fixed(toShownScale(measure, v), digits));
  const interval = (low: number | null, high: number | null) =>
    low === null || high === null ? '—' : translate('ledger.analysis.interval', { low: shown(low), high: shown(high) });
  return { format, shown, interval };
}
