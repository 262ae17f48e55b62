import { Client } from 'pg';
import { provisionDatabase, type Database } from '../support/database.mjs';
import { startServer, startServerWithAdmin, type TestServer } from '../support/server.mjs';

/**
 * Issue 17: the running app logs in as a role that owns nothing (docs/deploy.md). With
 * MIGRATION_DATABASE_URL, an operator gives the owner for migrations and DATABASE_URL for the app's
 * own login role; the server checks that role at startup and refuses, in one line, one that could
 * run past row-level security. (Without MIGRATION_DATABASE_URL the app creates the login role
 * itself: every other suite runs that way, and row-level-security.test.ts checks it.)
 */
// Roles are cluster-wide: named per run, in case DATABASE_URL points the suites at a shared server.
const APP = `ledger_operator_app_${process.pid}`;
const INHERITING = `ledger_operator_inherit_${process.pid}`;

describe('database roles given by an operator', () => {
  let database: Database;
  let owner: Client;
  const servers: TestServer[] = [];

  const urlAs = (user: string, password: string) => {
    const url = new URL(database.url);
    url.username = user;
    url.password = password;
    return url.toString();
  };

  beforeAll(async () => {
    database = await provisionDatabase('roles');
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`CREATE ROLE ${APP} LOGIN NOINHERIT PASSWORD 'app-password-1'`);
    await owner.query(`CREATE ROLE ${INHERITING} LOGIN INHERIT PASSWORD 'app-password-2'`);
  });

  afterAll(async () => {
    for (const server of servers) await server.stop();
    await owner?.end();
    await database?.stop();
  });

  it('runs on the operator’s login role, with migrations and the job queue installed by the owner', async () => {
    const started = await startServerWithAdmin({
      databaseUrl: urlAs(APP, 'app-password-1'),
      env: { MIGRATION_DATABASE_URL: database.url },
    });
    servers.push(started.server);
    const me = await fetch(`${started.server.baseUrl}/api/auth/tokens`, {
      headers: { authorization: `Bearer ${started.token}` },
    });
    expect(me.status).toBe(200);
    const logins = await owner.query<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity
        WHERE datname = current_database() AND application_name IN ('outcome-ledger', 'outcome-ledger-jobs')`,
    );
    expect(logins.rows).toEqual([{ usename: APP }]);
    const owned = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE relowner = $1::regrole`,
      [APP],
    );
    expect(owned.rows).toEqual([{ n: 0 }]);
    await started.server.stop();
  });

  it('refuses, in one line, a login role that would inherit the actor roles’ privileges', async () => {
    const failure = await startServer({
      databaseUrl: urlAs(INHERITING, 'app-password-2'),
      env: { MIGRATION_DATABASE_URL: database.url },
    }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toContain('Outcome Ledger could not start:');
    expect(failure).toContain(`the app's login role ${INHERITING} inherits the privileges of its roles`);
  });

  it('refuses an owner as the app’s login role', async () => {
    const failure = await startServer({
      databaseUrl: database.url,
      env: { MIGRATION_DATABASE_URL: database.url },
    }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toContain('is a superuser');
  });
});
