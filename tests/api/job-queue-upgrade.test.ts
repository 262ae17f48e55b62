import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import PgBoss10 from 'pg-boss-10';
import { outcomeCsv } from '../bench/fixtures';
import { api } from '../support/api';
import { uploadOutcomeImport } from '../support/factories';
import { startOwnServer, type OwnServer } from '../support/own-server';

interface Job {
  id: string;
  state: string;
  result: { written?: number } | null;
}

interface QueueRow {
  id: string;
  name: string;
  data: { jobId: string };
  state: string;
  retry_limit: number;
  retry_count: number;
  start_after: Date;
}

const QUEUES = ['outcome-measurement-imports', 'indicator-imports', 'target-imports'];

/**
 * Issue 25: a database whose job queue is still pg-boss 10's schema (version 24), with jobs
 * waiting in it, is started by this version (pg-boss 12, which cannot migrate from 10 itself).
 * The server moves the old schema aside, installs pg-boss 12's, copies the waiting jobs over
 * under the same ids — the jobs table's ids are the queue's — and drops the old schema; a
 * queued import then runs to completion. A second start changes nothing.
 */
describe('upgrading the job queue from pg-boss 10', () => {
  let own: OwnServer;
  let owner: Client;

  beforeAll(async () => {
    own = await startOwnServer('job-queue-upgrade');
    owner = new Client({ connectionString: own.database.url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await own?.stop();
  });

  const queueRows = async (ids: string[]) =>
    (
      await owner.query<QueueRow>(
        `SELECT id, name, data, state::text AS state, retry_limit, retry_count, start_after
           FROM pgboss.job WHERE id = ANY($1::uuid[]) ORDER BY id`,
        [ids],
      )
    ).rows;

  it('keeps every waiting job under its id and runs the queued import', async () => {
    // A real import, accepted and queued through the API, held in the queue (not due for a day)
    // so that it is still waiting when the server stops.
    await owner.query(
      `CREATE FUNCTION public.test_hold_job() RETURNS trigger LANGUAGE plpgsql AS
         $$ BEGIN NEW.start_after := now() + interval '1 day'; RETURN NEW; END $$`,
    );
    await owner.query(
      `CREATE TRIGGER test_hold_job BEFORE INSERT ON pgboss.job_common FOR EACH ROW EXECUTE FUNCTION public.test_hold_job()`,
    );
    const importId = (await uploadOutcomeImport((code) => outcomeCsv(code, 40))).jobId;
    expect((await api<Job>('GET', `/api/jobs/${importId}`)).body.state).toBe('queued');
    await own.server.stop();

    // The queue as pg-boss 10 left it: its schema, the import waiting in it, a job waiting for
    // tomorrow, one waiting to retry, and one done (not copied: nothing waits for it).
    await owner.query('DROP SCHEMA pgboss CASCADE');
    await owner.query('DROP FUNCTION public.test_hold_job()');
    const boss10 = new PgBoss10({ connectionString: own.database.url, schema: 'pgboss', supervise: false });
    boss10.on('error', () => undefined);
    await boss10.start();
    const later = randomUUID();
    const retrying = randomUUID();
    const done = randomUUID();
    try {
      for (const queue of QUEUES) await boss10.createQueue(queue);
      await boss10.send('outcome-measurement-imports', { jobId: importId }, { id: importId, retryLimit: 0 });
      await boss10.send('indicator-imports', { jobId: later }, { id: later, startAfter: 86_400, retryLimit: 3 });
    } finally {
      await boss10.stop({ graceful: false, wait: true });
    }
    await owner.query(
      `INSERT INTO pgboss.job (id, name, data, state, retry_limit, retry_count, start_after)
       VALUES ($1::uuid, 'target-imports', jsonb_build_object('jobId', $1::text), 'retry', 2, 1, now() + interval '1 day'),
              ($2::uuid, 'target-imports', jsonb_build_object('jobId', $2::text), 'completed', 2, 0, now())`,
      [retrying, done],
    );
    const version = async () =>
      (await owner.query<{ v: number }>('SELECT max(version) AS v FROM pgboss.version')).rows[0].v;
    expect(await version()).toBe(24);
    const before = await queueRows([later, retrying]);
    expect(before).toHaveLength(2);

    await own.restartServer();

    const oldSchema = async () =>
      (await owner.query<{ e: boolean }>(`SELECT to_regnamespace('pgboss_v10') IS NOT NULL AS e`)).rows[0].e;
    expect(await version()).toBeGreaterThanOrEqual(25);
    expect(await oldSchema()).toBe(false);
    expect(await queueRows([later, retrying])).toEqual(before);
    expect(await queueRows([done])).toEqual([]);

    // The import queued under pg-boss 10 runs on pg-boss 12 under its own id.
    let job: Job;
    for (;;) {
      job = (await api<Job>('GET', `/api/jobs/${importId}`)).body;
      if (job.state !== 'queued' && job.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(job.state).toBe('completed');
    expect(job.result?.written).toBeGreaterThan(0);
    expect((await queueRows([importId])).map((row) => [row.data.jobId, row.state])).toEqual([[importId, 'completed']]);

    // A second start finds nothing to move.
    const all = async () =>
      (await owner.query<{ id: string; state: string }>(`SELECT id, state::text FROM pgboss.job ORDER BY id`)).rows;
    const snapshot = await all();
    const schemaVersion = await version();
    await own.server.stop();
    await own.restartServer();
    expect(await all()).toEqual(snapshot);
    expect(await version()).toBe(schemaVersion);
    expect(await oldSchema()).toBe(false);
  });
});
