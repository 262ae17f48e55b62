import { DataProvider, HttpError } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';

/** The server's error shape: `{ statusCode, error, message, details?: [{ field, message }] }`. */
interface ApiErrorBody {
  message?: string;
  details?: { field: string; message: string }[];
}

/**
 * Turns the server's field-level `details` into react-admin's `body.errors`, so a server
 * validation message appears under the field it concerns.
 */
function withFieldErrors(error: unknown): never {
  if (error instanceof HttpError) {
    const body = (error.body ?? {}) as ApiErrorBody;
    if (body.details?.length) {
      const errors: Record<string, string> = {};
      for (const { field, message } of body.details) errors[field] ??= message;
      throw new HttpError(body.message ?? error.message, error.status, { ...body, errors });
    }
    if (body.message) throw new HttpError(body.message, error.status, body);
  }
  throw error;
}

const base = simpleRestProvider('/api');

export const dataProvider: DataProvider = new Proxy(base, {
  get(target, name: string) {
    const method = target[name] as unknown;
    if (typeof method !== 'function') return method;
    return (...args: unknown[]) =>
      (method as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(withFieldErrors);
  },
});
