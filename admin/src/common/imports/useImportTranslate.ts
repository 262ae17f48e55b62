import { useCallback } from 'react';
import { useTranslate } from 'react-admin';

/** The outcome import's texts, which every other import falls back to. */
export const BASE = 'ledger.imports';

/**
 * Translates `<messages>.<name>`, falling back to `ledger.imports.<name>`: each kind of import words only
 * what differs (title, introduction, what "replace" means, the summaries).
 */
export function useImportTranslate(messages: string) {
  const translate = useTranslate();
  return useCallback(
    (name: string, options: Record<string, unknown> = {}): string =>
      messages === BASE
        ? translate(`${BASE}.${name}`, options)
        : translate(`${messages}.${name}`, { ...options, _: translate(`${BASE}.${name}`, options) }),
    [translate, messages],
  );
}
