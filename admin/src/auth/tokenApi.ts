import type { Identifier } from 'react-admin';
import { ledgerRequest } from '../providers/ledgerApi';
import type { ApiToken, CreatedApiToken, NewApiToken } from './types';

const tokenPath = (id: Identifier) => `/auth/tokens/${encodeURIComponent(id)}`;

/** The signed-in user's personal API tokens (docs/api.md, "Authentication"). */
export const tokenApi = {
  list: () => ledgerRequest<ApiToken[]>('GET', '/auth/tokens'),
  /** Answers once with the secret (`token`). */
  create: (data: NewApiToken) => ledgerRequest<CreatedApiToken>('POST', '/auth/tokens', data),
  revoke: (id: Identifier) => ledgerRequest<ApiToken>('DELETE', tokenPath(id)),
};
