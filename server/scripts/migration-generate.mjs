// npm run migration:generate -- Name: runs every migration on a throw-away embedded database
// (or DATABASE_URL), diffs the entities against it and writes
// src/database/migrations/<timestamp>-Name.ts. Add the new class to migrations/index.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDatabase } from './with-database.mjs';

const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  process.stderr.write('Usage: npm run migration:generate -- MigrationName (letters and digits)\n');
  process.exit(1);
}
const scratch = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'ledger-migrations-'));
if (scratch) process.env.DATA_DIR = scratch;
withDatabase(['migration:run'], ['migration:generate', `src/database/migrations/${name}`, '--pretty'])
  .then((code) => {
    if (code === 0) process.stdout.write('Now add the new migration class to src/database/migrations/index.ts\n');
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => scratch && rmSync(scratch, { recursive: true, force: true }));
