import { PgBoss } from 'pg-boss';
import type { Client } from 'pg';
import { APP_DB_ROLE } from '../database/db-context';
import { withPgClient } from '../database/pg-client';
import { JOB_QUEUES } from './queues';

export const JOB_SCHEMA = 'pgboss';

/**
 * Where a pg-boss 10 schema (schema version below 25) is kept while pg-boss 12 installs afresh:
 * pg-boss 11 and later cannot migrate from it (their oldest starting version is 25).
 */
export const OLD_JOB_SCHEMA = 'pgboss_v10';
const FIRST_V11_SCHEMA_VERSION = 25;

/**
 * Installs or upgrades pg-boss's schema and creates every queue, as the tables' owner; then lets
 * the app's login role use them (rows only: it cannot create or drop a table there either). The
 * login role is NOINHERIT, so the privileges are granted to it directly. Runs under the startup
 * lock (main.ts), one starting instance at a time.
 *
 * A database still on pg-boss 10's schema is moved aside (OLD_JOB_SCHEMA), pg-boss 12 installs
 * into `pgboss`, the jobs waiting in the old queue are copied over under the same ids (the jobs
 * table's ids are the queue's ids), and the old schema is dropped. Each step leaves a state the
 * next start resumes from; once done, a start finds nothing to move.
 */
export async function installJobSchema(ownerUrl: string, loginRole: string): Promise<void> {
  const oldQueues = await withPgClient(ownerUrl, setAsideOldSchema);
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    max: 1,
    migrate: true,
    supervise: false,
    schedule: false,
    registerInstance: false,
    application_name: 'outcome-ledger-migrations',
  });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const queue of new Set([...Object.values(JOB_QUEUES), ...(oldQueues ?? [])])) await boss.createQueue(queue);
  } finally {
    await boss.stop({ graceful: false });
  }
  await withPgClient(ownerUrl, async (client) => {
    if (oldQueues) await moveOldWaitingJobs(client);
    const role = client.escapeIdentifier(loginRole);
    await client.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${role}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${role}`);
    // Requests queue their job in the transaction that records it (JobQueue.send with a manager),
    // running as their actor role; every actor role is a member of the app role. They may add
    // jobs and see the queue, nothing more.
    await client.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${APP_DB_ROLE}`);
    await client.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${APP_DB_ROLE}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${APP_DB_ROLE}`);
  });
}

/**
 * Renames a pg-boss 10 schema to OLD_JOB_SCHEMA. Returns null when there is no old schema (now, or
 * left by an interrupted upgrade), else the names of its queues with waiting jobs.
 */
async function setAsideOldSchema(client: Client): Promise<string[] | null> {
  const exists = async (table: string) =>
    (await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table])).rows[0].exists;
  if (await exists(`${JOB_SCHEMA}.version`)) {
    const { rows } = await client.query<{ version: number }>(
      `SELECT max(version) AS version FROM ${JOB_SCHEMA}.version`,
    );
    if (rows[0].version < FIRST_V11_SCHEMA_VERSION) {
      await client.query(`ALTER SCHEMA ${JOB_SCHEMA} RENAME TO ${OLD_JOB_SCHEMA}`);
    }
  }
  if (!(await exists(`${OLD_JOB_SCHEMA}.job`))) return null;
  const { rows } = await client.query<{ name: string }>(
    `SELECT DISTINCT name FROM ${OLD_JOB_SCHEMA}.job WHERE state::text IN ('created', 'retry') ORDER BY name`,
  );
  return rows.map((row) => row.name);
}

/**
 * Copies the jobs waiting in the old schema (created, or waiting to retry) into pg-boss 12's job
 * table with their ids, payloads, start times and retry settings, then drops the old schema; in
 * one transaction, and a job already copied (an interrupted earlier run) is left as it is.
 */
async function moveOldWaitingJobs(client: Client): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO ${JOB_SCHEMA}.job (id, name, priority, data, state, retry_limit, retry_count, retry_delay,
                                      retry_backoff, start_after, created_on, singleton_key, expire_seconds,
                                      keep_until, policy)
       SELECT o.id, o.name, o.priority, o.data, o.state::text::${JOB_SCHEMA}.job_state, o.retry_limit, o.retry_count,
              o.retry_delay, o.retry_backoff, o.start_after, o.created_on, o.singleton_key,
              GREATEST(1, ceil(extract(epoch FROM o.expire_in)))::int, o.keep_until, q.policy
         FROM ${OLD_JOB_SCHEMA}.job o JOIN ${JOB_SCHEMA}.queue q ON q.name = o.name
        WHERE o.state::text IN ('created', 'retry')
       ON CONFLICT DO NOTHING`,
    );
    await client.query(`DROP SCHEMA ${OLD_JOB_SCHEMA} CASCADE`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
