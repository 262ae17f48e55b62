// Jest global setup for the black-box suites: one throw-away database, one running server with
// a first administrator (ADMIN_EMAIL/ADMIN_PASSWORD), and that admin's write API token for factories.
import { provisionDatabase } from './database.mjs';
import { startServer } from './server.mjs';

export const TEST_ADMIN = { email: 'admin@tests.invalid', password: 'test-admin-password-9f3k' };

export async function adminToken(baseUrl) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN=')).slice('XSRF-TOKEN='.length);
  const created = await fetch(`${baseUrl}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-xsrf-token': csrf },
    body: JSON.stringify({
      name: 'test factories',
      scope: 'write',
      expiresAt: new Date(Date.now() + 864e5).toISOString(),
    }),
  });
  if (created.status !== 201) throw new Error(`admin token failed: ${created.status} ${await created.text()}`);
  return (await created.json()).token;
}

/** One throw-away database and one running server; `env` adds to the server's environment. */
export async function setUpSuite(label, env = {}) {
  const database = await provisionDatabase(label);
  const server = await startServer({
    databaseUrl: database.url,
    env: { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password, ...env },
  });
  globalThis.__LEDGER__ = { database, server };
  process.env.LEDGER_BASE_URL = server.baseUrl;
  process.env.LEDGER_SERVER_PID = String(server.child.pid);
  process.env.LEDGER_DATABASE_URL = database.url;
  process.env.LEDGER_ADMIN_EMAIL = TEST_ADMIN.email;
  process.env.LEDGER_ADMIN_PASSWORD = TEST_ADMIN.password;
  process.env.LEDGER_ADMIN_TOKEN = await adminToken(server.baseUrl);
}

export default async function globalSetup() {
  // TRUST_PROXY lets the throttling tests appear to come from distinct addresses (X-Forwarded-For);
  // CORS_ORIGINS gives the CORS test one allowed origin.
  await setUpSuite('e2e', { TRUST_PROXY: 'true', IMPORT_MAX_MB: '1', CORS_ORIGINS: 'https://reports.example.org' });
}
