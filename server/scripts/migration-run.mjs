// npm run migration:run: applies pending migrations (the server also does this on start).
import { withDatabase } from './with-database.mjs';

process.on('unhandledRejection', (err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

process.exit(await withDatabase(['migration:run']));
