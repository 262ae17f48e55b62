import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DATABASE_URL } from '../config/config';
import { ACTOR_DB_ROLES } from '../database/db-context';
import { ReplicaMonitor } from '../database/replica-monitor';
import { JOB_QUEUES } from '../jobs/queues';
import type { HttpObservation } from './http-metrics';
import { ReplicaMetrics } from './replica-metrics';

/** Seconds; from a health check to a large export. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** pg-boss states of jobs not yet done: waiting, waiting to retry, running. */
const QUEUE_STATES = ['created', 'retry', 'active'] as const;
/** States of the app's jobs (the `jobs` table users see) not yet done. */
const JOB_STATES = ['queued', 'running'] as const;
const COLLECTORS = ['jobs', 'replicas'] as const;
type Collector = (typeof COLLECTORS)[number];
/** A scrape never waits long on the database: the statement is cut after this, and the scrape goes on. */
export const COLLECT_STATEMENT_TIMEOUT_MS = 2000;

/** As the login role itself: pg-boss's tables are granted to it (jobs/job-schema.ts). */
const QUEUE_DEPTH_SQL = `SELECT name, state::text AS state, count(*)::int AS n
  FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`;
/** As the `system` database role: the app's tables are granted to the app roles, under row-level security. */
const JOB_COUNTS_SQL = `SELECT state, count(*)::int AS n FROM jobs WHERE state IN ('queued', 'running') GROUP BY state`;

/**
 * This process's metrics (each instance has its own: Prometheus scrapes every instance). Counts
 * and timings of HTTP requests are recorded as they happen; the database pools, job queue depth
 * and replica state are read when Prometheus scrapes. Labels are route patterns, methods, status
 * codes, error codes, queue names, job states and replica `host:port`: never ids, names, emails or
 * anything a tenant wrote.
 */
@Injectable()
export class MetricsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();
  /**
   * A connection of its own (not the app's pool, whose checkouts take the request's actor), so
   * that a scrape still answers while the app's pool is exhausted.
   */
  private readonly collectPool: Pool;

  private readonly requests = new Counter({
    name: 'ledger_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'ledger_http_errors_total',
    help: 'HTTP requests answered with a 4xx or 5xx status, by method, route pattern, status and error code',
    labelNames: ['method', 'route', 'status', 'code'] as const,
    registers: [this.registry],
  });
  private readonly poolConnections = new Gauge({
    name: 'ledger_db_pool_connections',
    help: 'Open connections of a database pool of this process (primary, or a read replica)',
    labelNames: ['pool', 'replica'] as const,
    registers: [this.registry],
  });
  private readonly poolIdle = new Gauge({
    name: 'ledger_db_pool_idle_connections',
    help: 'Open connections of a database pool not in use',
    labelNames: ['pool', 'replica'] as const,
    registers: [this.registry],
  });
  private readonly poolWaiting = new Gauge({
    name: 'ledger_db_pool_waiting_requests',
    help: 'Requests waiting for a connection of a database pool (all connections in use)',
    labelNames: ['pool', 'replica'] as const,
    registers: [this.registry],
  });
  private readonly poolMax = new Gauge({
    name: 'ledger_db_pool_max_connections',
    help: 'Most connections a database pool of this process opens',
    labelNames: ['pool', 'replica'] as const,
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: 'ledger_job_queue_jobs',
    help: 'Jobs in the job queue (pg-boss, shared by every instance) not yet done, by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  private readonly appJobs = new Gauge({
    name: 'ledger_jobs',
    help: 'Jobs (imports) queued or running, shared by every instance, by state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  private readonly collectErrors = new Counter({
    name: 'ledger_metrics_collect_errors_total',
    help: 'Scrapes that could not read a group of metrics (they are absent from that scrape), by group',
    labelNames: ['collector'] as const,
    registers: [this.registry],
  });
  private readonly replicas = new ReplicaMetrics(this.registry);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(DATABASE_URL) databaseUrl: string,
    private readonly replicaMonitor: ReplicaMonitor,
  ) {
    // Standard names (process_*, nodejs_*): what existing Node.js dashboards expect.
    collectDefaultMetrics({ register: this.registry });
    for (const collector of COLLECTORS) this.collectErrors.inc({ collector }, 0);
    this.collectPool = new Pool({
      connectionString: databaseUrl,
      max: 1,
      idleTimeoutMillis: 60_000,
      connectionTimeoutMillis: COLLECT_STATEMENT_TIMEOUT_MS,
      statement_timeout: COLLECT_STATEMENT_TIMEOUT_MS,
      application_name: 'outcome-ledger-metrics',
    });
    // A lost idle connection (the database restarting) must not crash the process.
    this.collectPool.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.collectPool.end().catch(() => undefined);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Records one answered HTTP request (http-metrics.ts). */
  observe({ method, route, status, seconds, errorCode }: HttpObservation): void {
    this.requests.inc({ method, route, status });
    this.duration.observe({ method, route }, seconds);
    const numeric = Number(status);
    if (numeric >= 400) this.errors.inc({ method, route, status, code: errorCode ?? 'none' });
  }

  /** Reads what is measured at scrape time, then renders everything in the Prometheus text format. */
  async scrape(): Promise<string> {
    this.collectPools();
    await Promise.all([
      this.guarded('jobs', [this.queueJobs, this.appJobs], () => this.collectJobs()),
      this.guarded('replicas', [this.replicas], () => this.collectReplicas()),
    ]);
    return this.registry.metrics();
  }

  /** A group that cannot be read is absent from this scrape and counted; the scrape still answers. */
  private async guarded(
    collector: Collector,
    metrics: { reset(): void }[],
    collect: () => Promise<void>,
  ): Promise<void> {
    try {
      await collect();
    } catch (error) {
      for (const metric of metrics) metric.reset();
      this.collectErrors.inc({ collector });
      this.logger.warn(
        `could not read the ${collector} metrics: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private collectPools(): void {
    const primary = (this.db.driver as unknown as { master?: Pool }).master;
    const pools: { labels: { pool: string; replica?: string }; pool: Pool | undefined }[] = [
      { labels: { pool: 'primary' }, pool: primary },
      ...this.replicaMonitor.pools().map(({ name, pool }) => ({ labels: { pool: 'replica', replica: name }, pool })),
    ];
    for (const metric of [this.poolConnections, this.poolIdle, this.poolWaiting, this.poolMax]) metric.reset();
    for (const { labels, pool } of pools) {
      if (!pool) continue;
      this.poolConnections.set(labels, pool.totalCount);
      this.poolIdle.set(labels, pool.idleCount);
      this.poolWaiting.set(labels, pool.waitingCount);
      this.poolMax.set(labels, pool.options.max ?? 10);
    }
  }

  private async collectJobs(): Promise<void> {
    const client = await this.collectPool.connect();
    let queueRows: { name: string; state: string; n: number }[];
    let jobRows: { state: string; n: number }[];
    try {
      queueRows = (await client.query<{ name: string; state: string; n: number }>(QUEUE_DEPTH_SQL)).rows;
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL ROLE ${ACTOR_DB_ROLES.system}`);
      jobRows = (await client.query<{ state: string; n: number }>(JOB_COUNTS_SQL)).rows;
      await client.query('ROLLBACK');
    } catch (error) {
      client.release(error as Error); // never reuse a connection left in an unknown state
      throw error;
    }
    client.release();
    this.queueJobs.reset();
    this.appJobs.reset();
    const queues = new Set<string>(Object.values(JOB_QUEUES));
    for (const queue of queues) for (const state of QUEUE_STATES) this.queueJobs.set({ queue, state }, 0);
    for (const state of JOB_STATES) this.appJobs.set({ state }, 0);
    for (const row of queueRows)
      if (queues.has(row.name)) this.queueJobs.set({ queue: row.name, state: row.state }, row.n);
    for (const row of jobRows) this.appJobs.set({ state: row.state }, row.n);
  }

  private collectReplicas(): Promise<void> {
    this.replicas.record(this.replicaMonitor.replicaStates());
    return Promise.resolve();
  }
}
