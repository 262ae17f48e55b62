import { useCallback, useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { LedgerDataProvider } from '../providers/dataProvider';
import type { ApiToken } from './types';

export const TOKEN_STATUSES = ['active', 'revoked', 'expired'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const tokenStatus = (token: ApiToken, now = Date.now()): TokenStatus =>
  token.revokedAt ? 'revoked' : token.expiresAt && Date.parse(token.expiresAt) <= now ? 'expired' : 'active';

/** The signed-in user's tokens; `reload()` after a create or revoke. */
export function useApiTokens() {
  const dataProvider = useDataProvider<LedgerDataProvider>();
  const [state, setState] = useState<{ tokens: ApiToken[]; isPending: boolean; error?: unknown }>({
    tokens: [],
    isPending: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    dataProvider.getApiTokens().then(
      // After a 401 react-admin logs out and hands back `{ data: {} }`.
      ({ data }) => live && setState({ tokens: Array.isArray(data) ? data : [], isPending: false }),
      (error: unknown) => live && setState((previous) => ({ ...previous, isPending: false, error })),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
