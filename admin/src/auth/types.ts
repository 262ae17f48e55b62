import type { Identifier } from 'react-admin';
import type { Role, TokenScope } from '@vocabulary/roles';

/** The signed-in user, as `POST /api/auth/login` and `GET /api/auth/me` return it. */
export interface CurrentUser {
  id: Identifier;
  email: string;
  displayName: string;
  role: Role;
  organizationId: Identifier;
  organizationName: string;
  permissions: string[];
}

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
