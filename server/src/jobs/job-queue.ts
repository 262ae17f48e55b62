import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PgBoss } from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { DATABASE_URL } from '../config/config';
import { asSystem, NOBODY, runAs, type DbActor } from '../database/db-context';
import { isDatabaseUnavailable } from '../common/unavailable';
import type { Role } from '../vocabulary/roles';
import { failOrphanedJobs, ORPHAN_CHECK_INTERVAL_MS } from './job-liveness';
import type { JobQueueName } from './queues';

export type JobHandler = (jobId: string) => Promise<void>;

/**
 * The job queue: pg-boss on the application's own PostgreSQL (schema `pgboss`), so there is no
 * other stateful service. Features register a handler per queue; any API instance may run it.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private readonly handlers = new Map<JobQueueName, JobHandler>();
  private started = false;
  private orphanCheck: NodeJS.Timeout | undefined;
  private freeAtLastCheck: ReadonlySet<string> = new Set();

  constructor(
    @Inject(DATABASE_URL) databaseUrl: string,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'outcome-ledger-jobs',
      // The owner installed the schema and every queue (job-schema.ts); the login role may not.
      migrate: false,
      schedule: false,
      // Supervision (expiry, retention, queue counts) runs as the login role; rebuilding bloated
      // indexes is DDL, which only the owner may run. Bloat is still detected and reported.
      reindex: false,
    });
    // The queue's own pool reports lost connections here (the database restarting): log them, never crash.
    this.boss.on('error', (error: Error) =>
      isDatabaseUnavailable(error)
        ? this.logger.warn(`database unavailable: ${error.message}`)
        : this.logger.error(error.message),
    );
  }

  /** Declares what to run for a queue (one of JOB_QUEUES); call from a module's constructor. */
  register(queue: JobQueueName, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
    this.orphanCheck = setInterval(() => void this.failOrphans(), ORPHAN_CHECK_INTERVAL_MS);
    this.orphanCheck.unref();
    for (const [queue, handler] of this.handlers) {
      await this.boss.work<{ jobId: string }>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
        const actor = await this.actorOf(job.data.jobId);
        await runAs(actor, () => handler(job.data.jobId));
      });
    }
  }

  /**
   * A job runs as the user who started it, with their current role and organization (row-level
   * security applies to it as to their requests); a job whose user is gone or deactivated runs as nobody.
   */
  private async actorOf(jobId: string): Promise<DbActor> {
    const [row] = await asSystem(() =>
      this.db.query<{ id: number; role: Role; organization_id: number }[]>(
        `SELECT u.id, u.role, u.organization_id FROM jobs j JOIN users u ON u.id = j.actor_user_id AND u.active WHERE j.id = $1`,
        [jobId],
      ),
    );
    return row ? { role: row.role, organizationId: row.organization_id, userId: row.id } : NOBODY;
  }

  /**
   * Queues a job recorded in the jobs table, under the same id. Pass the manager of the
   * transaction that records it: the job is then queued exactly when that transaction commits, so
   * an accepted job is never left `queued` with nothing to run it (the process stopping between
   * the two) and a rolled-back one never runs.
   */
  async send(queue: JobQueueName, jobId: string, manager?: EntityManager): Promise<void> {
    const runner = manager?.queryRunner;
    const db = runner
      ? {
          executeSql: async (text: string, values: unknown[]) => ({
            rows: ((await runner.query(text, values, true)) as { records: unknown[] }).records,
          }),
        }
      : undefined;
    await this.boss.send(queue, { jobId }, { id: jobId, retryLimit: 0, ...(db ? { db } : {}) });
  }

  /** Jobs left running by a worker that is gone end failed, seen by whichever instance looks first. */
  private async failOrphans(): Promise<void> {
    try {
      const { ended, free } = await failOrphanedJobs(this.db, this.freeAtLastCheck);
      this.freeAtLastCheck = free;
      for (const { id, message } of ended)
        this.logger.warn(`job ${id}: its worker is gone; marked failed (${message})`);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) this.logger.error(`orphaned jobs check failed: ${String(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.orphanCheck) clearInterval(this.orphanCheck);
    if (this.started) await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
