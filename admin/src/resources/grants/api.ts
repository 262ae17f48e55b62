import type { Identifier } from 'react-admin';
import { ledgerRequest } from '../../providers/ledgerApi';
import type { Grant } from './types';

const base = (id: Identifier) => `/grants/${encodeURIComponent(id)}`;

/** The grantee's consent to a grant (docs/api.md, "Grants"). */
export const grantApi = {
  accept: (g: Grant, programIds: Identifier[]) =>
    ledgerRequest<Grant>('POST', `${base(g.id)}/accept`, { programIds, version: g.version }),
  decline: (g: Grant, reason: string) =>
    ledgerRequest<Grant>('POST', `${base(g.id)}/decline`, { reason: reason.trim(), version: g.version }),
  setPrograms: (g: Grant, programIds: Identifier[]) =>
    ledgerRequest<Grant>('PUT', `${base(g.id)}/programs`, { programIds, version: g.version }),
};
