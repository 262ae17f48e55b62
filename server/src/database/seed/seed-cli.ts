import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { dataSourceOptions } from '../data-source';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { seedDemo } from './demo';

/** `npm run seed:demo`: migrates and seeds DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'outcome_ledger' });
  const db = new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url));
  try {
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    const result = await seedDemo(db);
    process.stdout.write(
      `Seeded demo data: ${result.organizations} organizations, ${result.programs} programs added\n`,
    );
  } finally {
    if (db.isInitialized) await db.destroy();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Seeding failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
