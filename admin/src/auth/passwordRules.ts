import { PASSWORD_MIN_LENGTH } from '@vocabulary/roles';

export { PASSWORD_MIN_LENGTH };
/** The server refuses longer passwords. */
export const PASSWORD_MAX_LENGTH = 1000;

/** Same rule and message as the server: "must be at least 12 characters" (counted like the server does). */
export const passwordLength = (value: unknown) =>
  typeof value === 'string' && value !== '' && value.length < PASSWORD_MIN_LENGTH
    ? { message: 'ledger.validation.passwordTooShort', args: { min: PASSWORD_MIN_LENGTH } }
    : undefined;

/** The confirmation field must repeat `field` exactly. */
export const repeats = (field: string) => (value: unknown, values: Record<string, unknown>) =>
  value !== values[field] ? 'ledger.validation.passwordsDiffer' : undefined;
