import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { Evaluation } from '../database/entities/evaluation.entity';
import { EDITABLE_STATUSES } from '../vocabulary/evaluations';
import { Indicator } from '../database/entities/indicator.entity';
import { Job } from '../database/entities/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobsService } from '../jobs/jobs.service';
import { JOB_QUEUES } from '../jobs/queues';
import {
  MEASUREMENT_KEY_COLUMNS,
  MEASUREMENT_VALUE_COLUMNS,
  OutcomeMeasurement,
} from '../database/entities/outcome-measurement.entity';
import { failedOutcome, jobActor, RowErrors, runImportJob, type ImportJobOptions } from './import-runner';
import type { CheckResult, CopyTarget } from './measurement-check';
import type { CheckWorkerData, FromWorker } from './measurement-check.worker';

export const IMPORT_QUEUE = JOB_QUEUES.outcomeMeasurementImports;

/**
 * The heap an import's worker thread may use: a file can fail its import, never the server.
 * XLSX keeps the workbook's shared strings in memory while it reads, so it gets more room.
 */
const IMPORT_WORKER_HEAP_MB = { csv: 64, xlsx: 256 } as const;

/** The combination that must be unique within an evaluation (outcome_measurements_unique). */

/** A COPY … FROM STDIN stream fed in 64 KB pieces with backpressure; a database error stops it. */
class CopyWriter {
  private buffer = '';
  private failure: Error | null = null;
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly failed: Promise<void>;

  constructor(client: PoolClient, sql: string) {
    this.stream = client.query(copyFrom(sql));
    this.failed = new Promise((resolve) => {
      this.stream.once('error', (error: Error) => {
        this.failure = error;
        resolve();
      });
    });
  }

  get error(): Error | null {
    return this.failure;
  }

  /** Buffers a line; a promise only when the database asks us to wait (most rows cost no await). */
  write(line: string): Promise<void> | undefined {
    if (this.failure) return undefined;
    this.buffer += line;
    if (this.buffer.length < 1 << 16) return undefined;
    const chunk = this.buffer;
    this.buffer = '';
    if (this.stream.write(chunk)) return undefined;
    return Promise.race([once(this.stream, 'drain'), this.failed]).then(() => undefined);
  }

  /** Ends the COPY; resolves with the database's error, if any (e.g. a unique violation). */
  async end(): Promise<Error | null> {
    if (!this.failure) {
      if (this.buffer) this.stream.write(this.buffer);
      this.buffer = '';
      this.stream.end();
      await Promise.race([once(this.stream, 'finish'), this.failed]);
    }
    return this.failure;
  }
}

/** The checked values as the temporary tables hold them, in MEASUREMENT_VALUE_COLUMNS order. */
const VALUE_COLUMN_TYPES = `indicator_id int, arm text, timepoint text, timepoint_label text, measured_on date,
  sex text, age_band text, region text, n int, events int, mean float8, sd float8, value float8`;

const isUniqueViolation = (error: Error | null) => (error as { code?: string } | null)?.code === '23505';

/**
 * Runs an outcome-measurement import. Every row is checked with the API's rules (the DTO's rules
 * on a fast path, `checkMeasurement`) as the file streams in, and copied to a temporary table in the
 * same pass, then inserted in one statement, inside one transaction that holds the evaluation; any problem rolls everything back.
 * When a row fails, or the unique index refuses a repeated combination (within the file or with a
 * stored measurement), the file is read again into a staging table to name every problem with its
 * row. `mode=upsert` and that diagnosis share the staged path; a dry run rolls back at the end.
 */
@Injectable()
export class MeasurementImportRunner {
  private readonly logger = new Logger('MeasurementImport');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    queue: JobQueue,
  ) {
    queue.register(IMPORT_QUEUE, (jobId) => this.run(jobId));
  }

  run(jobId: string): Promise<void> {
    return runImportJob(this.jobs, this.logger, jobId, (job) => this.process(job));
  }

  private async process(job: Job): Promise<Partial<Job>> {
    const { mode } = job.options as unknown as ImportJobOptions;
    if (mode !== 'upsert') {
      const direct = await this.inTransaction(job, (runner, evaluation) => this.direct(job, runner, evaluation));
      if (direct !== 'diagnose') return direct;
    }
    return this.inTransaction(job, (runner, evaluation) => this.staged(job, runner, evaluation));
  }

  /** A transaction with the evaluation locked and still editable; committed unless `work` fails or rolls back. */
  private async inTransaction<T>(
    job: Job,
    work: (runner: QueryRunner, evaluation: Evaluation) => Promise<{ commit: boolean; result: T }>,
  ): Promise<T> {
    const runner = this.db.createQueryRunner('master');
    await runner.connect();
    await runner.startTransaction();
    try {
      const evaluation = await runner.manager
        .getRepository(Evaluation)
        .createQueryBuilder('evaluation')
        .setLock('pessimistic_write', undefined, ['evaluation'])
        .where('evaluation.id = :id', { id: job.subjectId })
        .getOneOrFail();
      if (!EDITABLE_STATUSES.includes(evaluation.status)) {
        throw new Error(`evaluation ${evaluation.id} is ${evaluation.status}; its numbers cannot change`);
      }
      const { commit, result } = await work(runner, evaluation);
      if (commit) {
        await this.jobs.finish(job.id, result as Partial<Job>, runner.manager);
        await runner.commitTransaction();
      } else await runner.rollbackTransaction();
      return result;
    } catch (error) {
      // A lost connection has already released the runner: the rollback's own failure must not
      // hide why the import stopped (PostgreSQL rolls back what a dead connection left open).
      if (runner.isTransactionActive && !runner.isReleased) {
        await runner
          .rollbackTransaction()
          .catch((rollbackError: unknown) => this.logger.warn(`rollback failed: ${String(rollbackError)}`));
      }
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Reads and checks every row in a worker thread (MeasurementChecker) and hands the COPY text of
   * the valid ones to `write`, piece by piece, with backpressure both ways. Returns the counts
   * and the row errors.
   */
  private async checkRows(
    job: Job,
    evaluation: Evaluation,
    target: CopyTarget,
    stopAfterError: boolean,
    write: (text: string) => Promise<void> | undefined,
  ) {
    const indicators = await this.db.manager.find(Indicator);
    const { format, size } = job.options as unknown as ImportJobOptions;
    const data: CheckWorkerData = {
      context: {
        evaluationId: evaluation.id,
        organizationId: evaluation.organizationId,
        design: evaluation.design,
        indicators: indicators.map(({ id, code, measureType, minValue, maxValue }) => ({
          id,
          code,
          measureType,
          minValue,
          maxValue,
        })),
      },
      format,
      target,
      stopAfterError,
    };
    const heapMb = IMPORT_WORKER_HEAP_MB[format];
    const file = this.jobs.file(job.id)[Symbol.asyncIterator]();
    let bytes = 0;
    let lastReport = Date.now();
    const worker = new Worker(join(__dirname, 'measurement-check.worker.js'), {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 },
    });
    try {
      const result = await new Promise<CheckResult>((resolve, reject) => {
        const handle = async (message: FromWorker) => {
          if ('need' in message) {
            const next = await file.next();
            if (next.done) {
              worker.postMessage({ end: true });
            } else {
              bytes += next.value.length;
              const piece = new Uint8Array(next.value);
              worker.postMessage({ piece }, [piece.buffer]);
            }
          } else if ('lines' in message) {
            const wait = write(message.lines);
            if (wait) await wait;
            worker.postMessage({ ack: true });
          } else if ('progress' in message) {
            if (Date.now() - lastReport > 500) {
              lastReport = Date.now();
              const progress = Math.min(99, Math.floor((bytes / Math.max(size, 1)) * 100));
              await this.jobs.update(job.id, { processedRows: message.progress, progress });
            }
          } else if ('done' in message) {
            resolve(message.done);
          } else {
            reject(new Error(message.failed));
          }
        };
        worker.on('message', (message: FromWorker) => void handle(message).catch(reject));
        worker.on('error', (error: Error & { code?: string }) =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new Error(`checking the file needed more than ${heapMb} MB of memory`)
              : error,
          ),
        );
        worker.on('exit', (code) => reject(new Error(`the file checker stopped (exit code ${code})`)));
      });
      const codes = new Map(indicators.map((i) => [i.id, i.code]));
      return { ...result, errors: RowErrors.from(result.errors, result.errorCount), codes };
    } finally {
      await worker.terminate();
    }
  }

  private summary(job: Job, counts: { processed: number; skipped: number; valid: number }) {
    const { fileName } = job.options as unknown as ImportJobOptions;
    return {
      rows: counts.processed,
      skippedBlankRows: counts.skipped,
      valid: counts.valid,
      invalid: counts.processed - counts.valid,
      fileName,
    };
  }

  /** The fast path (mode=insert): COPY into a temporary table while checking, then one INSERT. */
  private async direct(
    job: Job,
    runner: QueryRunner,
    evaluation: Evaluation,
  ): Promise<{ commit: boolean; result: Partial<Job> | 'diagnose' }> {
    const { dryRun } = job.options as unknown as ImportJobOptions;
    // COPY FROM cannot write to a table under row-level security: the rows go to a temporary table
    // (no indexes, no WAL) and from there into outcome_measurements in one INSERT, which the policies check.
    const columns = `organization_id, evaluation_id, ${MEASUREMENT_VALUE_COLUMNS.join(', ')}, version`;
    await runner.query(
      `CREATE TEMP TABLE import_direct (organization_id int, evaluation_id int, ${VALUE_COLUMN_TYPES}, version int)
       ON COMMIT DROP`,
    );
    const copy = new CopyWriter((await runner.connect()) as PoolClient, `COPY import_direct (${columns}) FROM STDIN`);
    const counts = await this.checkRows(job, evaluation, 'direct', true, (text) => copy.write(text));
    const copyError = await copy.end();
    if (copyError) throw copyError;
    const summary = this.summary(job, counts);
    if (counts.processed === 0) return { commit: false, result: failedOutcome(0, counts.errors, summary) };
    // Problems: the staged pass reads the file again and lists every one, repeated rows included.
    if (counts.errors.count > 0) return { commit: false, result: 'diagnose' };
    const insertError = await runner
      .query(`INSERT INTO outcome_measurements (${columns}) SELECT ${columns} FROM import_direct`)
      .then(
        () => null,
        (error: Error) => (error as { driverError?: Error }).driverError ?? error,
      );
    if (isUniqueViolation(insertError)) return { commit: false, result: 'diagnose' };
    if (insertError) throw insertError;
    const done = { state: 'completed' as const, processedRows: counts.processed, totalRows: counts.processed };
    if (dryRun) {
      return {
        commit: false,
        result: {
          ...done,
          result: { ...summary, dryRun: true, written: 0, wouldInsert: counts.valid, wouldReplace: 0 },
        },
      };
    }
    const result = { ...summary, written: counts.valid, inserted: counts.valid, replaced: 0 };
    await this.auditImport(runner.manager, job, evaluation.id, result);
    return { commit: true, result: { ...done, result } };
  }

  /**
   * The staged path: rows go to a temporary table first, repeated combinations are found in SQL
   * (with their row numbers), then stored ones are replaced (mode=upsert, audited one by one) and
   * new ones inserted in one statement.
   */
  private async staged(
    job: Job,
    runner: QueryRunner,
    evaluation: Evaluation,
  ): Promise<{ commit: boolean; result: Partial<Job> }> {
    const { dryRun, mode } = job.options as unknown as ImportJobOptions;
    await runner.query(`CREATE TEMP TABLE import_rows (row_number int, ${VALUE_COLUMN_TYPES}) ON COMMIT DROP`);
    const copy = new CopyWriter(
      (await runner.connect()) as PoolClient,
      `COPY import_rows (row_number, ${MEASUREMENT_VALUE_COLUMNS.join(', ')}) FROM STDIN`,
    );
    const counts = await this.checkRows(job, evaluation, 'staged', false, (text) => copy.write(text));
    const copyError = await copy.end();
    if (copyError) throw copyError;
    const { errors, codes } = counts;
    const sameKey = MEASUREMENT_KEY_COLUMNS.map((c) => `s.${c} = m.${c}`).join(' AND ');

    const repeats = (await runner.query(
      `SELECT row_number, first, indicator_id FROM (
         SELECT row_number, indicator_id, min(row_number) OVER (PARTITION BY ${MEASUREMENT_KEY_COLUMNS.join(', ')}) AS first
           FROM import_rows) d
        WHERE row_number <> first ORDER BY row_number`,
    )) as { row_number: number; first: number; indicator_id: number }[];
    for (const r of repeats) {
      errors.add(
        r.row_number,
        'indicator_code',
        codes.get(r.indicator_id),
        `repeats row ${r.first} (same indicator, arm, timepoint and disaggregation)`,
      );
    }
    const stored = (await runner.query(
      `SELECT s.row_number, m.id, s.indicator_id FROM import_rows s
         JOIN outcome_measurements m ON m.evaluation_id = $1 AND ${sameKey} ORDER BY s.row_number`,
      [evaluation.id],
    )) as { row_number: number; id: number; indicator_id: number }[];
    if (mode !== 'upsert') {
      for (const r of stored) {
        errors.add(
          r.row_number,
          'indicator_code',
          codes.get(r.indicator_id),
          `measurement ${r.id} already records this combination; import with mode=upsert (replace existing numbers) to replace it`,
        );
      }
    }
    errors.listed.sort((a, b) => a.row - b.row);
    const summary = this.summary(job, counts);
    if (counts.processed === 0 || errors.count > 0) {
      return { commit: false, result: failedOutcome(counts.processed, errors, summary) };
    }
    const done = { state: 'completed' as const, processedRows: counts.processed, totalRows: counts.processed };
    const replaced = stored.length;
    if (dryRun) {
      return {
        commit: false,
        result: {
          ...done,
          result: {
            ...summary,
            dryRun: true,
            written: 0,
            wouldInsert: counts.valid - replaced,
            wouldReplace: replaced,
          },
        },
      };
    }
    await this.replaceStored(
      runner.manager,
      job,
      evaluation.id,
      stored.map((r) => r.id),
    );
    const inserted = (await runner.query(
      `INSERT INTO outcome_measurements (organization_id, evaluation_id, ${MEASUREMENT_VALUE_COLUMNS.join(', ')}, version)
       SELECT $1, $2, ${MEASUREMENT_VALUE_COLUMNS.map((c) => `s.${c}`).join(', ')}, 1 FROM import_rows s
        WHERE NOT EXISTS (SELECT 1 FROM outcome_measurements m WHERE m.evaluation_id = $2 AND ${sameKey})
       RETURNING id`,
      [evaluation.organizationId, evaluation.id],
    )) as unknown[];
    const result = { ...summary, written: inserted.length + replaced, inserted: inserted.length, replaced };
    await this.auditImport(runner.manager, job, evaluation.id, result);
    return { commit: true, result: { ...done, result } };
  }

  /** mode=upsert: each stored measurement the file names gets the file's numbers, audited with before and after. */
  private async replaceStored(manager: EntityManager, job: Job, evaluationId: number, ids: number[]) {
    for (const id of ids) {
      const before = await manager.findOneByOrFail(OutcomeMeasurement, { id });
      const [next] = await manager.query<unknown[]>(
        `UPDATE outcome_measurements m
            SET timepoint_label = s.timepoint_label, measured_on = s.measured_on, n = s.n, events = s.events,
                mean = s.mean, sd = s.sd, value = s.value, version = m.version + 1, updated_at = now()
           FROM import_rows s
          WHERE m.id = $1 AND ${MEASUREMENT_KEY_COLUMNS.map((c) => `s.${c} = m.${c}`).join(' AND ')}
          RETURNING m.id`,
        [id],
      );
      if (!next) throw new Error(`measurement ${id} changed while the file was imported`);
      const after = await manager.findOneByOrFail(OutcomeMeasurement, { id });
      await recordAudit(manager, jobActor(job), {
        action: 'update',
        entityType: 'outcome_measurement',
        entityId: id,
        subject: { type: 'evaluation', id: evaluationId },
        before,
        after,
      });
    }
  }

  private async auditImport(manager: EntityManager, job: Job, evaluationId: number, result: Record<string, unknown>) {
    await recordAudit(manager, jobActor(job), {
      action: 'import',
      entityType: 'evaluation',
      entityId: evaluationId,
      after: { jobId: job.id, ...result },
    });
  }
}
