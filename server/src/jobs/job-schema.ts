import PgBoss from 'pg-boss';
import { APP_DB_ROLE } from '../database/db-context';
import { withPgClient } from '../database/pg-client';
import { JOB_QUEUES } from './queues';

export const JOB_SCHEMA = 'pgboss';

/**
 * Installs or upgrades pg-boss's schema and creates every queue, as the tables' owner; then lets
 * the app's login role use them (rows only: it cannot create or drop a table there either). The
 * login role is NOINHERIT, so the privileges are granted to it directly.
 */
export async function installJobSchema(ownerUrl: string, loginRole: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    max: 1,
    migrate: true,
    supervise: false,
    schedule: false,
    application_name: 'outcome-ledger-migrations',
  });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const queue of Object.values(JOB_QUEUES)) await boss.createQueue(queue);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  await withPgClient(ownerUrl, async (client) => {
    const role = client.escapeIdentifier(loginRole);
    await client.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${role}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${role}`);
    // Requests queue their job in the transaction that records it (JobQueue.send with a manager),
    // running as their actor role; every actor role is a member of the app role. They may add
    // jobs and see the queue, nothing more.
    await client.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${APP_DB_ROLE}`);
    await client.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${APP_DB_ROLE}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${APP_DB_ROLE}`);
  });
}
