// Controller for one embedded PostgreSQL cluster (database.mjs startEmbeddedCluster): prints
// "ok <url>" once it runs, then obeys "stop", "start" and "quit" on stdin, answering "ok" or
// "error <message>" per command. The cluster is deleted on quit, or when stdin closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serverDist } from './database.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require(serverDist('database/embedded-postgres.js'));
const label = process.argv[2] ?? 'cluster';
const dataDir = mkdtempSync(join(tmpdir(), `ledger-${label}-`));
const say = (line) => process.stdout.write(`${line}\n`);

let cluster;
let running = false;
try {
  cluster = await startEmbeddedPostgres({ dataDir, database: 'ledger_test' });
  running = true;
} catch (error) {
  say(`error ${error.message}`);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
}
const port = Number(new URL(cluster.url).port);
say(`ok ${cluster.url}`);

async function quit() {
  if (running) await cluster.stop();
  running = false;
  rmSync(dataDir, { recursive: true, force: true });
}

let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  queue = queue.then(async () => {
    try {
      if (line === 'stop') {
        await cluster.stop();
        running = false;
      } else if (line === 'start') {
        cluster = await startEmbeddedPostgres({ dataDir, database: 'ledger_test', port });
        running = true;
      } else if (line === 'quit') {
        await quit();
        say('ok');
        process.exit(0);
      } else throw new Error(`unknown command ${line}`);
      say('ok');
    } catch (error) {
      say(`error ${error.message}`);
    }
  });
});
lines.on('close', () => {
  queue = queue.then(quit).then(() => process.exit(0));
});
