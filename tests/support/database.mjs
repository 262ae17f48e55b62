// Provides a throw-away PostgreSQL database for a test run: a new database on the server in
// DATABASE_URL when it is set, otherwise an embedded cluster in a temporary directory.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export function serverDist(file) {
  const path = join(root, 'server', 'dist', file);
  if (!existsSync(path)) {
    throw new Error(`The server is not built (${path} is missing): run "npm run build" first (npm test does it)`);
  }
  return path;
}

export async function provisionDatabase(label) {
  const pg = require('pg');
  if (process.env.DATABASE_URL) {
    const name = `ledger_${label}_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async stop() {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const { startEmbeddedPostgres } = require(serverDist('database/embedded-postgres.js'));
  const dataDir = mkdtempSync(join(tmpdir(), `ledger-${label}-`));
  const cluster = await startEmbeddedPostgres({ dataDir, database: 'ledger_test' });
  return {
    url: cluster.url,
    async stop() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
