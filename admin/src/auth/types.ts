import type { Identifier } from 'react-admin';
import type { TokenScope } from '@vocabulary/roles';

export { TOKEN_SCOPES, type TokenScope } from '@vocabulary/roles';

/** A personal API token as `GET /api/auth/tokens` lists it (never the secret itself). */
export interface ApiToken {
  id: Identifier;
  name: string;
  scope: TokenScope;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiToken {
  name: string;
  scope: TokenScope;
  /** ISO date-time, in the future, at most one year ahead. */
  expiresAt: string;
}

/** `POST /api/auth/tokens` answers once with the secret: `olt_…`. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}
