// Jest global setup for the black-box suites: one throw-away database and one running server.
import { provisionDatabase } from './database.mjs';
import { startServer } from './server.mjs';

export default async function globalSetup() {
  const database = await provisionDatabase('e2e');
  const server = await startServer({ databaseUrl: database.url });
  globalThis.__LEDGER__ = { database, server };
  process.env.LEDGER_BASE_URL = server.baseUrl;
  process.env.LEDGER_DATABASE_URL = database.url;
}
