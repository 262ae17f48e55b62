/**
 * The database roles as the migrations created them. A migration is a record of what was done
 * to a database and never imports application code: renaming a role in db-context.ts must not
 * silently rewrite a migration that has already run. migrations.spec.ts checks that the
 * application's names (db-context.ts) are still these.
 */
export const APP_ROLE = 'outcome_ledger_app';
export const ACTOR_ROLES = {
  admin: 'outcome_ledger_admin',
  system: 'outcome_ledger_system',
  coordinator: 'outcome_ledger_coordinator',
  funder: 'outcome_ledger_funder',
  researcher: 'outcome_ledger_researcher',
} as const;

/** Creates the roles when the cluster lacks them (roles are cluster-wide) and lets the current user SET ROLE to each. */
export const ENSURE_ROLES_SQL = [APP_ROLE, ...Object.values(ACTOR_ROLES)].flatMap((role) => [
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
       CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS${role === APP_ROLE ? '' : ` IN ROLE ${APP_ROLE}`};
     END IF;
   END $$`,
  `GRANT ${role} TO CURRENT_USER`,
]);
