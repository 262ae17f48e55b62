import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

export const IDEMPOTENCY_MODE_KEY = 'ledger:idempotency-mode';

/**
 * How a state-changing route treats `Idempotency-Key` (default `replay`: claimed with the
 * request's writes, the first answer replayed):
 *
 * - `withheld`: the answer holds a secret shown once (a new API token, a set-password link). The
 *   key is claimed as usual, so a retry never applies the request twice, but the answer is not
 *   stored: a retry gets 409 `idempotency_key_answer_withheld`.
 * - `own`: the route implements the key itself (imports: the job row holds the key and a hash of
 *   the uploaded file).
 * - `ignored`: sign-in and sign-out routes. They set or clear cookies, which a replay cannot
 *   repeat, and they end the session a retry would need.
 */
export type IdempotencyMode = 'replay' | 'withheld' | 'own' | 'ignored';

export const IdempotencyKeys = (mode: Exclude<IdempotencyMode, 'replay'>) =>
  applyDecorators(SetMetadata(IDEMPOTENCY_MODE_KEY, mode), ApiExtension('x-idempotency', mode));

const STATE_CHANGING = ['post', 'put', 'patch', 'delete'] as const;

/**
 * Declares the `Idempotency-Key` header on every state-changing operation of the OpenAPI
 * document, except those whose route ignores it (`x-idempotency: ignored`, set by IdempotencyKeys)
 * and public ones (`x-public`, set by Public: no signed-in user to own a key).
 */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of STATE_CHANGING) {
      const operation = item[method] as (typeof item)[typeof method] & {
        'x-idempotency'?: IdempotencyMode;
        'x-public'?: boolean;
      };
      if (!operation || operation['x-idempotency'] === 'ignored' || operation['x-public']) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 255 },
          description:
            'Makes a retry safe: the same key and body within 24 h return the first answer ' +
            '(Idempotent-Replayed: true); the same key with another request is a 409.' +
            (operation['x-idempotency'] === 'withheld' ? ' The answer holds a secret and is not replayed (409).' : ''),
        },
      ];
    }
  }
  return document;
}
