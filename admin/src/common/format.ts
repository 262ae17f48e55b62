import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';

/** Formats an amount with its ISO 4217 currency in the user's language (falls back to "1,000 XYZ"). */
export function useMoneyFormat(): (amount: unknown, currency: unknown) => string {
  const [locale] = useLocaleState();
  return useMemo(
    () => (amount: unknown, currency: unknown) => {
      const value = typeof amount === 'string' ? Number(amount) : amount;
      if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
      const code = typeof currency === 'string' ? currency : '';
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(value);
      } catch {
        return `${new Intl.NumberFormat(locale).format(value)} ${code}`.trim();
      }
    },
    [locale],
  );
}

/** A date-time in the user's language, or "—". */
export function useDateTimeFormat(): (value: unknown) => string {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return (value: unknown) => {
      if (typeof value !== 'string' && !(value instanceof Date)) return '—';
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? '—' : format.format(date);
    };
  }, [locale]);
}

/** A plain number in the user's language (up to 3 decimals), or "—". */
export function useNumberFormat(): (value: unknown) => string {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    return (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? format.format(value) : '—');
  }, [locale]);
}

/** A calendar date ("2025-07-30") in the user's language, without shifting it across time zones. */
export function useDateFormat(): (value: string) => string {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    return (value: string) => {
      const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? value : format.format(date);
    };
  }, [locale]);
}

export function usePercentFormat(): (value: number) => string {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    return (value: number) => format.format(value);
  }, [locale]);
}
