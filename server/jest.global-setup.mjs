// A throw-away PostgreSQL for persistence specs (embedded unless DATABASE_URL is set).
import { provisionDatabase } from '../tests/support/database.mjs';

export default async function globalSetup() {
  const database = await provisionDatabase('unit');
  globalThis.__LEDGER_DB__ = database;
  process.env.TEST_DATABASE_URL = database.url;
}
