import { HttpError } from 'react-admin';
import { withFieldErrors, type ApiErrorBody } from '../providers/apiErrors';
import { httpClient } from '../providers/httpClient';

/**
 * A call outside the react-admin CRUD protocol (workflow actions, comments, changes): JSON in and
 * out, session cookie and XSRF header, and the server's `details` turned into field errors.
 */
export async function ledgerRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
  const response = await httpClient(`/api${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(withFieldErrors);
  return response.json as T;
}

/** The server's `details` (field + message) of a failed request; empty when there are none. */
export const detailsOf = (error: unknown): { field: string; message: string }[] =>
  error instanceof HttpError ? ((error.body as ApiErrorBody | undefined)?.details ?? []) : [];
