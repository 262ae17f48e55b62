import type { Identifier } from 'react-admin';
import { ledgerRequest } from '../../providers/ledgerApi';

/** User actions outside CRUD (docs/api.md, "Users"). */
export const userApi = {
  /** A new one-time set-password link for a user (admins only). */
  createSetPasswordLink: (userId: Identifier) =>
    ledgerRequest<{ setPasswordUrl: string }>('POST', `/users/${encodeURIComponent(userId)}/reset-password-link`),
};
