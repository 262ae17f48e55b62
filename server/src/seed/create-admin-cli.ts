import 'reflect-metadata';
import { runWithDatabase } from '../database/cli-database';
import { createAdmin } from './first-admin';

/** `npm run create-admin`: creates an administrator from ADMIN_EMAIL and ADMIN_PASSWORD. */
runWithDatabase('create-admin', async (db, config) => {
  if (!config.adminEmail || !config.adminPassword) {
    throw new Error(
      'set ADMIN_EMAIL and ADMIN_PASSWORD, e.g. ADMIN_EMAIL=me@org.example ADMIN_PASSWORD=… npm run create-admin',
    );
  }
  const created = await createAdmin(db, config.adminEmail, config.adminPassword);
  return created ? `Administrator ${config.adminEmail} created` : `${config.adminEmail} already has an account`;
});
