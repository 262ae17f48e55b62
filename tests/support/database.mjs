// Provides a throw-away PostgreSQL database for a test run: a new database on the server in
// DATABASE_URL when it is set, otherwise an embedded cluster in a temporary directory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
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
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `ledger_${label}_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async stop() {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  return startEmbeddedCluster(label);
}

/**
 * An embedded PostgreSQL cluster of the suite's own (also when DATABASE_URL is set), run by a
 * small controller process (embedded-cluster.mjs: the binaries package is ESM, which a jest test
 * file cannot import), on a fixed port so that it can be stopped and started again under the same
 * URL: `stopPostgres()` / `startPostgres()` for fault tests, `stop()` to stop and delete it.
 */
export async function startEmbeddedCluster(label) {
  const child = spawn(process.execPath, [join(root, 'tests', 'support', 'embedded-cluster.mjs'), label], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const reply = () =>
    new Promise((resolve, reject) => {
      waiting.push((line) => (line.startsWith('ok') ? resolve(line.slice(3)) : reject(new Error(line))));
      exited.then(() => reject(new Error('the embedded cluster controller exited')));
    });
  const command = async (name) => {
    const answer = reply();
    child.stdin.write(`${name}\n`);
    return answer;
  };
  const url = await reply();
  return {
    url,
    port: Number(new URL(url).port),
    stopPostgres: () => command('stop'),
    startPostgres: () => command('start'),
    async stop() {
      await command('quit');
      await exited;
    },
  };
}
