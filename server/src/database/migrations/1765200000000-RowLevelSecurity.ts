import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE, ENSURE_APP_DB_ROLE_SQL } from '../db-context';

/**
 * Issue 9: PostgreSQL row-level security behind the access module. The application's connections
 * run as `outcome_ledger_app` (see database/db-context.ts), which owns nothing and is subject to
 * the policies below; migrations keep running as the owner. The actor comes from the settings
 * `app.actor_role`, `app.actor_org` and `app.actor_user`, set on every checkout of a connection.
 *
 * The policies mirror access/access.policy.ts at the level of tenants (which rows of which
 * organization); the finer rules (a draft is editable, a funder sets targets and the grantee
 * reports actual values) stay in the services. `admin` and `system` (credential lookups,
 * startup) see every row; without an actor every tenant table is empty. Subqueries in a policy
 * are themselves filtered by the policies of the tables they read, so "the evaluation is
 * visible" means exactly what the evaluations policy says.
 *
 * Organizations, users and the audit log are readable by every signed-in actor (names of
 * funders, grantees and comment authors are shown across tenants; history is scoped by the
 * service per record); the audit log is append-only by privilege: the app role may only INSERT
 * and SELECT it.
 */
const ROLE = APP_DB_ROLE;

const U = `app_actor_unrestricted()`;
const ROLE_IS = (role: string) => `app_actor_role() = '${role}'`;
const ORG = `app_actor_org()`;
const FUNDS_GRANT = (grantColumn: string) =>
  `EXISTS (SELECT 1 FROM grants g WHERE g.id = ${grantColumn} AND g.funder_organization_id = ${ORG})`;
const EVALUATION_VISIBLE = (table: string) =>
  `EXISTS (SELECT 1 FROM evaluations e WHERE e.id = ${table}.evaluation_id)`;

/** table → [read condition, write condition (USING and WITH CHECK)] */
const POLICIES: Record<string, [string, string]> = {
  organizations: [`app_actor_role() <> ''`, U],
  users: [`app_actor_role() <> ''`, `${U} OR id = app_actor_user()`],
  programs: [
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})
       OR (${ROLE_IS('funder')} AND EXISTS (SELECT 1 FROM grant_programs gp JOIN grants g ON g.id = gp.grant_id
                                            WHERE gp.program_id = programs.id AND g.funder_organization_id = ${ORG}))
       OR (${ROLE_IS('researcher')} AND EXISTS (SELECT 1 FROM evaluations e WHERE e.program_id = programs.id))`,
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})`,
  ],
  grants: [
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG}) OR (${ROLE_IS('funder')} AND funder_organization_id = ${ORG})`,
    `${U} OR (${ROLE_IS('funder')} AND funder_organization_id = ${ORG})`,
  ],
  grant_programs: [
    `${U} OR EXISTS (SELECT 1 FROM grants g WHERE g.id = grant_programs.grant_id)`,
    `${U} OR (${ROLE_IS('funder')} AND ${FUNDS_GRANT('grant_programs.grant_id')})`,
  ],
  reporting_periods: [
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG}) OR (${ROLE_IS('funder')} AND ${FUNDS_GRANT('reporting_periods.grant_id')})`,
    `${U} OR (${ROLE_IS('funder')} AND ${FUNDS_GRANT('reporting_periods.grant_id')})`,
  ],
  targets: [
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG}) OR (${ROLE_IS('funder')} AND ${FUNDS_GRANT('targets.grant_id')})`,
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG}) OR (${ROLE_IS('funder')} AND ${FUNDS_GRANT('targets.grant_id')})`,
  ],
  evaluations: [
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})
       OR (${ROLE_IS('funder')} AND status <> 'draft' AND ${FUNDS_GRANT('evaluations.grant_id')})
       OR (${ROLE_IS('researcher')} AND status = 'approved')`,
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})
       OR (${ROLE_IS('funder')} AND status <> 'draft' AND ${FUNDS_GRANT('evaluations.grant_id')})`,
  ],
  evaluation_comments: [
    `${U} OR (app_actor_role() IN ('coordinator', 'funder') AND ${EVALUATION_VISIBLE('evaluation_comments')})`,
    `${U} OR (app_actor_role() IN ('coordinator', 'funder') AND ${EVALUATION_VISIBLE('evaluation_comments')})`,
  ],
  evaluation_submissions: [
    `${U} OR (app_actor_role() IN ('coordinator', 'funder') AND ${EVALUATION_VISIBLE('evaluation_submissions')})`,
    `${U} OR (app_actor_role() IN ('coordinator', 'funder') AND ${EVALUATION_VISIBLE('evaluation_submissions')})`,
  ],
  evaluation_ratings: [
    `${U} OR (app_actor_role() IN ('coordinator', 'funder', 'researcher') AND ${EVALUATION_VISIBLE('evaluation_ratings')})`,
    `${U} OR (app_actor_role() IN ('coordinator', 'funder') AND ${EVALUATION_VISIBLE('evaluation_ratings')})`,
  ],
  outcome_measurements: [
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})
       OR (app_actor_role() IN ('funder', 'researcher') AND ${EVALUATION_VISIBLE('outcome_measurements')})`,
    `${U} OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})`,
  ],
  audit_events: [`app_actor_role() <> ''`, `app_actor_role() <> ''`],
  jobs: [
    `${U} OR actor_user_id = app_actor_user() OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})`,
    `${U} OR actor_user_id = app_actor_user() OR (${ROLE_IS('coordinator')} AND organization_id = ${ORG})`,
  ],
  job_files: [
    `${U} OR EXISTS (SELECT 1 FROM jobs j WHERE j.id = job_files.job_id)`,
    `${U} OR EXISTS (SELECT 1 FROM jobs j WHERE j.id = job_files.job_id)`,
  ],
};

export const ROW_SECURED_TABLES = Object.keys(POLICIES);

export class RowLevelSecurity1765200000000 implements MigrationInterface {
  name = 'RowLevelSecurity1765200000000';

  public async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide: several databases of one cluster share it.
    for (const sql of ENSURE_APP_DB_ROLE_SQL) await q.query(sql);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ROLE}`);
    await q.query(`REVOKE ALL ON migrations FROM ${ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE ON audit_events FROM ${ROLE}`);
    await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${ROLE}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ROLE}`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${ROLE}`);

    await q.query(`
      CREATE FUNCTION app_actor_role() RETURNS text LANGUAGE sql STABLE
        AS $$ SELECT coalesce(current_setting('app.actor_role', true), '') $$`);
    await q.query(`
      CREATE FUNCTION app_actor_org() RETURNS integer LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.actor_org', true), '')::integer $$`);
    await q.query(`
      CREATE FUNCTION app_actor_user() RETURNS integer LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.actor_user', true), '')::integer $$`);
    await q.query(`
      CREATE FUNCTION app_actor_unrestricted() RETURNS boolean LANGUAGE sql STABLE
        AS $$ SELECT coalesce(current_setting('app.actor_role', true), '') IN ('admin', 'system') $$`);

    for (const [table, [read, write]] of Object.entries(POLICIES)) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT TO ${ROLE} USING (${read})`);
      await q.query(
        `CREATE POLICY ${table}_write ON ${table} FOR ALL TO ${ROLE} USING (${write}) WITH CHECK (${write})`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(POLICIES)) {
      await q.query(`DROP POLICY IF EXISTS ${table}_write ON ${table}`);
      await q.query(`DROP POLICY IF EXISTS ${table}_read ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const fn of ['app_actor_unrestricted', 'app_actor_user', 'app_actor_org', 'app_actor_role']) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM ${ROLE}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${ROLE}`,
    );
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${ROLE}`);
    // The role stays: other databases of the cluster may use it.
  }
}
