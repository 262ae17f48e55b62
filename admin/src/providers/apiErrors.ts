import { HttpError } from 'react-admin';
import { i18nProvider } from './i18nProvider';

/** The server's error shape: `{ statusCode, error, code, message, details?: [{ field, message, code }] }`. */
export interface ApiErrorBody {
  code?: string;
  message?: string;
  details?: { field: string; message: string; code?: string }[];
  errors?: Record<string, string>;
}

/**
 * Codes whose translation says everything the English message says. For the others (a range,
 * a length, a named record) the translation is followed by the server's English words, so no
 * detail is lost in another language.
 */
const SELF_CONTAINED = new Set([
  'required',
  'unknown_field',
  'is_not_empty',
  'is_int',
  'is_number',
  'is_string',
  'is_boolean',
  'is_array',
  'is_object',
  'is_email',
  'is_url',
  'is_calendar_date',
  'is_date_string',
  'is_iso8601',
  'stale_version',
  'concurrent_change',
  'not_editable',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'too_many_requests',
  'service_unavailable',
  'internal_error',
  'validation_failed',
  'events_above_n',
  'arm_not_in_design',
]);

/**
 * The server's words in the user's language: English shows the server's own message (the most
 * specific); other languages translate the stable `code` (`ledger.errors.<code>` for the
 * request, `ledger.errors.field.<code>` for one field).
 */
export function localizeError(code: string | undefined, message: string, scope: 'request' | 'field'): string {
  if (!code || i18nProvider.getLocale() === 'en') return message;
  const key = scope === 'field' ? `ledger.errors.field.${code}` : `ledger.errors.${code}`;
  const translated = i18nProvider.translate(key, { _: '' });
  if (!translated) return message;
  return SELF_CONTAINED.has(code) || !message ? translated : `${translated} (${message})`;
}

function localizeBody(body: ApiErrorBody): ApiErrorBody {
  return {
    ...body,
    message: body.message === undefined ? undefined : localizeError(body.code, body.message, 'request'),
    details: body.details?.map((d) => ({ ...d, message: localizeError(d.code, d.message, 'field') })),
  };
}

/**
 * Turns the server's field-level `details` into react-admin's `body.errors`, so a server
 * validation message appears under the field it concerns.
 */
export function withFieldErrors(error: unknown): never {
  if (error instanceof HttpError && typeof error.body === 'object' && error.body !== null) {
    const body = localizeBody(error.body as ApiErrorBody);
    if (body.details?.length) {
      const errors: Record<string, string> = {};
      for (const { field, message } of body.details) errors[field] ??= message;
      throw new HttpError(body.message ?? error.message, error.status, { ...body, errors });
    }
    throw new HttpError(body.message || error.message, error.status, body);
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
