import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { ACTOR_DB_ROLES, APP_DB_ROLE, ENSURE_APP_DB_ROLE_SQL } from './db-context';
import { ACTOR_ROLES, APP_ROLE, ENSURE_ROLES_SQL } from './migrations/database-roles';

/** The migrations build exactly the schema the entities declare: no drift either way. */
describe('migrations', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(process.env.TEST_DATABASE_URL!));
    await db.initialize();
    await db.runMigrations();
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('leave nothing for TypeORM to change', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied and none is pending', async () => {
    expect(await db.showMigrations()).toBe(false);
  });

  it('created the roles the application sets (db-context.ts names what the migrations made)', async () => {
    expect({ APP_DB_ROLE, ACTOR_DB_ROLES, ENSURE_APP_DB_ROLE_SQL }).toEqual({
      APP_DB_ROLE: APP_ROLE,
      ACTOR_DB_ROLES: ACTOR_ROLES,
      ENSURE_APP_DB_ROLE_SQL: ENSURE_ROLES_SQL,
    });
    const roles = await db.query<{ rolname: string }[]>(
      `SELECT rolname FROM pg_roles WHERE rolname LIKE 'outcome_ledger_%'`,
    );
    expect(roles.map((r) => r.rolname)).toEqual(
      expect.arrayContaining([APP_DB_ROLE, ...Object.values(ACTOR_DB_ROLES)]),
    );
  });
});
