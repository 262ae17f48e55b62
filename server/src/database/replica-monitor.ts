import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { loginRoleProblems } from './app-login';
import { dataSourceOptions } from './data-source';
import { applyDbContextOnCheckout } from './db-context';
import {
  classifyProbe,
  FallbackCounts,
  FallbackReason,
  pickReplica,
  ReplicaState,
  ReplicaStatus,
  replicaName,
  replicasSummary,
} from './replica-state';
import { isDatabaseUnavailable } from '../common/unavailable';

/** The replica URLs the app logs in with (database/app-login.ts: the login role's credentials). */
export const REPLICA_URLS = Symbol('REPLICA_URLS');

/** A replica's pool never waits longer than this for a connection; a probe never longer than this. */
const CONNECT_TIMEOUT_MS = 5000;

const PROBE_SQL = `SELECT pg_is_in_recovery() AS recovery,
         pg_last_wal_replay_lsn()::text AS replayed,
         CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
              ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
         END::float8 AS lag_seconds`;

interface Replica {
  name: string;
  url: string;
  status: ReplicaStatus;
  lagSeconds: number | null;
  lagBytes: number | null;
  lastError: string | null;
  since: Date;
  checkedAt: Date | null;
  fallbacks: FallbackCounts;
  /** The replica's own data source (pool), created when it is first reached; none while down. */
  source?: DataSource;
  opening?: Promise<DataSource>;
  probing: boolean;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const line = message.split('\n')[0];
  return typeof code === 'string' && !line.includes(code) ? `${line} (${code})` : line;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The read replicas of DATABASE_REPLICA_URLS (issue 18). Each replica gets its own data source
 * (TypeORM's `replication` connects every replica at startup and fails the start when one is
 * unreachable), opened lazily by the probes, with every checkout carrying the caller's actor
 * (applyDbContextOnCheckout: row-level security holds on replicas as on the primary) and its
 * login role checked like the primary's before it is used.
 *
 * Every REPLICA_CHECK_SECONDS each replica is probed: reachable, a standby, how far its
 * replay is behind (seconds and bytes against the primary). Reads (readFromReplica,
 * connectForRead) go to an `up` replica, round robin, else to the primary; a read whose replica
 * fails with a connection-level error marks it down and runs again on the primary. Fallbacks are
 * counted per replica and reason and logged; state changes are logged as one line each.
 */
@Injectable()
export class ReplicaMonitor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Replicas');
  private readonly replicas: Replica[];
  private cursor = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REPLICA_URLS) urls: readonly string[],
  ) {
    const now = new Date();
    this.replicas = urls.map((url) => ({
      name: replicaName(url),
      url,
      status: 'down',
      lagSeconds: null,
      lagBytes: null,
      lastError: 'not probed yet',
      since: now,
      checkedAt: null,
      fallbacks: { down: 0, lagging: 0, failed: 0 },
      probing: false,
    }));
  }

  /** The first probe runs before the app listens (a replica that does not answer only delays it by the timeout). */
  async onModuleInit(): Promise<void> {
    if (this.replicas.length === 0) return;
    await this.probeAll();
    this.timer = setInterval(() => void this.probeAll(), this.config.replicaCheckIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.replicas.map((r) => this.close(r)));
  }

  /** Every replica's state, in the order of DATABASE_REPLICA_URLS. */
  replicaStates(): ReplicaState[] {
    return this.replicas.map((r) => ({
      name: r.name,
      state: r.status,
      lagSeconds: r.lagSeconds,
      lagBytes: r.lagBytes,
      lastError: r.lastError,
      since: r.since.toISOString(),
      checkedAt: r.checkedAt?.toISOString() ?? null,
      fallbacks: { ...r.fallbacks },
    }));
  }

  /** Each replica's connection pool, once it has one (for the pool metrics). */
  pools(): { name: string; pool: Pool }[] {
    return this.replicas.flatMap((r) => {
      const pool = r.source?.isInitialized ? (r.source.driver as unknown as { master?: Pool }).master : undefined;
      return pool ? [{ name: r.name, pool }] : [];
    });
  }

  /** Reads sent to the primary, per replica name and reason. */
  fallbackCounts(): Record<string, FallbackCounts> {
    return Object.fromEntries(this.replicas.map((r) => [r.name, { ...r.fallbacks }]));
  }

  /** `none` without replicas, `ok` when every one is up, else `degraded`. */
  summary(): 'none' | 'ok' | 'degraded' {
    return replicasSummary(this.replicas.map((r) => ({ state: r.status })));
  }

  /**
   * Runs read-only work on a replica (the primary when none is usable) in one REPEATABLE READ,
   * READ ONLY transaction: every statement of `work` sees the same snapshot, so a version read
   * first and the rows read after it always agree (the analysis cache relies on it), whichever
   * server answered and however far it lags.
   *
   * Only for work that may be a moment behind the primary: analyses, the evidence map, exports
   * and the researcher data set. Everything else stays on the primary (the app's data source).
   */
  async readFromReplica<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const chosen = this.choose();
    if (chosen) {
      let runner: QueryRunner | undefined;
      try {
        runner = chosen.source.createQueryRunner();
        await runner.connect();
      } catch (error) {
        await runner?.release().catch(() => undefined);
        this.failed(chosen.replica, error);
        return inSnapshot(this.db.createQueryRunner(), work);
      }
      try {
        return await inSnapshot(runner, work);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.failed(chosen.replica, error);
      }
    }
    return inSnapshot(this.db.createQueryRunner(), work);
  }

  /**
   * A connected query runner for a streamed read (exports): on a replica when one is usable, else
   * on the primary. The caller releases it. A replica that fails while the rows stream cannot be
   * replaced mid-response: that export fails (and the replica is marked down by the next probe).
   */
  async connectForRead(): Promise<QueryRunner> {
    const chosen = this.choose();
    if (chosen) {
      let runner: QueryRunner | undefined;
      try {
        runner = chosen.source.createQueryRunner();
        await runner.connect();
        return runner;
      } catch (error) {
        await runner?.release().catch(() => undefined);
        this.failed(chosen.replica, error);
      }
    }
    const runner = this.db.createQueryRunner();
    await runner.connect();
    return runner;
  }

  /** An up replica's data source, round robin; none (fallbacks counted and logged) when none is usable. */
  private choose(): { replica: Replica; source: DataSource } | undefined {
    if (this.replicas.length === 0) return undefined;
    const views = this.replicas.map((r) => ({ state: r.source?.isInitialized ? r.status : ('down' as const) }));
    const pick = pickReplica(views, this.cursor);
    if (pick.index !== null) {
      this.cursor = pick.next % this.replicas.length;
      const replica = this.replicas[pick.index];
      return { replica, source: replica.source! };
    }
    for (const { index, reason } of pick.reasons) this.countFallback(this.replicas[index], reason);
    return undefined;
  }

  private countFallback(replica: Replica, reason: FallbackReason, detail?: string): void {
    replica.fallbacks[reason] += 1;
    const why = detail ?? replica.lastError ?? reason;
    const line = `read sent to the primary instead of replica ${replica.name} (${reason}): ${why}`;
    if (reason === 'failed') this.logger.warn(line);
    else this.logger.log(line);
  }

  /** A read on `replica` failed at the connection: count it, mark the replica down, close its pool. */
  private failed(replica: Replica, error: unknown): void {
    const problem = oneLine(error);
    this.countFallback(replica, 'failed', problem);
    this.setState(replica, 'down', problem, null, null);
    void this.close(replica);
  }

  private setState(
    replica: Replica,
    status: ReplicaStatus,
    problem: string | null,
    lagSeconds: number | null,
    lagBytes: number | null,
    firstProbe = false,
  ): void {
    replica.lagSeconds = lagSeconds;
    replica.lagBytes = lagBytes;
    replica.lastError = problem;
    if (replica.status === status && !firstProbe) return;
    const was = firstProbe ? 'not probed yet' : `was ${replica.status}`;
    if (replica.status !== status) replica.since = new Date();
    replica.status = status;
    const line = `replica ${replica.name} is ${status} (${was})${problem ? `: ${problem}` : ''}`;
    if (status === 'up') this.logger.log(line);
    else this.logger.warn(line);
  }

  private async close(replica: Replica): Promise<void> {
    const source = replica.source;
    replica.source = undefined;
    replica.opening = undefined;
    if (source?.isInitialized) await source.destroy().catch(() => undefined);
  }

  /** Opens the replica's data source and checks its login role, once per (re)connection. */
  private open(replica: Replica): Promise<DataSource> {
    if (replica.source?.isInitialized) return Promise.resolve(replica.source);
    replica.opening ??= (async () => {
      const base = dataSourceOptions(replica.url);
      const source = new DataSource({
        ...base,
        migrations: [],
        installExtensions: false,
        extra: { ...(base.extra as object), connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
      } as typeof base);
      await source.initialize();
      try {
        applyDbContextOnCheckout((source.driver as unknown as { master: Pool }).master);
        await assertReplicaLogin(source);
      } catch (error) {
        await source.destroy().catch(() => undefined);
        throw error;
      }
      if (this.stopped) {
        await source.destroy().catch(() => undefined);
        throw new Error('shutting down');
      }
      replica.source = source;
      return source;
    })().finally(() => {
      replica.opening = undefined;
    });
    return replica.opening;
  }

  private async probeAll(): Promise<void> {
    if (this.stopped) return;
    // The primary's WAL position first: a replica read after it can only be at or behind it.
    const primaryLsn = await withTimeout(
      this.db.query<{ lsn: string }[]>('SELECT pg_current_wal_lsn()::text AS lsn'),
      CONNECT_TIMEOUT_MS,
      'the primary',
    ).then(
      (rows) => rows[0]?.lsn ?? null,
      () => null,
    );
    await Promise.all(this.replicas.map((r) => this.probe(r, primaryLsn)));
  }

  private async probe(replica: Replica, primaryLsn: string | null): Promise<void> {
    if (replica.probing || this.stopped) return;
    replica.probing = true;
    try {
      const [row] = await withTimeout(
        this.open(replica).then((source) =>
          source.query<{ recovery: boolean; replayed: string | null; lag_seconds: number }[]>(PROBE_SQL),
        ),
        CONNECT_TIMEOUT_MS,
        'the replica',
      );
      if (this.stopped) return;
      const first = replica.checkedAt === null;
      const result = classifyProbe(
        {
          inRecovery: row.recovery,
          replayLsn: row.replayed,
          lagSeconds: Number(row.lag_seconds),
          primaryLsn,
        },
        this.config.replicaMaxLagSeconds,
      );
      replica.checkedAt = new Date();
      this.setState(replica, result.state, result.problem, result.lagSeconds, result.lagBytes, first);
      if (result.state === 'down') await this.close(replica);
    } catch (error) {
      if (this.stopped) return;
      const first = replica.checkedAt === null;
      replica.checkedAt = new Date();
      this.setState(replica, 'down', oneLine(error), null, null, first);
      await this.close(replica);
    } finally {
      replica.probing = false;
    }
  }
}

/**
 * The startup check of the app's login role (app-login.ts), run on the replica itself: it is a
 * physical copy of the primary, so this only fails when a replica URL reaches some other server
 * or logs in as another role; such a replica stays down.
 */
async function assertReplicaLogin(source: DataSource): Promise<void> {
  const pool = (source.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  try {
    const role = (await client.query<{ role: string }>('SELECT session_user AS role')).rows[0].role;
    const problems = await loginRoleProblems(client, role);
    if (problems.length > 0) {
      throw new Error(
        `refused: its login role ${role} ${problems.join(', ')}; the app reads only as a role that owns nothing and cannot bypass row-level security (docs/deploy.md)`,
      );
    }
  } finally {
    client.release();
  }
}

async function inSnapshot<T>(runner: QueryRunner, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
