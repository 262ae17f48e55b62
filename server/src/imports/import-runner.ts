import type { Role } from '../vocabulary/roles';
import { Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ValidationError } from 'class-validator';
import type { Job, RowError } from '../database/entities/job.entity';
import type { JobsService } from '../jobs/jobs.service';
import { isDatabaseUnavailable, retryWhileDatabaseUnavailable } from '../common/unavailable';
import { quotableText, textProblem } from '../vocabulary/text';
import { openRows, type ImportFormat, type ImportRecord } from './import-format';

/** How many row errors a job lists (all are counted). */
export const MAX_LISTED_ERRORS = 1000;

export interface ImportJobOptions {
  format: ImportFormat;
  dryRun: boolean;
  mode: 'insert' | 'upsert';
  fileName: string;
  size: number;
  /** The role of the user who started the import, as it was then. */
  role: Role;
}

/** Row errors of one import: counted in full, listed up to MAX_LISTED_ERRORS. */
export class RowErrors {
  readonly listed: RowError[] = [];
  count = 0;

  /** Errors counted elsewhere (the import's worker thread), to add more to. */
  static from(listed: RowError[], count: number): RowErrors {
    const errors = new RowErrors();
    errors.listed.push(...listed);
    errors.count = count;
    return errors;
  }

  /** The value and message are quoted with unstorable characters replaced (the job's errors are jsonb). */
  add(row: number, column: string, value: string | undefined, message: string, code?: string): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_ERRORS) {
      const error: RowError = { row, column, value: quotableText(value ?? ''), message: quotableText(message) };
      this.listed.push(code ? { ...error, code } : error);
    }
  }

  /**
   * The API's text rule for every cell of a row (vocabulary/text.ts: no U+0000, no lone surrogates,
   * no characters XML cannot hold): each bad cell is a row error with its column and code, wherever
   * it is in the file. True when the row had one (it is then not checked further, nor written).
   */
  addTextProblems(row: number, values: Record<string, string>): boolean {
    let found = false;
    for (const [column, value] of Object.entries(values)) {
      const problem = textProblem(value);
      if (!problem) continue;
      this.add(row, column, value, problem.message, problem.code);
      found = true;
    }
    return found;
  }
}

/** class-validator errors as `{ field, message }` without the field name repeated in the message. */
export function validationProblems(errors: ValidationError[]): { field: string; message: string }[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) => ({
      field: e.property,
      message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    })),
  );
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A cell as a number when it is one, null when empty, else the text (for the validator to refuse). */
export function cellNumber(text: string | undefined): number | string | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  return NUMBER.test(t) ? Number(t) : t;
}

/** The stored upload's rows, with a progress callback that reports the share of bytes read. */
export async function jobRows(
  jobs: JobsService,
  job: Job,
): Promise<{ rows: AsyncGenerator<ImportRecord>; progress: () => number }> {
  const { format, size } = job.options as unknown as ImportJobOptions;
  let bytesRead = 0;
  const pieces = jobs.file(job.id);
  const source = Readable.from(
    (async function* () {
      for await (const piece of pieces) {
        bytesRead += piece.length;
        yield piece;
      }
    })(),
  );
  const { rows } = await openRows(source, format);
  return { rows, progress: () => Math.min(99, Math.floor((bytesRead / Math.max(size, 1)) * 100)) };
}

/**
 * Runs one queued import job: marks it running, lets `process` validate and write, and records
 * the outcome; any unexpected failure leaves the job failed with nothing written (the writes run
 * in one transaction inside `process`). When the failure is the database going away, recording it
 * waits for the database to come back (retried every second for up to 10 minutes), so the job
 * never stays `running`.
 */
export async function runImportJob(
  jobs: JobsService,
  logger: Logger,
  jobId: string,
  process: (job: Job) => Promise<Partial<Job>>,
): Promise<void> {
  const job = await jobs.load(jobId);
  if (!job || job.state !== 'queued') return;
  // Held before the job is marked running, released after its end is recorded: any instance
  // that can take it while the job says running knows this worker is gone (job-liveness.ts).
  const release = await jobs.holdLiveness(jobId);
  if (!(await jobs.start(jobId))) {
    await release().catch(() => undefined);
    return;
  }
  try {
    let outcome: Partial<Job>;
    try {
      outcome = await process(job);
    } catch (error) {
      return await recordFailure(jobs, logger, jobId, error);
    }
    // Committed: recording the outcome must not turn into "wrote nothing" if the database blinks.
    await retryWhileDatabaseUnavailable(() => jobs.finish(jobId, outcome));
  } finally {
    await retryWhileDatabaseUnavailable(() => jobs.dropFile(jobId)).catch((error: unknown) =>
      logger.error(`import ${jobId}: could not drop the stored file: ${String(error)}`),
    );
    await release().catch(() => undefined);
  }
}

/** Marks the job failed with nothing written, waiting for the database if it is the cause. */
async function recordFailure(jobs: JobsService, logger: Logger, jobId: string, error: unknown): Promise<void> {
  const unavailable = isDatabaseUnavailable(error);
  const message = unavailable
    ? 'the import stopped and wrote nothing: the database became unavailable during the import; upload the file again'
    : `the import stopped and wrote nothing: ${error instanceof Error ? error.message : String(error)}`;
  if (unavailable)
    logger.warn(`import ${jobId}: ${message} (${error instanceof Error ? error.message : String(error)})`);
  else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await retryWhileDatabaseUnavailable(() => jobs.finish(jobId, { state: 'failed', result: { written: 0, message } }));
}

/** The job outcome when validation found problems, or the file had no data rows. */
export function failedOutcome(processed: number, errors: RowErrors, summary: Record<string, unknown>): Partial<Job> {
  if (processed === 0) {
    return {
      state: 'failed',
      processedRows: 0,
      totalRows: 0,
      errors: [{ row: 2, column: '', value: '', message: 'the file has no data rows' }],
      errorCount: 1,
      result: { ...summary, written: 0 },
    };
  }
  return {
    state: 'failed',
    processedRows: processed,
    totalRows: processed,
    errors: errors.listed,
    errorCount: errors.count,
    result: { ...summary, written: 0, message: `${errors.count} problem(s) found: nothing was imported` },
  };
}

/** Who an import's audit rows name: the user who started the job, in their organization, under the request's id. */
export const jobActor = (job: Job) => ({
  userId: job.actorUserId,
  organizationId: job.organizationId ?? 0,
  requestId: job.requestId ?? undefined,
});
