import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { IDEMPOTENCY_KEY_TTL_HOURS } from './idempotency-key';

/** The key a request is running under, and whether one of its transactions has claimed it. */
export interface IdempotencyClaim {
  userId: number;
  key: string;
  method: string;
  path: string;
  hash: string;
  withheld: boolean;
  claimed: boolean;
  /**
   * The handler has returned or failed: work it left running in the background (its async
   * context carries the claim) must not claim the key in a transaction of its own.
   */
  closed: boolean;
}

/** What is replayed: the first request's status, body and headers. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface KeyRow {
  requestHash: string;
  method: string;
  path: string;
  status: number | null;
  body: unknown;
  headers: Record<string, string>;
  withheld: boolean;
  ageSeconds: number;
  expired: boolean;
}

const claims = new AsyncLocalStorage<IdempotencyClaim>();

export function runWithClaim<T>(claim: IdempotencyClaim, work: () => T): T {
  return claims.run(claim, work);
}

const EXPIRED = `created_at < now() - interval '${IDEMPOTENCY_KEY_TTL_HOURS} hours'`;

/**
 * Inserts the key, with its answer when there is one already; an expired row of the same key is
 * taken over. Returns no row when a live row holds the key: a concurrent duplicate claimed it
 * first (the INSERT waits for that transaction to end before deciding).
 */
const CLAIM_SQL = `
  INSERT INTO idempotency_keys AS k
    (user_id, key, method, path, request_hash, answer_withheld, response_status, response_body, response_headers, answered_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, coalesce($9::jsonb, '{}'), CASE WHEN $7::smallint IS NULL THEN NULL ELSE clock_timestamp() END)
  ON CONFLICT (user_id, key) DO UPDATE SET
    method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
    answer_withheld = EXCLUDED.answer_withheld, response_status = EXCLUDED.response_status,
    response_body = EXCLUDED.response_body, response_headers = EXCLUDED.response_headers,
    created_at = clock_timestamp(), answered_at = EXCLUDED.answered_at
    WHERE k.${EXPIRED}
  RETURNING 1 AS claimed`;

function claimParams(claim: IdempotencyClaim, answer: StoredAnswer | undefined): unknown[] {
  const kept = answer && !claim.withheld;
  return [
    claim.userId,
    claim.key,
    claim.method,
    claim.path,
    claim.hash,
    claim.withheld,
    answer?.status ?? null,
    kept && answer.body !== undefined ? JSON.stringify(answer.body) : null,
    kept ? JSON.stringify(answer.headers) : null,
  ];
}

/** Raised inside the committing transaction: another request holds the key; this one rolls back. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('Idempotency-Key claimed by a concurrent request');
  }
}

/**
 * Claims the request's key in the first transaction of the request that commits a write, just
 * before its COMMIT: the key row and the request's changes commit together or not at all.
 * Savepoints (nested transactions), read-only transactions and replica connections claim nothing.
 */
export class IdempotencySubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = claims.getStore();
    if (!claim || claim.claimed || claim.closed) return;
    const runner = event.queryRunner as QueryRunner & { transactionDepth?: number };
    if ((runner.transactionDepth ?? 1) > 1 || runner.getReplicationMode() === 'slave') return;
    const [{ wrote }] = (await runner.query(`SELECT txid_current_if_assigned() IS NOT NULL AS wrote`)) as {
      wrote: boolean;
    }[];
    if (!wrote) return;
    claim.claimed = true;
    let rows: unknown[];
    try {
      rows = (await runner.query(CLAIM_SQL, claimParams(claim, undefined))) as unknown[];
    } catch (error) {
      claim.claimed = false;
      throw error;
    }
    if (rows.length === 0) {
      claim.claimed = false;
      throw new IdempotencyKeyTaken();
    }
  }
}

/** Reads and writes key rows as the request's actor (row-level security: only its own keys). */
export class IdempotencyStore {
  constructor(private readonly db: DataSource) {}

  private async run(sql: string, params: unknown[]): Promise<{ records: unknown[]; affected?: number }> {
    const runner = this.db.createQueryRunner('master');
    try {
      const result = await runner.query(sql, params, true);
      return { records: result.records as unknown[], affected: result.affected };
    } finally {
      await runner.release();
    }
  }

  async find(userId: number, key: string): Promise<KeyRow | undefined> {
    const { records } = await this.run(
      `SELECT request_hash, method, path, response_status, response_body, response_headers, answer_withheld,
              extract(epoch FROM clock_timestamp() - created_at)::float8 AS age, ${EXPIRED} AS expired
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    const row = records[0] as
      | {
          request_hash: string;
          method: string;
          path: string;
          response_status: number | null;
          response_body: unknown;
          response_headers: Record<string, string>;
          answer_withheld: boolean;
          age: number;
          expired: boolean;
        }
      | undefined;
    if (!row) return undefined;
    return {
      requestHash: row.request_hash,
      method: row.method,
      path: row.path,
      status: row.response_status,
      body: row.response_body,
      headers: row.response_headers,
      withheld: row.answer_withheld,
      ageSeconds: row.age,
      expired: row.expired,
    };
  }

  /** Claims the key after a handler that committed no write; false when another request holds it. */
  async claimWithAnswer(claim: IdempotencyClaim, answer: StoredAnswer): Promise<boolean> {
    const { records } = await this.run(CLAIM_SQL, claimParams(claim, answer));
    if (records.length > 0) claim.claimed = true;
    return records.length > 0;
  }

  /** Stores the answer on the key this request claimed. */
  async answer(claim: IdempotencyClaim, answer: StoredAnswer): Promise<void> {
    const kept = !claim.withheld;
    await this.run(
      `UPDATE idempotency_keys
          SET response_status = $3, response_body = $4::jsonb, response_headers = $5::jsonb, answered_at = clock_timestamp()
        WHERE user_id = $1 AND key = $2 AND request_hash = $6 AND response_status IS NULL`,
      [
        claim.userId,
        claim.key,
        answer.status,
        kept && answer.body !== undefined ? JSON.stringify(answer.body) : null,
        JSON.stringify(kept ? answer.headers : {}),
        claim.hash,
      ],
    );
  }

  /** Deletes expired keys (run as `system`, whose policy shows it only expired rows). */
  async sweep(): Promise<number> {
    const { affected } = await this.run(`DELETE FROM idempotency_keys WHERE ${EXPIRED}`, []);
    return affected ?? 0;
  }
}
