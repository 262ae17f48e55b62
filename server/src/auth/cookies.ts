import type { CookieOptions, Response } from 'express';
import { SESSION_ABSOLUTE_MS } from './credentials.service';

export const SESSION_COOKIE = 'ol_session';
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

function base(secure: boolean): CookieOptions {
  return { sameSite: 'lax', secure, path: '/', maxAge: SESSION_ABSOLUTE_MS };
}

/** The session cookie is httpOnly; the CSRF cookie is readable so the admin can echo it in a header. */
export function setSessionCookies(res: Response, secret: string, csrf: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, secret, { ...base(secure), httpOnly: true });
  res.cookie(CSRF_COOKIE, csrf, { ...base(secure), httpOnly: false });
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  const { maxAge: _maxAge, ...options } = base(secure);
  res.clearCookie(SESSION_COOKIE, { ...options, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, options);
}
