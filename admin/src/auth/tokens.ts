import { useCallback, useEffect, useState } from 'react';
import { useLogoutIfAccessDenied } from 'react-admin';
import { tokenApi } from './tokenApi';
import type { ApiToken } from './types';

export const TOKEN_STATUSES = ['active', 'revoked', 'expired'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const tokenStatus = (token: ApiToken, now = Date.now()): TokenStatus =>
  token.revokedAt ? 'revoked' : token.expiresAt && Date.parse(token.expiresAt) <= now ? 'expired' : 'active';

/** The signed-in user's tokens; `reload()` after a create or revoke. */
export function useApiTokens() {
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const [state, setState] = useState<{ tokens: ApiToken[]; isPending: boolean; error?: unknown }>({
    tokens: [],
    isPending: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    tokenApi.list().then(
      (tokens) => live && setState({ tokens, isPending: false }),
      (error: unknown) => {
        void logoutIfAccessDenied(error); // the session ended (401): back to the sign-in page
        if (live) setState((previous) => ({ ...previous, isPending: false, error }));
      },
    );
    return () => {
      live = false;
    };
  }, [generation, logoutIfAccessDenied]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
