/**
 * Faults (issue 9), on a PostgreSQL and a server of this suite's own (always embedded: the suite
 * stops and restarts PostgreSQL): the database stopped during a large import, two people saving
 * the same evaluation at once, and SIGTERM while 50 clients write.
 */
import { Client } from 'pg';
import { outcomeCsv } from '../bench/fixtures';
import { api, ErrorBody, listQuery, unique } from '../support/api';
import type { EmbeddedCluster } from '../support/database.mjs';
import {
  createOrganization,
  createProgram,
  evaluationInput,
  postOutcomeImport,
  programInput,
  uploadOutcomeImport,
  type Evaluation,
  type Program,
} from '../support/factories';
import { startOwnServer, type OwnServer } from '../support/own-server';
import { createToken, createUser } from '../support/sessions';

interface Job {
  id: string;
  state: string;
  processedRows: number;
  result: { written?: number; message?: string } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let own: OwnServer<EmbeddedCluster>;

/** A query as the tables' owner (not subject to row-level security). */
async function sql<T extends object>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: own.database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  own = await startOwnServer('faults', { embedded: true, env: { IMPORT_MAX_MB: '50' } });
}, 120_000);

afterAll(async () => {
  await own?.stop();
}, 120_000);

describe('PostgreSQL stopped during a large import', () => {
  it('fails the import cleanly, answers 503 with Retry-After while down, and recovers without a restart', async () => {
    const { jobId, evaluationId, indicatorCode, organizationId } = await uploadOutcomeImport((code) =>
      outcomeCsv(code, 200_000),
    );

    // Stop PostgreSQL as soon as the job is running (fast shutdown: its connections are terminated).
    for (let i = 0; i < 2000; i++) {
      const job = await api<Job>('GET', `/api/jobs/${jobId}`);
      expect(['queued', 'running']).toContain(job.body.state);
      if (job.body.state === 'running') break;
      await sleep(10);
    }
    const serverPid = own.server.child.pid;
    await own.database.stopPostgres();

    // While it is down: every route that needs the database is a 503 to retry, health included.
    const down = [
      await api<ErrorBody>('GET', '/api/health', undefined, { token: null }),
      await api<ErrorBody>('GET', '/api/programs' + listQuery({ range: [0, 9] })),
      await api<ErrorBody>('GET', `/api/jobs/${jobId}`),
      await api<ErrorBody>('POST', '/api/programs', programInput(organizationId)),
      await api<ErrorBody>('POST', '/api/auth/login', { email: 'nobody@tests.invalid', password: 'x'.repeat(12) }),
    ];
    for (const response of down) {
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(response.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'database_unavailable',
        message: response.body.message,
      });
      expect(response.body.message).toContain('database is unavailable');
    }
    expect((await api('GET', '/api/health/live', undefined, { token: null })).status).toBe(200);

    // Back: measure from the moment PostgreSQL accepts connections to the first 200 on an
    // authenticated list, polling both every 10 ms.
    let dbReadyAt: number | undefined;
    let apiReadyAt: number | undefined;
    const probeDatabase = (async () => {
      while (dbReadyAt === undefined) {
        const client = new Client({ connectionString: own.database.url, connectionTimeoutMillis: 1000 });
        try {
          await client.connect();
          dbReadyAt = Date.now();
        } catch {
          await sleep(10);
        } finally {
          await client.end().catch(() => undefined);
        }
      }
    })();
    const probeApi = (async () => {
      for (;;) {
        const response = await api('GET', '/api/programs' + listQuery({ range: [0, 9] }));
        if (response.status === 200) {
          apiReadyAt = Date.now();
          return;
        }
        expect(response.status).toBe(503);
        await sleep(10);
      }
    })();
    await own.database.startPostgres();
    await Promise.all([probeDatabase, probeApi]);
    // Both probes poll every 10 ms, and the API can answer before the probe's own connection is
    // through (negative difference): the figure is exact to about a polling interval.
    const recoveryMs = Math.max(0, apiReadyAt! - dbReadyAt!);
    console.log(
      `faults: API recovered ${recoveryMs} ms after PostgreSQL accepted connections again ` +
        `(raw difference ${apiReadyAt! - dbReadyAt!} ms)`,
    );
    expect(recoveryMs).toBeLessThanOrEqual(5000);
    expect(own.server.child.exitCode).toBeNull();
    expect(own.server.child.pid).toBe(serverPid);
    expect((await api('GET', '/api/health', undefined, { token: null })).status).toBe(200);

    // The interrupted import ends failed, says why, and wrote nothing.
    let job: Job | undefined;
    for (let i = 0; i < 600; i++) {
      job = (await api<Job>('GET', `/api/jobs/${jobId}`)).body;
      if (job.state !== 'running' && job.state !== 'queued') break;
      await sleep(100);
    }
    expect(job?.state).toBe('failed');
    expect(job?.result?.written).toBe(0);
    expect(job?.result?.message).toMatch(/database became unavailable.*wrote nothing|wrote nothing.*database/);
    const [{ count }] = await sql<{ count: string }>(
      'SELECT count(*) FROM outcome_measurements WHERE evaluation_id = $1',
      [evaluationId],
    );
    expect(Number(count)).toBe(0);

    // And the same file imports fine now.
    const retriedId = await postOutcomeImport(evaluationId, outcomeCsv(indicatorCode, 1000));
    for (let i = 0; i < 600; i++) {
      job = (await api<Job>('GET', `/api/jobs/${retriedId}`)).body;
      if (job.state === 'completed' || job.state === 'failed') break;
      await sleep(100);
    }
    expect(job?.state).toBe('completed');
  }, 300_000);
});

describe('two people saving the same evaluation at once', () => {
  it('lets exactly one of two concurrent PUTs win each round; the other gets 409 and nothing is overwritten', async () => {
    const organizationId = (await createOrganization()).id;
    const programId = (await createProgram(organizationId)).id;
    const [ana, ben] = await Promise.all([
      createUser('coordinator', organizationId),
      createUser('coordinator', organizationId),
    ]);
    const tokens = [await createToken(ana, 'write'), await createToken(ben, 'write')];
    const created = await api<Evaluation>('POST', '/api/evaluations', evaluationInput(programId), {
      token: tokens[0],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    for (let round = 0; round < 10; round++) {
      const before = (await api<Evaluation & { summary: string }>('GET', `/api/evaluations/${id}`)).body;
      const edits = tokens.map((token, who) => ({
        token,
        title: `Round ${round} by ${who === 0 ? 'Ana' : 'Ben'}`,
        summary: `Summary ${round} from ${who === 0 ? 'Ana' : 'Ben'}`,
      }));
      // Both requests are in flight at once, with the version both of them read.
      const responses = await Promise.all(
        edits.map((edit) =>
          api<Evaluation & { summary: string } & ErrorBody>(
            'PUT',
            `/api/evaluations/${id}`,
            { title: edit.title, summary: edit.summary, version: before.version },
            { token: edit.token },
          ),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const winner = responses.findIndex((r) => r.status === 200);
      const loser = responses[1 - winner];
      expect(loser.body.code).toBe('stale_version');
      const after = (await api<Evaluation & { summary: string }>('GET', `/api/evaluations/${id}`)).body;
      expect(after.version).toBe(before.version + 1);
      expect(after.title).toBe(edits[winner].title);
      expect(after.summary).toBe(edits[winner].summary);
    }
    // One audited update per round: the loser's attempts left no trace.
    const audited = await sql<{ count: string }>(
      `SELECT count(*) FROM audit_events WHERE entity_type = 'evaluation' AND entity_id = $1 AND action = 'update'`,
      [String(id)],
    );
    expect(Number(audited[0].count)).toBe(10);
  }, 120_000);
});

describe('SIGTERM while 50 clients write', () => {
  it('stops accepting, finishes in-flight writes, exits 0, and keeps every acknowledged write', async () => {
    const organizationId = (await createOrganization()).id;
    const coordinator = await createUser('coordinator', organizationId);
    const token = await createToken(coordinator, 'write');
    const server = own.server;
    const acknowledged: { id: number; name: string; startedAt: number; endedAt: number }[] = [];
    let refused = 0;
    let other = 0;
    /** When SIGTERM was sent (0: not yet). */
    const signal = { at: 0 };

    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        const name = unique(`Shutdown w${w} #${i}`);
        const startedAt = Date.now();
        try {
          const response = await api<Program>('POST', '/api/programs', programInput(organizationId, { name }), {
            token,
          });
          if (response.status === 201) {
            acknowledged.push({ id: response.body.id, name, startedAt, endedAt: Date.now() });
          } else other++;
        } catch {
          // Connection refused or closed: the server is going away; stop this client.
          refused++;
          return;
        }
        if (signal.at && Date.now() - signal.at > 30_000) return;
      }
    };
    const writers = Array.from({ length: 50 }, (_, w) => writer(w));
    while (acknowledged.length < 200) await sleep(20);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    signal.at = Date.now();
    server.child.kill('SIGTERM');
    const code = await exited;
    await Promise.all(writers);

    const straddling = acknowledged.filter((a) => a.startedAt < signal.at && a.endedAt >= signal.at).length;
    console.log(
      `faults: SIGTERM with 50 writers: exit code ${code}, ${acknowledged.length} writes acknowledged ` +
        `(${straddling} in flight at the signal), ${refused} refused, ${other} other answers`,
    );
    expect(code).toBe(0);
    expect(server.output()).toContain('SIGTERM received');
    const ids = acknowledged.map((a) => a.id);
    const stored = await sql<{ id: number; name: string }>('SELECT id, name FROM programs WHERE id = ANY($1)', [ids]);
    const byId = new Map(stored.map((row) => [row.id, row.name]));
    const missing = acknowledged.filter((a) => byId.get(a.id) !== a.name);
    expect(missing).toEqual([]);
    expect(stored).toHaveLength(acknowledged.length);
    // Whatever answered after the signal was a complete answer (no 5xx from a half-closed server).
    expect(other).toBe(0);
  }, 180_000);
});
