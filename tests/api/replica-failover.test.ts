import { createIndicator, createOrganization, createProgram, type Indicator, type Program } from '../support/factories';
import {
  type Cluster,
  createDatabase,
  describeWithPostgresBinaries,
  queryOnce,
  startPrimary,
  startReplica,
} from '../support/pg-cluster';
import { createTrial, THREE_TRIALS } from '../support/portfolio';
import { adminToken, freePort, startServer, TEST_ADMIN, type TestServer } from '../support/server.mjs';
import { createToken, createUser } from '../support/sessions';

/**
 * Read replicas that fail without failing the app (issue 18). One real primary and streaming
 * replica (tests/support/pg-cluster.ts) and three servers on that primary:
 *
 * - `dead`: its replica URL names a port where nothing listens; it starts all the same and serves
 *   everything from the primary;
 * - `steady`: the real replica, with a lag limit no test reaches: stopping the replica sends its
 *   reads to the primary, starting it again brings them back (paused replay proves who answered);
 * - `strict`: the real replica with REPLICA_MAX_LAG_SECONDS=1: paused replay makes it `lagging`.
 *
 * Only signed-in admins see replica names and lag in /api/health; everyone sees `replicas`.
 */

interface ReplicaDetail {
  name: string;
  state: 'up' | 'lagging' | 'down';
  lagSeconds: number | null;
  lagBytes: number | null;
  lastError: string | null;
  since: string;
  checkedAt: string | null;
  fallbacks: { down: number; lagging: number; failed: number };
}

interface Health {
  status: string;
  replicas: 'none' | 'ok' | 'degraded';
  replicaDetails?: ReplicaDetail[];
}

const CLUSTER_PASSWORD = 'cluster-test-password';

const METRICS_TOKEN = 'replica-failover-metrics-token-0123456789';

/** The value of one series on a server's /api/metrics (undefined when absent). */
async function metric(server: TestServer, series: string): Promise<number | undefined> {
  const response = await fetch(`${server.baseUrl}/api/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`metrics: ${response.status} ${text}`);
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeWithPostgresBinaries('read replicas that fail', () => {
  let primary: Cluster;
  let replica: Cluster;
  let replicaUrl: string;
  let deadPort: number;
  let dead: TestServer;
  let steady: TestServer;
  let strict: TestServer;
  let admin: string;
  const saved = { base: process.env.LEDGER_BASE_URL, token: process.env.LEDGER_ADMIN_TOKEN };

  beforeAll(async () => {
    primary = await startPrimary('failover-primary');
    const primaryUrl = await createDatabase(primary, 'ledger');
    replica = await startReplica(primary, 'failover-replica');
    replicaUrl = replica.url('ledger');
    deadPort = await freePort();
    const common = {
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      SEED_DEMO: 'false',
      REPLICA_CHECK_SECONDS: '0.5',
      METRICS_TOKEN,
    };
    dead = await startServer({
      databaseUrl: primaryUrl,
      env: { ...common, DATABASE_REPLICA_URLS: `postgres://ledger:${CLUSTER_PASSWORD}@127.0.0.1:${deadPort}/ledger` },
    });
    steady = await startServer({
      databaseUrl: primaryUrl,
      env: { ...common, DATABASE_REPLICA_URLS: replicaUrl, REPLICA_MAX_LAG_SECONDS: '86400' },
    });
    strict = await startServer({
      databaseUrl: primaryUrl,
      env: { ...common, DATABASE_REPLICA_URLS: replicaUrl, REPLICA_MAX_LAG_SECONDS: '1' },
    });
    // The factories write through `steady` (all three servers share the primary).
    process.env.LEDGER_BASE_URL = steady.baseUrl;
    admin = await adminToken(steady.baseUrl);
    process.env.LEDGER_ADMIN_TOKEN = admin;
  }, 300_000);

  afterAll(async () => {
    process.env.LEDGER_BASE_URL = saved.base;
    process.env.LEDGER_ADMIN_TOKEN = saved.token;
    await queryOnce(replicaUrl, 'SELECT pg_wal_replay_resume()').catch(() => undefined);
    await dead?.stop();
    await steady?.stop();
    await strict?.stop();
    await replica?.stop();
    await primary?.stop();
  }, 120_000);

  /** GET on one server with a Bearer token, a session cookie, or nothing. */
  async function get<T>(server: TestServer, path: string, auth: { token?: string; cookie?: string } = {}) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.cookie = auth.cookie;
    const response = await fetch(`${server.baseUrl}${path}`, { headers });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, text, body: (json ? JSON.parse(text) : text) as T };
  }

  async function sessionCookie(server: TestServer, email: string, password: string): Promise<string> {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    return login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  /** The one replica's details as an admin sees them. */
  async function detail(server: TestServer): Promise<ReplicaDetail> {
    const health = await get<Health>(server, '/api/health', { token: admin });
    expect(health.status).toBe(200);
    expect(health.body.replicaDetails).toHaveLength(1);
    return health.body.replicaDetails![0];
  }

  /** Polls the server's health (the monitor probes every 0.5 s) until the replica is in `state`. */
  async function waitFor(server: TestServer, state: ReplicaDetail['state']): Promise<ReplicaDetail> {
    for (;;) {
      const current = await detail(server);
      if (current.state === state) return current;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

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

  /** A program, an indicator and a researcher; reads of the data set and map on any server. */
  async function portfolio() {
    const indicator: Indicator = await createIndicator();
    const ngo = await createOrganization();
    const program: Program = await createProgram(ngo.id);
    const researcher = await createToken(await createUser('researcher'), 'read');
    const coordinator = await createUser('coordinator', ngo.id);
    const coordinatorToken = await createToken(coordinator, 'read');
    const datasetIds = async (server: TestServer) => {
      const file = await get<string>(server, `/api/exports/research-dataset?format=csv&indicatorId=${indicator.id}`, {
        token: researcher,
      });
      expect(file.status).toBe(200);
      const [header, ...rows] = file.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      const column = header.split(',').indexOf('evaluation_id');
      return [...new Set(rows.map((row) => Number(row.split(',')[column])))].sort((a, b) => a - b);
    };
    const mapCell = async (server: TestServer) => {
      const map = await get<{ cells: { indicatorId: number; k: number }[] }>(server, '/api/analysis/evidence-map', {
        token: researcher,
      });
      expect(map.status).toBe(200);
      return map.body.cells.find((c) => c.indicatorId === indicator.id)?.k;
    };
    const exportedPrograms = async (server: TestServer) => {
      const filter = encodeURIComponent(JSON.stringify({ organizationId: ngo.id }));
      const file = await get<string>(server, `/api/programs/export?format=csv&filter=${filter}`, {
        token: coordinatorToken,
      });
      expect(file.status).toBe(200);
      return file.text.trim().split('\n').length - 1;
    };
    const trial = (i: number) => createTrial(program, indicator, THREE_TRIALS[i % 3].counts, { status: 'approved' });
    return { indicator, ngo, coordinator, coordinatorToken, researcher, datasetIds, mapCell, exportedPrograms, trial };
  }

  it('starts with an unreachable replica, serves reads from the primary, and shows details to admins only', async () => {
    const p = await portfolio();
    const first = await p.trial(0);
    const second = await p.trial(1);

    expect(await p.datasetIds(dead)).toEqual([first.id, second.id]);
    expect(await p.mapCell(dead)).toBe(2);
    expect(await p.exportedPrograms(dead)).toBe(1);

    const replica = await detail(dead);
    expect(replica).toMatchObject({ name: `127.0.0.1:${deadPort}/ledger`, state: 'down', lagSeconds: null });
    expect(replica.lastError).toMatch(/ECONNREFUSED/);
    // Each of the three reads went to the primary on the down replica's account.
    expect(replica.fallbacks.down).toBeGreaterThanOrEqual(3);
    expect(replica.fallbacks.lagging).toBe(0);
    // The same, for Prometheus (issue 18: replica state and fallbacks on /api/metrics).
    const label = `replica="127.0.0.1:${deadPort}/ledger"`;
    expect(await metric(dead, `ledger_replica_up{${label}}`)).toBe(0);
    expect(await metric(dead, `ledger_replica_fallbacks_total{${label},reason="down"}`)).toBeGreaterThanOrEqual(3);
    expect(await metric(dead, `ledger_db_pool_connections{pool="replica",${label}}`)).toBeUndefined();

    // An admin's session cookie shows the same details as an admin API token.
    const cookie = await sessionCookie(dead, TEST_ADMIN.email, TEST_ADMIN.password);
    const viaSession = await get<Health>(dead, '/api/health', { cookie });
    expect(viaSession.body.replicaDetails?.[0]).toMatchObject({ name: replica.name, state: 'down' });

    // Everyone else: 200, `degraded`, and no names, ports or lag.
    const coordinatorCookie = await sessionCookie(dead, p.coordinator.email, p.coordinator.password);
    for (const auth of [
      {},
      { token: p.coordinatorToken },
      { token: p.researcher },
      { cookie: coordinatorCookie },
      { token: 'olt_not-a-token' },
    ]) {
      const health = await get<Health>(dead, '/api/health', auth);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      expect(health.body.replicas).toBe('degraded');
      expect(health.body.replicaDetails).toBeUndefined();
      expect(health.text).not.toContain(String(deadPort));
      expect(health.text).not.toMatch(/lag|127\.0\.0\.1/i);
    }

    // The state change was logged by name; no line about the replica carries its URL's credentials
    // (the app logs in to it as its derived login role, with a derived password).
    const lines = dead.output().split('\n');
    const aboutReplica = lines.filter((line) => line.includes(`127.0.0.1:${deadPort}`));
    expect(aboutReplica.some((line) => line.includes(`replica 127.0.0.1:${deadPort}/ledger is down`))).toBe(true);
    for (const line of aboutReplica) expect(line).not.toMatch(/postgres(ql)?:\/\/|@127\.0\.0\.1|outcome_ledger_login_/);
    expect(dead.output()).not.toContain(CLUSTER_PASSWORD);
  }, 300_000);

  it('falls back to the primary while the replica is stopped, and uses it again once it is back', async () => {
    const p = await portfolio();
    const first = await p.trial(0);
    await caughtUp();
    expect(await waitFor(steady, 'up')).toMatchObject({ name: `127.0.0.1:${replica.port}/ledger`, lastError: null });
    expect((await get<Health>(steady, '/api/health')).body.replicas).toBe('ok');
    expect(await p.datasetIds(steady)).toEqual([first.id]);
    const label = `replica="127.0.0.1:${replica.port}/ledger"`;
    expect(await metric(steady, `ledger_replica_up{${label}}`)).toBe(1);
    expect(await metric(steady, `ledger_replica_lag_bytes{${label}}`)).toBeGreaterThanOrEqual(0);
    expect(await metric(steady, `ledger_db_pool_connections{pool="replica",${label}}`)).toBeGreaterThanOrEqual(1);

    await replica.halt();
    try {
      // Written while the replica is stopped: only the primary has it.
      const second = await p.trial(1);
      expect(await p.datasetIds(steady)).toEqual([first.id, second.id]);
      expect(await p.mapCell(steady)).toBe(2);
      expect(await p.exportedPrograms(steady)).toBe(1);

      const down = await waitFor(steady, 'down');
      expect(down.lastError).toBeTruthy();
      expect(down.fallbacks.down + down.fallbacks.failed).toBeGreaterThanOrEqual(1);
      const anonymous = await get<Health>(steady, '/api/health');
      expect(anonymous.status).toBe(200);
      expect(anonymous.body.replicas).toBe('degraded');
      expect(anonymous.body.replicaDetails).toBeUndefined();
    } finally {
      await replica.resume();
    }

    await caughtUp();
    const back = await waitFor(steady, 'up');
    expect(back.lastError).toBeNull();
    const readsBefore = await p.datasetIds(steady);
    expect(readsBefore).toHaveLength(2);

    // Prove the replica answers again: with replay paused, a new trial is on the primary only.
    await queryOnce(replicaUrl, 'SELECT pg_wal_replay_pause()');
    try {
      const third = await p.trial(2);
      const fallbacksBefore = (await detail(steady)).fallbacks;
      expect(await p.datasetIds(steady)).toEqual(readsBefore);
      expect(await p.mapCell(steady)).toBe(2);
      expect((await detail(steady)).fallbacks).toEqual(fallbacksBefore);
      await queryOnce(replicaUrl, 'SELECT pg_wal_replay_resume()');
      await caughtUp();
      expect(await p.datasetIds(steady)).toEqual([...readsBefore, third.id].sort((a, b) => a - b));
    } finally {
      await queryOnce(replicaUrl, 'SELECT pg_wal_replay_resume()');
    }
  }, 300_000);

  it('refuses a replica that logs in as a role that could bypass row-level security, or is no standby', async () => {
    // The operator setup (docs/deploy.md): the owner migrates, the app logs in as its own role, and
    // replica URLs are used as given — here one logs in as the cluster's superuser, one is the primary
    // itself (with the app's own login, so that only the standby check can refuse it).
    await queryOnce(
      primary.url('ledger'),
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'failover_app') THEN
           CREATE ROLE failover_app LOGIN NOINHERIT PASSWORD 'failover-app-password';
         END IF;
       END $$`,
    );
    const appUrl = new URL(primary.url('ledger'));
    appUrl.username = 'failover_app';
    appUrl.password = 'failover-app-password';
    const operator = await startServer({
      databaseUrl: appUrl.toString(),
      env: {
        MIGRATION_DATABASE_URL: primary.url('ledger'),
        DATABASE_REPLICA_URLS: `${replicaUrl},${appUrl.toString()}`,
        SEED_DEMO: 'false',
        REPLICA_CHECK_SECONDS: '0.5',
      },
    });
    try {
      const health = await get<Health>(operator, '/api/health', { token: admin });
      expect(health.status).toBe(200);
      expect(health.body.replicas).toBe('degraded');
      const [superuser, notStandby] = health.body.replicaDetails!;
      expect(superuser).toMatchObject({ name: `127.0.0.1:${replica.port}/ledger`, state: 'down' });
      expect(superuser.lastError).toMatch(/refused: its login role ledger is a superuser/);
      expect(notStandby).toMatchObject({ name: `127.0.0.1:${primary.port}/ledger`, state: 'down' });
      expect(notStandby.lastError).toMatch(/not a standby/);

      // Its reads are served all the same, by the primary, as the app's login role.
      const p = await portfolio();
      const first = await p.trial(0);
      expect(await p.datasetIds(operator)).toEqual([first.id]);
      const after = (await get<Health>(operator, '/api/health', { token: admin })).body.replicaDetails!;
      expect(after.map((r) => r.fallbacks.down)).toEqual([1, 1]);
      expect(operator.output()).toMatch(/replica 127\.0\.0\.1:\d+\/ledger is down \(not probed yet\): refused/);
    } finally {
      await operator.stop();
    }
  }, 300_000);

  it('sends reads to the primary while the replica lags beyond REPLICA_MAX_LAG_SECONDS', async () => {
    const p = await portfolio();
    const first = await p.trial(0);
    await caughtUp();
    await waitFor(strict, 'up');
    expect(await p.datasetIds(strict)).toEqual([first.id]);

    await queryOnce(replicaUrl, 'SELECT pg_wal_replay_pause()');
    try {
      const second = await p.trial(1);
      const lagging = await waitFor(strict, 'lagging');
      expect(lagging.lagSeconds).toBeGreaterThan(1);
      expect(lagging.lagBytes).toBeGreaterThan(0);
      expect(lagging.lastError).toMatch(/REPLICA_MAX_LAG_SECONDS is 1/);

      // The replica has not replayed the second trial; the answers have it: the primary served them.
      expect(await p.datasetIds(strict)).toEqual([first.id, second.id]);
      expect(await p.mapCell(strict)).toBe(2);
      expect((await detail(strict)).fallbacks.lagging).toBeGreaterThanOrEqual(2);
      const anonymous = await get<Health>(strict, '/api/health');
      expect(anonymous.status).toBe(200);
      expect(anonymous.body.replicas).toBe('degraded');
      expect(anonymous.text).not.toMatch(/lag/i);
    } finally {
      await queryOnce(replicaUrl, 'SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    expect((await waitFor(strict, 'up')).lagSeconds).toBeLessThanOrEqual(1);
  }, 300_000);
});
