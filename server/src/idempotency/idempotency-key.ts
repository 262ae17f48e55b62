import { createHash } from 'node:crypto';
import { ValidationFailedError } from '../common/errors';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a key is remembered: a retry within this window gets the first answer. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** 1–255 visible ASCII characters (no spaces, no control characters). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** The header's key, or undefined when the request sends none; a malformed key is a 400. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !VALID_KEY.test(header)) {
    throw ValidationFailedError.forField(
      'Idempotency-Key',
      'must be 1 to 255 visible ASCII characters (letters, digits, punctuation; no spaces), e.g. a UUID',
    );
  }
  return header;
}

/** JSON with object keys sorted at every level: the same body hashes the same however it was written. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 of the method, the path (with its query) and the canonical JSON body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${path}\n${canonicalJson(body)}`)
    .digest('hex');
}
