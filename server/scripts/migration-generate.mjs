// npm run migration:generate -- Name: diffs the entities against the database and writes
// src/database/migrations/<timestamp>-Name.ts. Add the new class to migrations/index.ts.
import { withDatabase } from './with-database.mjs';

process.on('unhandledRejection', (err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  process.stderr.write('Usage: npm run migration:generate -- MigrationName (letters and digits)\n');
  process.exit(1);
}
// Bring the database up to date first, so the diff holds only what the entities changed.
const code = await withDatabase(
  ['migration:run'],
  ['migration:generate', `src/database/migrations/${name}`, '--pretty'],
);
if (code === 0) process.stdout.write('Now add the new migration class to src/database/migrations/index.ts\n');
process.exit(code);
