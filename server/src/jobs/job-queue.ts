import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_URL } from '../config/config';

export type JobHandler = (jobId: string) => Promise<void>;

/**
 * The job queue: pg-boss on the application's own PostgreSQL (schema `pgboss`), so there is no
 * other stateful service. Features register a handler per queue; any API instance may run it.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, JobHandler>();
  private started = false;

  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'outcome-ledger-jobs',
    });
    this.boss.on('error', (error: Error) => this.logger.error(error.message));
  }

  /** Declares what to run for a queue; call from a module's constructor. */
  register(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const [queue, handler] of this.handlers) {
      await this.boss.createQueue(queue);
      await this.boss.work<{ jobId: string }>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
        await handler(job.data.jobId);
      });
    }
  }

  async send(queue: string, jobId: string): Promise<void> {
    await this.boss.send(queue, { jobId }, { retryLimit: 0 });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
  }
}
