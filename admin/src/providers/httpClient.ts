import { fetchUtils } from 'react-admin';

/** The readable cookie the server sets at login; its value must come back in {@link XSRF_HEADER}. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A cookie's current value, read from `document.cookie` at call time. */
export function readCookie(name: string): string | undefined {
  for (const pair of document.cookie.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Request options for the API: the session cookie goes along (`same-origin`), and a state-changing
 * request carries the current XSRF token (the server answers 403 without it).
 */
export function withSession(options: fetchUtils.Options = {}): fetchUtils.Options {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const method = (options.method ?? 'GET').toUpperCase();
  const xsrf = readCookie(XSRF_COOKIE);
  if (!SAFE_METHODS.has(method) && xsrf) headers.set(XSRF_HEADER, xsrf);
  return { ...options, headers, credentials: 'same-origin' };
}

/** react-admin's `fetchJson` (JSON in and out, `HttpError` on non-2xx) with the session cookie and XSRF header. */
export const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, withSession(options));
