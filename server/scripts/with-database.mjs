// Runs a TypeORM CLI command against DATABASE_URL, or against the embedded database under
// DATA_DIR (default .data/) when DATABASE_URL is not set. Used by migration:run and migration:generate.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Runs each TypeORM CLI command (an array of arguments) in turn; stops at the first failure. */
export async function withDatabase(...commands) {
  const dist = join(here, '..', 'dist');
  let embedded;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const { loadConfig } = require(join(dist, 'config', 'config.js'));
    const { startEmbeddedPostgres } = require(join(dist, 'database', 'embedded-postgres.js'));
    embedded = await startEmbeddedPostgres({ dataDir: loadConfig().dataDir, database: 'outcome_ledger' });
    url = embedded.url;
  }
  try {
    for (const args of commands) {
      const result = spawnSync(
        process.execPath,
        [require.resolve('typeorm/cli.js'), ...args, '-d', join(dist, 'database', 'data-source.js')],
        { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url }, cwd: join(here, '..') },
      );
      if (result.status !== 0) return result.status ?? 1;
    }
    return 0;
  } finally {
    await embedded?.stop();
  }
}
