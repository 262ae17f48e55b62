import { ValidationFailedError } from '../common/errors';
import { canonicalJson, readIdempotencyKey, requestHash } from './idempotency-key';

describe('Idempotency-Key', () => {
  it('accepts 1 to 255 visible ASCII characters', () => {
    expect(readIdempotencyKey(undefined)).toBeUndefined();
    expect(readIdempotencyKey('a')).toBe('a');
    expect(readIdempotencyKey('x'.repeat(255))).toBe('x'.repeat(255));
    expect(readIdempotencyKey('9f1c2e4a-0b7d-4c1e-9a3f-2d6b8e0c1a57')).toBe('9f1c2e4a-0b7d-4c1e-9a3f-2d6b8e0c1a57');
    expect(readIdempotencyKey('!~"{}')).toBe('!~"{}');
  });

  it.each([[''], ['x'.repeat(256)], ['has space'], ['tab\t'], ['é'], ['a\u0000'], [['a', 'b']]])(
    'refuses %j with a 400 naming the header',
    (key) => {
      let error: unknown;
      try {
        readIdempotencyKey(key);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).details?.[0].field).toBe('Idempotency-Key');
    },
  );

  it('hashes the same body the same whatever its key order, and anything else differently', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    const base = requestHash('POST', '/api/organizations', { name: 'A', kind: 'ngo' });
    expect(requestHash('post', '/api/organizations', { kind: 'ngo', name: 'A' })).toBe(base);
    expect(requestHash('PUT', '/api/organizations', { kind: 'ngo', name: 'A' })).not.toBe(base);
    expect(requestHash('POST', '/api/organizations?x=1', { kind: 'ngo', name: 'A' })).not.toBe(base);
    expect(requestHash('POST', '/api/organizations', { kind: 'ngo', name: 'B' })).not.toBe(base);
    expect(requestHash('POST', '/api/organizations', undefined)).toBe(requestHash('POST', '/api/organizations', null));
  });
});
