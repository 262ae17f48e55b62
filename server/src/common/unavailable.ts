/**
 * Recognises the errors that mean "the database cannot be reached right now" (it is stopped,
 * restarting, shutting down, or the connection broke) rather than "this request is wrong": the
 * API answers them with 503 and Retry-After (HttpErrorFilter), and background jobs retry their
 * bookkeeping until the database is back.
 */

/** Node socket errors raised while connecting to or talking with PostgreSQL. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now, 53300 too_many_connections.
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** Messages of node-postgres and pg-pool for a lost or impossible connection. */
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Connection ended|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery|not yet accepting connections)/i;

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  // TypeORM releases a query runner when its connection raises an error (PostgresQueryRunner:
  // the connection's 'error' listener); the runner's next query then fails with this instead.
  if (e.name === 'QueryRunnerAlreadyReleasedError') return true;
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * Runs `work`, retrying it every `intervalMs` for as long as it fails because the database is
 * unavailable (at most `maxWaitMs`); any other failure, or the deadline, rethrows.
 */
export async function retryWhileDatabaseUnavailable<T>(
  work: () => Promise<T>,
  { intervalMs = 1000, maxWaitMs = 10 * 60_000 }: { intervalMs?: number; maxWaitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + intervalMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
