import { api, listQuery } from '../support/api';
import { createIndicator, createOrganization, createProgram, programInput, type Program } from '../support/factories';
import { adminToken, TEST_ADMIN } from '../support/server.mjs';
import {
  type Cluster,
  createDatabase,
  describeWithPostgresBinaries,
  queryOnce,
  startPrimary,
  startReplica,
} from '../support/pg-cluster';
import { createTrial, THREE_TRIALS } from '../support/portfolio';
import { startServer, type TestServer } from '../support/server.mjs';
import { createToken, createUser } from '../support/sessions';

/**
 * DATABASE_REPLICA_URLS: a real primary and a streaming replica (pg_basebackup from the machine's
 * PostgreSQL). Replay on the replica is paused while the primary changes, so the two differ and
 * the answers show which one served them: researcher exports, the evidence map and list exports
 * come from the replica; a coordinator's write followed by a read sees its own data (primary).
 */
describeWithPostgresBinaries('read replicas', () => {
  let primary: Cluster;
  let replica: Cluster;
  let replicaUrl: string;
  let server: TestServer;
  const saved = { base: process.env.LEDGER_BASE_URL, token: process.env.LEDGER_ADMIN_TOKEN };

  beforeAll(async () => {
    primary = await startPrimary('primary');
    const primaryUrl = await createDatabase(primary, 'ledger');
    replica = await startReplica(primary, 'replica');
    replicaUrl = replica.url('ledger');
    server = await startServer({
      databaseUrl: primaryUrl,
      env: {
        DATABASE_REPLICA_URLS: replicaUrl,
        // The paused replica below must keep serving however slow the machine: lag is not tested here.
        REPLICA_MAX_LAG_SECONDS: '86400',
        ADMIN_EMAIL: TEST_ADMIN.email,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        SEED_DEMO: 'false',
      },
    });
    // The factories talk to this suite's server for the rest of the file.
    process.env.LEDGER_BASE_URL = server.baseUrl;
    process.env.LEDGER_ADMIN_TOKEN = await adminToken(server.baseUrl);
  }, 180_000);

  afterAll(async () => {
    process.env.LEDGER_BASE_URL = saved.base;
    process.env.LEDGER_ADMIN_TOKEN = saved.token;
    await server?.stop();
    await replica?.stop();
    await primary?.stop();
  }, 120_000);

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    const [{ lsn }] = await queryOnce<{ lsn: string }>(
      primary.url('ledger'),
      'SELECT pg_current_wal_lsn()::text AS lsn',
    );
    for (;;) {
      const [{ behind }] = await queryOnce<{ behind: boolean }>(
        replicaUrl,
        `SELECT pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn AS behind`,
      );
      if (!behind) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const setReplay = (paused: boolean) =>
    queryOnce(replicaUrl, paused ? 'SELECT pg_wal_replay_pause()' : 'SELECT pg_wal_replay_resume()');

  it('runs a real standby', async () => {
    expect(await queryOnce(replicaUrl, 'SELECT pg_is_in_recovery() AS recovery')).toEqual([{ recovery: true }]);
    expect(await queryOnce(primary.url('ledger'), 'SELECT pg_is_in_recovery() AS recovery')).toEqual([
      { recovery: false },
    ]);
  });

  it('serves researcher exports and the evidence map from the replica, own writes from the primary', async () => {
    const indicator = await createIndicator();
    const ngo = await createOrganization();
    const program: Program = await createProgram(ngo.id);
    const first = await createTrial(program, indicator, THREE_TRIALS[0].counts, { status: 'approved' });
    const second = await createTrial(program, indicator, THREE_TRIALS[1].counts, { status: 'approved' });
    const researcher = await createToken(await createUser('researcher'), 'read');
    const coordinator = await createUser('coordinator', ngo.id);
    const coordinatorToken = await createToken(coordinator, 'write');
    await caughtUp();

    const datasetIds = async () => {
      const file = await api<string>(
        'GET',
        `/api/exports/research-dataset?format=csv&indicatorId=${indicator.id}`,
        undefined,
        { token: researcher },
      );
      expect(file.status).toBe(200);
      const [header, ...rows] = file.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      const column = header.split(',').indexOf('evaluation_id');
      return [...new Set(rows.map((row) => Number(row.split(',')[column])))];
    };
    const mapCell = async () => {
      const map = await api<{ cells: { indicatorId: number; k: number }[] }>(
        'GET',
        '/api/analysis/evidence-map',
        undefined,
        { token: researcher },
      );
      expect(map.status).toBe(200);
      return map.body.cells.find((c) => c.indicatorId === indicator.id)?.k;
    };
    const exportedPrograms = async () => {
      const file = await api<string>(
        'GET',
        `/api/programs/export?format=csv&filter=${encodeURIComponent(JSON.stringify({ organizationId: ngo.id }))}`,
        undefined,
        { token: coordinatorToken },
      );
      expect(file.status).toBe(200);
      return file.body.trim().split('\n').length - 1;
    };
    expect((await datasetIds()).sort((a, b) => a - b)).toEqual([first.id, second.id]);
    expect(await mapCell()).toBe(2);
    expect(await exportedPrograms()).toBe(1);

    await setReplay(false); // a no-op, so that a failed test below never leaves it paused by accident
    await setReplay(true);
    try {
      const third = await createTrial(program, indicator, THREE_TRIALS[2].counts, { status: 'approved' });
      // The coordinator's own write, read back at once: served by the primary.
      const created = await api<{ id: number }>('POST', '/api/programs', programInput(ngo.id), {
        token: coordinatorToken,
      });
      expect(created.status).toBe(201);
      const readBack = await api<{ id: number }>('GET', `/api/programs/${created.body.id}`, undefined, {
        token: coordinatorToken,
      });
      expect(readBack.status).toBe(200);
      const listed = await api<{ id: number }[]>(
        'GET',
        `/api/programs${listQuery({ filter: { organizationId: ngo.id } })}`,
        undefined,
        { token: coordinatorToken },
      );
      expect(listed.body.map((p) => p.id)).toContain(created.body.id);
      const evaluation = await api<{ status: string }>('GET', `/api/evaluations/${third.id}`);
      expect(evaluation.body.status).toBe('approved');

      // The replica has not replayed any of it: what it serves is the state before the pause.
      expect(await queryOnce(replicaUrl, 'SELECT pg_is_wal_replay_paused() AS paused')).toEqual([{ paused: true }]);
      expect((await datasetIds()).sort((a, b) => a - b)).toEqual([first.id, second.id]);
      expect(await mapCell()).toBe(2);
      expect(await exportedPrograms()).toBe(1);

      await setReplay(false);
      await caughtUp();
      expect((await datasetIds()).sort((a, b) => a - b)).toEqual([first.id, second.id, third.id]);
      expect(await mapCell()).toBe(3);
      expect(await exportedPrograms()).toBe(2);
    } finally {
      await setReplay(false);
    }
  });
});
