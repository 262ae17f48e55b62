import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for cookies, tokens and links (256 bits, URL-safe). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a high-entropy secret. Session ids, API tokens and set-password links are
 * random 256-bit values, so a fast hash is enough; passwords use argon2id (passwords.ts).
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
