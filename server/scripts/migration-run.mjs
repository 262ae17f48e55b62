// npm run migration:run: applies pending migrations (the server also does this on start).
import { withDatabase } from './with-database.mjs';

withDatabase(['migration:run'])
  .then((code) => (process.exitCode = code))
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
