import { MigrationInterface, QueryRunner } from 'typeorm';
import { ROW_SECURED_TABLES } from './1765200000000-RowLevelSecurity';

/**
 * Issue 17: the tables' owner is held to the policies too. The running app no longer logs in as
 * the owner (database/app-login.ts); should anything still connect as the owner without
 * BYPASSRLS, it sees no tenant row rather than every row. Migrations and backups run as a
 * superuser or a BYPASSRLS owner (checked at startup).
 */
export class ForceRowLevelSecurity1765500000000 implements MigrationInterface {
  name = 'ForceRowLevelSecurity1765500000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const table of ROW_SECURED_TABLES) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ROW_SECURED_TABLES) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
  }
}
