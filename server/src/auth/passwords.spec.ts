import { ValidationFailedError } from '../common/errors';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords';

describe('password policy', () => {
  it.each(['short', '12345678901'])('refuses %s (under 12 characters)', (password) => {
    expect(() => assertAcceptablePassword(password)).toThrow('at least 12 characters');
  });

  it.each(['password1234', 'iloveyou!!!!', 'baseball1234', 'qwerty123456'])(
    'refuses %s (a common password, padded to length)',
    (password) => {
      expect(() => assertAcceptablePassword(password)).toThrow(ValidationFailedError);
      expect(() => assertAcceptablePassword(password)).toThrow('most common');
    },
  );

  it.each(['demo-password-2026', 'correct horse battery staple'])('accepts %s', (password) => {
    expect(() => assertAcceptablePassword(password)).not.toThrow();
  });
});

describe('argon2id hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    await expect(verifyPassword(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'correct horse battery stapler')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'x')).resolves.toBe(false);
  });
});
