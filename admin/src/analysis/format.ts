import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { isRatio, type EffectMeasure } from './types';

export interface StatFormat {
  /** A number with exactly `digits` decimals in the user's language, or "—". */
  fixed: (value: number | null | undefined, digits?: number) => string;
  /** A two-sided p-value: "0.023", or "< 0.001". */
  p: (value: number | null | undefined) => string;
  /** A number with at most `maxDigits` decimals, trailing zeros dropped ("1.5", "2"). */
  short: (value: number | null | undefined, maxDigits?: number) => string;
  /** A p-value after "p": "= 0.023", or "< 0.001". */
  pRelation: (value: number | null | undefined) => string;
  /** A share (0.105) as a percentage with one decimal ("10.5 %"). */
  percent: (value: number | null | undefined, digits?: number) => string;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Number formats for statistics, in the user's language. */
export function useStatFormat(): StatFormat {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const formats = new Map<number, Intl.NumberFormat>();
    const formatter = (digits: number) => {
      let format = formats.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        formats.set(digits, format);
      }
      return format;
    };
    const fixed = (value: number | null | undefined, digits = 2) =>
      isNumber(value) ? formatter(digits).format(value) : '—';
    const shorts = new Map<number, Intl.NumberFormat>();
    const short = (value: number | null | undefined, maxDigits = 2) => {
      if (!isNumber(value)) return '—';
      let format = shorts.get(maxDigits);
      if (!format) {
        format = new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits });
        shorts.set(maxDigits, format);
      }
      return format.format(value);
    };
    return {
      fixed,
      short,
      p: (value) => (!isNumber(value) ? '—' : value < 0.001 ? `< ${fixed(0.001, 3)}` : fixed(value, 3)),
      pRelation: (value) => (!isNumber(value) ? '—' : value < 0.001 ? `< ${fixed(0.001, 3)}` : `= ${fixed(value, 3)}`),
      percent: (value, digits = 1) => (isNumber(value) ? `${fixed(value * 100, digits)} %` : '—'),
    };
  }, [locale]);
}

/** A point estimate and its interval on the scale people read: ratios back-transformed, differences as they are. */
export interface Shown {
  point: number;
  low: number;
  high: number;
}

/** Back-transforms a log ratio (RR, OR); leaves differences alone. */
export const toShownScale = (measure: string, value: number): number => (isRatio(measure) ? Math.exp(value) : value);

/** Decimals to show for a measure: risk differences are small numbers, so three. */
export const digitsFor = (measure: string): number => (measure === 'RD' ? 3 : 2);

/** "RR 1.58 (1.33 to 1.88)". */
export function useEffectText(): (measure: EffectMeasure, shown: Shown) => string {
  const format = useStatFormat();
  const translate = useTranslate();
  return (measure, shown) =>
    translate('ledger.effects.effectWithCi', {
      measure,
      point: format.fixed(shown.point, digitsFor(measure)),
      low: format.fixed(shown.low, digitsFor(measure)),
      high: format.fixed(shown.high, digitsFor(measure)),
    });
}

export type ComparisonKind = 'treatment_vs_comparison' | 'post_vs_baseline';

/**
 * What an effect means in words, e.g. "The outcome was 1.58 times as likely in the treatment group as in the
 * comparison group." `yi` is on the analysis scale (log ratio or difference).
 */
export function useEffectMeaning(): (measure: EffectMeasure, yi: number, comparison: ComparisonKind) => string {
  const format = useStatFormat();
  const translate = useTranslate();
  return (measure, yi, comparison) => {
    const versus = comparison === 'post_vs_baseline' ? 'prePost' : 'arms';
    if (isRatio(measure)) {
      return translate(`ledger.effects.meaning.${measure}.${versus}`, { value: format.fixed(Math.exp(yi), 2) });
    }
    const way = yi >= 0 ? 'higher' : 'lower';
    if (measure === 'RD') {
      return translate(`ledger.effects.meaning.RD.${versus}.${way}`, { value: format.fixed(Math.abs(yi) * 100, 1) });
    }
    return translate(`ledger.effects.meaning.${measure === 'SMCR' ? 'SMCR' : 'SMD'}.${versus}.${way}`, {
      value: format.fixed(Math.abs(yi), 2),
    });
  };
}
