import { HttpError } from 'react-admin';

/** The server's error shape: `{ statusCode, error, message, details?: [{ field, message }] }`. */
export interface ApiErrorBody {
  message?: string;
  details?: { field: string; message: string }[];
  errors?: Record<string, string>;
}

/**
 * Turns the server's field-level `details` into react-admin's `body.errors`, so a server
 * validation message appears under the field it concerns.
 */
export function withFieldErrors(error: unknown): never {
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

/** The HTTP status of a failed request, if it got an answer. */
export const statusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
};

/** Field errors of a failed request, in the shape a react-admin `<Form onSubmit>` returns. */
export const fieldErrorsOf = (error: unknown): Record<string, string> | undefined =>
  error instanceof HttpError ? (error.body as ApiErrorBody | undefined)?.errors : undefined;

/** A message to show for a failed request: the server's message, else react-admin's generic one. */
export const messageOf = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : 'ra.notification.http_error';
