import { SetMetadata } from '@nestjs/common';

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

export const IdempotencyKeys = (mode: Exclude<IdempotencyMode, 'replay'>) => SetMetadata(IDEMPOTENCY_MODE_KEY, mode);
