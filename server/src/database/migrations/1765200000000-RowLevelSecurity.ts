import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTOR_ROLES, APP_ROLE, ENSURE_ROLES_SQL } from './database-roles';

/**
 * Issue 9: PostgreSQL row-level security behind the access module. The application's connections
 * run as one database role per actor role (`outcome_ledger_coordinator`, …, all members of
 * `outcome_ledger_app`, which holds the table privileges; see database/db-context.ts); none owns
 * anything, none bypasses RLS; migrations keep running as the owner. The organization and user
 * come from the settings `app.actor_org` and `app.actor_user`, set with the role on every
 * checkout of a connection.
 *
 * The policies mirror access/access.policy.ts at the level of tenants (which rows of which
 * organization); the finer rules (a draft is editable, a funder sets targets and the grantee
 * reports actual values) stay in the services. Admin and system (credential lookups, startup)
 * see every row; `outcome_ledger_app` itself has no policy, so without an actor every tenant
 * table is empty. Subqueries in a policy are filtered by the policies of the tables they read,
 * so "the evaluation is visible" means exactly what the evaluations policy says for that role.
 *
 * Performance: policies are attached TO the actor's role, so PostgreSQL plans only that role's
 * (an admin's list has no condition added at all), and the settings are read through scalar
 * subqueries, `(SELECT app_actor_org())`, evaluated once per statement rather than per row.
 * A first version with one role and every rule OR-ed in one policy cost 0.28–0.39× of B4's
 * throughput.
 *
 * Organizations, users and the audit log are readable by every signed-in actor (names of
 * funders, grantees and comment authors are shown across tenants; history is scoped by the
 * service per record); the audit log is append-only by privilege: the app roles may only INSERT
 * and SELECT it.
 */
const APP = APP_ROLE;
const { admin, system, coordinator, funder, researcher } = ACTOR_ROLES;
const UNRESTRICTED = [admin, system];
const SIGNED_IN = [coordinator, funder, researcher];

const ORG = `(SELECT app_actor_org())`;
const USER = `(SELECT app_actor_user())`;
const FUNDS_GRANT = (grantColumn: string) =>
  `EXISTS (SELECT 1 FROM grants g WHERE g.id = ${grantColumn} AND g.funder_organization_id = ${ORG})`;
const EVALUATION_VISIBLE = (table: string) =>
  `EXISTS (SELECT 1 FROM evaluations e WHERE e.id = ${table}.evaluation_id)`;

type Command = 'SELECT' | 'ALL';
/** table → [roles, command, condition (USING, and WITH CHECK for writes)] */
const POLICIES: Record<string, [string[], Command, string][]> = {
  organizations: [[SIGNED_IN, 'SELECT', 'true']],
  users: [
    [SIGNED_IN, 'SELECT', 'true'],
    [SIGNED_IN, 'ALL', `id = ${USER}`],
  ],
  programs: [
    [[coordinator], 'ALL', `organization_id = ${ORG}`],
    [
      [funder],
      'SELECT',
      `EXISTS (SELECT 1 FROM grant_programs gp JOIN grants g ON g.id = gp.grant_id
                WHERE gp.program_id = programs.id AND g.funder_organization_id = ${ORG})`,
    ],
    [[researcher], 'SELECT', `EXISTS (SELECT 1 FROM evaluations e WHERE e.program_id = programs.id)`],
  ],
  grants: [
    [[coordinator], 'SELECT', `organization_id = ${ORG}`],
    [[funder], 'ALL', `funder_organization_id = ${ORG}`],
  ],
  grant_programs: [
    [[coordinator, funder], 'SELECT', `EXISTS (SELECT 1 FROM grants g WHERE g.id = grant_programs.grant_id)`],
    [[funder], 'ALL', FUNDS_GRANT('grant_programs.grant_id')],
  ],
  reporting_periods: [
    [[coordinator], 'SELECT', `organization_id = ${ORG}`],
    [[funder], 'ALL', FUNDS_GRANT('reporting_periods.grant_id')],
  ],
  targets: [
    [[coordinator], 'ALL', `organization_id = ${ORG}`],
    [[funder], 'ALL', FUNDS_GRANT('targets.grant_id')],
  ],
  evaluations: [
    [[coordinator], 'ALL', `organization_id = ${ORG}`],
    [[funder], 'ALL', `status <> 'draft' AND ${FUNDS_GRANT('evaluations.grant_id')}`],
    [[researcher], 'SELECT', `status = 'approved'`],
  ],
  evaluation_comments: [[[coordinator, funder], 'ALL', EVALUATION_VISIBLE('evaluation_comments')]],
  evaluation_submissions: [[[coordinator, funder], 'ALL', EVALUATION_VISIBLE('evaluation_submissions')]],
  evaluation_ratings: [
    [[coordinator, funder], 'ALL', EVALUATION_VISIBLE('evaluation_ratings')],
    [[researcher], 'SELECT', EVALUATION_VISIBLE('evaluation_ratings')],
  ],
  outcome_measurements: [
    [[coordinator], 'ALL', `organization_id = ${ORG}`],
    [[funder, researcher], 'SELECT', EVALUATION_VISIBLE('outcome_measurements')],
  ],
  audit_events: [[SIGNED_IN, 'ALL', 'true']],
  jobs: [
    [[coordinator], 'ALL', `actor_user_id = ${USER} OR organization_id = ${ORG}`],
    [[funder, researcher], 'ALL', `actor_user_id = ${USER}`],
  ],
  job_files: [[SIGNED_IN, 'ALL', `EXISTS (SELECT 1 FROM jobs j WHERE j.id = job_files.job_id)`]],
};

export const ROW_SECURED_TABLES = Object.keys(POLICIES);

export class RowLevelSecurity1765200000000 implements MigrationInterface {
  name = 'RowLevelSecurity1765200000000';

  public async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide: several databases of one cluster share them.
    for (const sql of ENSURE_ROLES_SQL) await q.query(sql);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP}`);
    await q.query(`REVOKE ALL ON migrations FROM ${APP}`);
    await q.query(`REVOKE UPDATE, DELETE ON audit_events FROM ${APP}`);
    await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${APP}`);

    await q.query(`
      CREATE FUNCTION app_actor_org() RETURNS integer LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.actor_org', true), '')::integer $$`);
    await q.query(`
      CREATE FUNCTION app_actor_user() RETURNS integer LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.actor_user', true), '')::integer $$`);

    for (const [table, policies] of Object.entries(POLICIES)) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${table}_unrestricted ON ${table} FOR ALL TO ${UNRESTRICTED.join(', ')} USING (true)`,
      );
      for (const [i, [roles, command, condition]] of policies.entries()) {
        const check = command === 'ALL' ? ` WITH CHECK (${condition})` : '';
        await q.query(
          `CREATE POLICY ${table}_${i + 1} ON ${table} FOR ${command} TO ${roles.join(', ')} USING (${condition})${check}`,
        );
      }
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, policies] of Object.entries(POLICIES)) {
      for (const i of policies.keys()) await q.query(`DROP POLICY IF EXISTS ${table}_${i + 1} ON ${table}`);
      await q.query(`DROP POLICY IF EXISTS ${table}_unrestricted ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const fn of ['app_actor_user', 'app_actor_org']) await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM ${APP}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${APP}`,
    );
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP}`);
    // The roles stay: other databases of the cluster may use them.
  }
}
