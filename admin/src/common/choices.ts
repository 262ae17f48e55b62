import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import { COUNTRY_CODES } from '@vocabulary/countries';

/** Choices whose labels are translation keys `ledger.<prefix>.<value>`. */
export const toChoices = (values: readonly string[], prefix: string) =>
  values.map((id) => ({ id, name: `ledger.${prefix}.${id}` }));

/** Country choices labelled in the user's language by the browser (Intl.DisplayNames). */
export function useCountryChoices(): { id: string; name: string }[] {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return COUNTRY_CODES.map((id) => ({ id, name: names.of(id) ?? id })).sort((a, b) =>
      a.name.localeCompare(b.name, locale),
    );
  }, [locale]);
}

export function useCountryName(): (code: string) => string {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return (code: string) => names.of(code) ?? code;
  }, [locale]);
}
