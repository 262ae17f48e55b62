import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * For command-line tasks: runs `task` as the tables' owner (MIGRATION_DATABASE_URL when set, else
 * DATABASE_URL), or with the embedded database under
 * DATA_DIR (started for the task and stopped after it; refused while a server uses it), prints
 * the task's one-line result, and on failure prints one line and exits 1.
 */
export function withCliDatabaseUrl(name: string, task: (url: string, config: AppConfig) => Promise<string>): void {
  const run = async () => {
    const config = loadConfig();
    const ownerUrl = config.migrationDatabaseUrl ?? config.databaseUrl;
    const embedded = ownerUrl
      ? undefined
      : await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'outcome_ledger' });
    try {
      process.stdout.write(`${await task(ownerUrl ?? embedded!.url, config)}\n`);
    } finally {
      await embedded?.stop();
    }
  };
  run().catch((err: unknown) => {
    process.stderr.write(`${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

/** seed:demo, create-admin: opens the database, runs pending migrations, then `task`. */
export function runWithDatabase(name: string, task: (db: DataSource, config: AppConfig) => Promise<string>): void {
  withCliDatabaseUrl(name, async (url, config) => {
    const db = new DataSource(dataSourceOptions(url));
    try {
      await db.initialize();
      await db.runMigrations({ transaction: 'each' });
      return await task(db, config);
    } finally {
      if (db.isInitialized) await db.destroy();
    }
  });
}
