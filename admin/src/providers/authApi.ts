import { HttpError, type Identifier } from 'react-admin';
import type { Role } from '@vocabulary/roles';
import { statusOf } from './apiErrors';
import { readCookie, withSession, XSRF_COOKIE } from './httpClient';
import { ledgerRequest } from './ledgerApi';

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

/** The answer to a password change (the server's PasswordChangedResponse). */
export interface PasswordChanged {
  sessionsEnded: number;
  tokensRevoked: number;
}

/** Sign-in was throttled (429); `retryAfterSeconds` from the `Retry-After` header when the server sent one. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number | undefined) {
    super('Too many sign-in attempts');
  }
}

/** `Retry-After` is either a number of seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : undefined;
}

/** The session endpoints under `/api/auth` (plain calls: a 401 here means "not signed in", not "log out"). */
export const authApi = {
  /** Plain `fetch` rather than `ledgerRequest`: a 429 must keep its `Retry-After` header. */
  async login(email: string, password: string): Promise<CurrentUser> {
    const response = await fetch(
      '/api/auth/login',
      withSession({ method: 'POST', body: JSON.stringify({ email, password }), headers: jsonHeaders() }),
    );
    const text = await response.text();
    const body = parseJson(text);
    if (response.status === 429) throw new LoginThrottledError(parseRetryAfter(response.headers.get('Retry-After')));
    if (!response.ok) {
      const message = (body as { message?: string } | undefined)?.message ?? response.statusText;
      throw new HttpError(message, response.status, body);
    }
    return body as CurrentUser;
  },

  /** Without an XSRF cookie there is no session to end (and the server would refuse the request). */
  async logout(): Promise<void> {
    if (!readCookie(XSRF_COOKIE)) return;
    await ledgerRequest('POST', '/auth/logout');
  },

  /** The signed-in user, or null when the session is missing or over (401). */
  async me(): Promise<CurrentUser | null> {
    try {
      return await ledgerRequest<CurrentUser>('GET', '/auth/me');
    } catch (error) {
      if (statusOf(error) === 401) return null;
      throw error;
    }
  },

  /** Ends every session (this one too) and revokes every API token of the user: how many of each. */
  async changePassword(currentPassword: string, newPassword: string): Promise<PasswordChanged> {
    return ledgerRequest<PasswordChanged>('POST', '/auth/password', { currentPassword, newPassword });
  },

  /** Public: redeems a one-time set-password link. */
  async setPassword(token: string, password: string): Promise<void> {
    await ledgerRequest('POST', '/auth/set-password', { token, password });
  },
};

const jsonHeaders = () => new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' });

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
