import type { DataProvider, Identifier } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import type { ApiToken, CreatedApiToken, NewApiToken } from '../auth/types';
import { withFieldErrors } from './apiErrors';
import { httpClient } from './httpClient';

const json = async <T>(url: string, init?: RequestInit): Promise<{ data: T }> => ({
  data: (await httpClient(url, init)).json as T,
});

/** Calls outside the react-admin CRUD protocol; use them through `useDataProvider<LedgerDataProvider>()`. */
const ledgerMethods = {
  /** The signed-in user's personal API tokens. */
  getApiTokens: () => json<ApiToken[]>('/api/auth/tokens'),
  /** Answers once with the secret (`token`). */
  createApiToken: (data: NewApiToken) =>
    json<CreatedApiToken>('/api/auth/tokens', { method: 'POST', body: JSON.stringify(data) }),
  revokeApiToken: (id: Identifier) =>
    json<ApiToken>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  /** A new one-time set-password link for a user (admins only). */
  createSetPasswordLink: (userId: Identifier) =>
    json<{ setPasswordUrl: string }>(`/api/users/${encodeURIComponent(userId)}/reset-password-link`, {
      method: 'POST',
    }),
};

export type LedgerDataProvider = DataProvider & typeof ledgerMethods;

const base: LedgerDataProvider = { ...simpleRestProvider('/api', httpClient), ...ledgerMethods };

/** Every call's server `details` become field errors (see withFieldErrors). */
export const dataProvider: LedgerDataProvider = new Proxy(base, {
  get(target, name: string) {
    const method = target[name] as unknown;
    if (typeof method !== 'function') return method;
    return (...args: unknown[]) =>
      (method as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(withFieldErrors);
  },
});
