import 'reflect-metadata';
import { runWithDatabase } from '../database/cli-database';
import { seedDemo } from './demo';

/** `npm run seed:demo`: migrates and seeds DATABASE_URL (or the embedded database). */
runWithDatabase('Seeding', async (db, config) => {
  if (config.nodeEnv === 'production') throw new Error('demo data is never created with NODE_ENV=production');
  const result = await seedDemo(db);
  return `Seeded demo data: ${result.organizations} organizations, ${result.programs} programs, ${result.users} users, ${result.indicators} indicators, ${result.grants} grants, ${result.evaluations} evaluations added`;
});
