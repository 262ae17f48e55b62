import type { DataSource, QueryRunner } from 'typeorm';
import { asSystem } from '../database/db-context';
import { JOB_SCHEMA } from './job-schema';

/**
 * Whether a running job's worker is alive (issue 18). The worker holds a PostgreSQL advisory lock
 * named after the job on a connection of its own for as long as the job runs; PostgreSQL releases
 * it the moment that connection ends — the process killed, the machine gone (TCP keepalives on
 * that connection find a vanished peer within about a minute). Any instance that can take the lock
 * of a job still marked `running` knows its worker is gone, and ends the job `failed`. The
 * import's writes and its `completed` mark commit in one transaction, so a job whose worker died
 * before that commit wrote nothing.
 */
const LOCK = `pg_advisory_lock(hashtextextended('outcome-ledger job ' || $1, 0))`;
const TRY_LOCK = `pg_try_advisory_lock(hashtextextended('outcome-ledger job ' || $1, 0))`;
const UNLOCK = `pg_advisory_unlock(hashtextextended('outcome-ledger job ' || $1, 0))`;

/** How often every instance looks for jobs whose worker is gone. */
export const ORPHAN_CHECK_INTERVAL_MS = 15_000;

export const ORPHANED_MESSAGE =
  'the import stopped and wrote nothing: the server running it stopped (restarted or lost); upload the file again';

/**
 * Takes the job's liveness lock on a connection of its own; call before marking the job running.
 * Returns the release (call after the job's final state is recorded).
 */
export async function holdJobLiveness(db: DataSource, jobId: string): Promise<() => Promise<void>> {
  const runner: QueryRunner = db.createQueryRunner('master');
  await runner.connect();
  try {
    // The server notices a vanished client within ~60 s instead of the kernel's 2 hours.
    await runner.query(
      `SELECT set_config('tcp_keepalives_idle', '30', false), set_config('tcp_keepalives_interval', '10', false),
              set_config('tcp_keepalives_count', '3', false)`,
    );
    await runner.query(`SELECT ${LOCK}`, [jobId]);
  } catch (error) {
    await runner.release();
    throw error;
  }
  return async () => {
    try {
      await runner.query(`SELECT ${UNLOCK}`, [jobId]);
    } finally {
      await runner.release();
    }
  };
}

/**
 * A queued job that nobody is about to run: its queue entry is not waiting (`created`/`retry`) —
 * a worker took it (`active`) and may have died before marking it running, or the entry is gone.
 * Such a job is ended like a running one whose worker is gone, by the same lock test.
 */
export const NOT_STARTED_MESSAGE =
  'the import did not start and wrote nothing: the server that took it stopped before it began; upload the file again';

const CANDIDATES = `
  SELECT j.id, j.state FROM jobs j WHERE j.state = 'running'
  UNION ALL
  SELECT j.id, j.state FROM jobs j
   WHERE j.state = 'queued'
     AND NOT EXISTS (SELECT 1 FROM ${JOB_SCHEMA}.job b
                      WHERE b.data->>'jobId' = j.id::text AND b.state IN ('created', 'retry'))`;

/**
 * Ends `failed` every job whose worker has held no liveness lock at two checks in a row
 * (`freeBefore`: the jobs found free at the previous check) — running jobs, and queued jobs that
 * are not waiting in the queue — and drops its stored file. Two, because a restart of PostgreSQL
 * ends the lock's connection while the worker lives (the worker then fails the job itself, with
 * the database as the reason, within the next interval), and a worker that just took a job
 * takes its lock a moment later. Returns the jobs it ended and those found free this time.
 */
export function failOrphanedJobs(
  db: DataSource,
  freeBefore: ReadonlySet<string>,
): Promise<{ ended: { id: string; message: string }[]; free: Set<string> }> {
  return asSystem(async () => {
    const candidates = await db.query<{ id: string; state: 'running' | 'queued' }[]>(CANDIDATES);
    const ended: { id: string; message: string }[] = [];
    const free = new Set<string>();
    if (candidates.length === 0) return { ended, free };
    const runner = db.createQueryRunner('master');
    await runner.connect();
    try {
      for (const { id, state } of candidates) {
        const [{ unlocked }] = await runner.manager.query<{ unlocked: boolean }[]>(`SELECT ${TRY_LOCK} AS unlocked`, [
          id,
        ]);
        if (!unlocked) continue;
        try {
          if (!freeBefore.has(id)) {
            free.add(id);
            continue;
          }
          const message = state === 'running' ? ORPHANED_MESSAGE : NOT_STARTED_MESSAGE;
          const updated = await runner.manager.query<unknown[]>(
            `WITH ended AS (
               UPDATE jobs SET state = 'failed', finished_at = now(),
                      result = jsonb_build_object('written', 0, 'message', $2::text)
                WHERE id = $1 AND state = $3 RETURNING id)
             SELECT id FROM ended`,
            [id, message, state],
          );
          await runner.query(`DELETE FROM job_files WHERE job_id = $1`, [id]);
          if (updated.length > 0) ended.push({ id, message });
        } finally {
          await runner.query(`SELECT ${UNLOCK}`, [id]);
        }
      }
    } finally {
      await runner.release();
    }
    return { ended, free };
  });
}
