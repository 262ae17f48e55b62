import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * For command-line tasks (seed:demo, create-admin): opens DATABASE_URL, or the embedded
 * database under DATA_DIR, runs pending migrations, runs `task`, and closes everything.
 * Failures print one line and exit 1.
 */
export function runWithDatabase(name: string, task: (db: DataSource, config: AppConfig) => Promise<string>): void {
  const run = async () => {
    const config = loadConfig();
    const embedded = config.databaseUrl
      ? undefined
      : await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'outcome_ledger' });
    const db = new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url));
    try {
      await db.initialize();
      await db.runMigrations({ transaction: 'each' });
      process.stdout.write(`${await task(db, config)}\n`);
    } finally {
      if (db.isInitialized) await db.destroy();
      await embedded?.stop();
    }
  };
  run().catch((err: unknown) => {
    process.stderr.write(`${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
