import { HttpError } from 'react-admin';
import type { CurrentUser } from '../auth/types';
import { statusOf, withFieldErrors } from './apiErrors';
import { httpClient, readCookie, withSession, XSRF_COOKIE } from './httpClient';

const post = (url: string, body?: unknown) =>
  httpClient(url, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) }).catch(
    withFieldErrors,
  );

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
  /** Plain `fetch` rather than `httpClient`: a 429 must keep its `Retry-After` header. */
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
    await post('/api/auth/logout');
  },

  /** The signed-in user, or null when the session is missing or over (401). */
  async me(): Promise<CurrentUser | null> {
    try {
      const response = await httpClient('/api/auth/me');
      return response.json as CurrentUser;
    } catch (error) {
      if (statusOf(error) === 401) return null;
      throw error;
    }
  },

  /** Ends every session (this one too) and revokes every API token of the user: how many of each. */
  async changePassword(currentPassword: string, newPassword: string): Promise<PasswordChanged> {
    const response = await post('/api/auth/password', { currentPassword, newPassword });
    return response.json as PasswordChanged;
  },

  /** Public: redeems a one-time set-password link. */
  async setPassword(token: string, password: string): Promise<void> {
    await post('/api/auth/set-password', { token, password });
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
