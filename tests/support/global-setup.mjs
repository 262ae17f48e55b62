// Jest global setup for the black-box suites: one throw-away database, one running server with
// a first administrator (ADMIN_EMAIL/ADMIN_PASSWORD), and that admin's write API token for factories.
import { provisionDatabase } from './database.mjs';
import { startServerWithAdmin, TEST_ADMIN } from './server.mjs';

export { TEST_ADMIN };

/** One throw-away database and one running server; `env` adds to the server's environment. */
export async function setUpSuite(label, env = {}) {
  const database = await provisionDatabase(label);
  const { server, token } = await startServerWithAdmin({ databaseUrl: database.url, env });
  globalThis.__LEDGER__ = { database, server };
  process.env.LEDGER_BASE_URL = server.baseUrl;
  process.env.LEDGER_SERVER_PID = String(server.child.pid);
  process.env.LEDGER_DATABASE_URL = database.url;
  process.env.LEDGER_ADMIN_EMAIL = TEST_ADMIN.email;
  process.env.LEDGER_ADMIN_PASSWORD = TEST_ADMIN.password;
  process.env.LEDGER_ADMIN_TOKEN = token;
}

export default async function globalSetup() {
  // TRUST_PROXY lets the throttling tests appear to come from distinct addresses (X-Forwarded-For);
  // CORS_ORIGINS gives the CORS test one allowed origin.
  await setUpSuite('e2e', { TRUST_PROXY: 'true', IMPORT_MAX_MB: '1', CORS_ORIGINS: 'https://reports.example.org' });
}
