import { api } from '../support/api';
import { provisionDatabase, type Database } from '../support/database.mjs';
import { createIndicator, createOrganization, createProgram, type Evaluation } from '../support/factories';
import { createTrial, THREE_TRIALS } from '../support/portfolio';
import { startServerWithAdmin, type TestServer } from '../support/server.mjs';
import { createUser, Session } from '../support/sessions';
import { TEST_ADMIN } from '../support/server.mjs';

/**
 * Issue 18: deployments run several copies of the app on one database behind a proxy, without
 * sticky sessions. Two instances started at the same moment on an empty database (both migrate,
 * both try to create the first administrator), then used alternately: whatever one does, the
 * other sees at once.
 */
describe('two app instances on one database', () => {
  let database: Database;
  let a: { server: TestServer; token: string };
  let b: { server: TestServer; token: string };

  /** Points the shared API helpers at one instance. */
  const on = (instance: { server: TestServer; token: string }) => {
    process.env.LEDGER_BASE_URL = instance.server.baseUrl;
    process.env.LEDGER_ADMIN_TOKEN = instance.token;
  };

  beforeAll(async () => {
    database = await provisionDatabase('instances');
    [a, b] = await Promise.all([
      startServerWithAdmin({ databaseUrl: database.url }),
      startServerWithAdmin({ databaseUrl: database.url }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([a?.server.stop(), b?.server.stop()]);
    await database?.stop();
  });

  it('start together on an empty database: one schema, one first administrator', async () => {
    on(a);
    const admins = await api<{ email: string }[]>('GET', '/api/users?filter={"role":"admin"}');
    expect(admins.status).toBe(200);
    expect(admins.body.map((u) => u.email)).toEqual([TEST_ADMIN.email]);
    on(b);
    expect((await api('GET', '/api/users?filter={"role":"admin"}')).body).toEqual(admins.body);
  });

  it('honour a session made on the other, and its sign-out', async () => {
    on(a);
    const session = await Session.login(TEST_ADMIN.email, TEST_ADMIN.password);
    on(b);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
    const made = await session.request('POST', '/api/organizations', { name: 'Made on B', kind: 'ngo', country: 'PH' });
    expect(made.status).toBe(201);
    expect((await session.request('POST', '/api/auth/logout')).status).toBe(204);
    on(a);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('count failed sign-ins on either against one budget', async () => {
    on(a);
    const victim = await createUser('coordinator');
    const login = (instance: { server: TestServer }, password: string) =>
      fetch(`${instance.server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: victim.email, password }),
      });
    // Five failures in all (the account's budget), spread over both instances.
    for (const instance of [a, b, a, b, a]) expect((await login(instance, 'wrong-password-1')).status).toBe(401);
    for (const instance of [a, b]) {
      const blocked = await login(instance, victim.password);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('show an approval made on one at once on the other, in the record and in cached analyses', async () => {
    on(a);
    const indicator = await createIndicator();
    const program = await createProgram((await createOrganization()).id);
    const approved: Evaluation[] = [];
    for (const trial of THREE_TRIALS.slice(0, 2)) {
      approved.push(await createTrial(program, indicator, trial.counts, { status: 'approved' }));
    }
    const pending = await createTrial(program, indicator, THREE_TRIALS[2].counts, { status: 'submitted' });
    const pooled = `/api/analysis/pooled?indicatorId=${indicator.id}`;
    on(b);
    const before = await api<{ k: number }>('GET', pooled);
    expect(before.status).toBe(200);
    expect(before.body.k).toBe(2);

    on(a);
    const approval = await api<Evaluation>('POST', `/api/evaluations/${pending.id}/approve`, {
      version: pending.version,
    });
    expect(approval.status).toBe(200);
    on(b);
    expect((await api<Evaluation>('GET', `/api/evaluations/${pending.id}`)).body.status).toBe('approved');
    expect((await api<{ k: number }>('GET', pooled)).body.k).toBe(3);
  });
});
