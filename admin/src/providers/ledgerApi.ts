import { HttpError } from 'react-admin';
import { withFieldErrors, type ApiErrorBody } from './apiErrors';
import { httpClient } from './httpClient';

/**
 * The one way the admin calls an endpoint outside the react-admin CRUD protocol (workflow actions,
 * comments, analysis, imports, tokens, the dashboard, the session): JSON in and out (or a multipart
 * `FormData` upload), session cookie and XSRF header, and the server's `details` turned into field
 * errors. Each area declares its endpoints as typed methods on top of this (`evaluationApi`,
 * `analysisApi`, `importApi`, `tokenApi`, …); the data provider keeps to CRUD.
 */
export async function ledgerRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const response = await httpClient(`/api${path}`, {
    method,
    body: body === undefined || body instanceof FormData ? body : JSON.stringify(body),
    ...(headers ? { headers: new Headers({ Accept: 'application/json', ...headers }) } : {}),
  }).catch(withFieldErrors);
  return response.json as T;
}

/** The server's `details` (field + message) of a failed request; empty when there are none. */
export const detailsOf = (error: unknown): { field: string; message: string }[] =>
  error instanceof HttpError ? ((error.body as ApiErrorBody | undefined)?.details ?? []) : [];
