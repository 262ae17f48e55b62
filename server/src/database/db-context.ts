import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import type { Role } from '../vocabulary/roles';

/**
 * Who the database sees. Row-level security (migration RowLevelSecurity) attaches each actor
 * role's policies to a database role of its own and reads the organization and user from the
 * settings `app.actor_org` and `app.actor_user`. Every checkout of a connection from the pool
 * sets the role and both settings from the async context before the connection is handed out,
 * so a statement can only ever run as the actor of the code that asked for the connection:
 *
 * - a request runs as its actor (DbContextInterceptor), public routes as `system`;
 * - background jobs run as the user who started them (JobQueue);
 * - startup work (seeding the demo, the first admin) and credential lookups run as `system`;
 * - anything else (no context) runs as nobody: every tenant table looks empty.
 */
export type DbRole = Role | 'system';

export interface DbActor {
  role: DbRole;
  organizationId: number | null;
  userId: number | null;
}

/**
 * The application's database roles (created by the RowLevelSecurity migration, all NOLOGIN,
 * NOSUPERUSER, NOBYPASSRLS): `outcome_ledger_app` holds the table privileges and has no
 * policies, so on its own it sees no tenant rows (an actor-less connection runs as it); one
 * member role per actor role carries that role's policies. PostgreSQL plans only the policies
 * of the current role, so an admin's query has none to evaluate and a coordinator's only
 * `organization_id = …`.
 */
export const APP_DB_ROLE = 'outcome_ledger_app';
export const ACTOR_DB_ROLES: Record<DbRole, string> = {
  admin: 'outcome_ledger_admin',
  system: 'outcome_ledger_system',
  coordinator: 'outcome_ledger_coordinator',
  funder: 'outcome_ledger_funder',
  researcher: 'outcome_ledger_researcher',
};

/** The database role of an actor role; nobody (no actor) runs as the policy-less group role. */
function dbRoleOf(role: DbRole): string {
  return (ACTOR_DB_ROLES as Partial<Record<string, string>>)[role] ?? APP_DB_ROLE;
}

/**
 * Creates the app's roles when the cluster does not have them yet (roles are cluster-wide: the
 * migration and a restore into a new server both need them) and lets the current user SET ROLE
 * to each.
 */
export const ENSURE_APP_DB_ROLE_SQL = [APP_DB_ROLE, ...Object.values(ACTOR_DB_ROLES)].flatMap((role) => [
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
       CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS${role === APP_DB_ROLE ? '' : ` IN ROLE ${APP_DB_ROLE}`};
     END IF;
   END $$`,
  `GRANT ${role} TO CURRENT_USER`,
]);

export const SYSTEM: DbActor = Object.freeze({ role: 'system', organizationId: null, userId: null });
/** No actor: every tenant table looks empty. */
export const NOBODY: DbActor = Object.freeze({ role: '' as DbRole, organizationId: null, userId: null });

const storage = new AsyncLocalStorage<DbActor>();

/** The database actor of a request's actor (access/actor.ts): its role, organization and user. */
export function dbActorFor(actor: { role: Role; organizationId: number; userId: number }): DbActor {
  return { role: actor.role, organizationId: actor.organizationId, userId: actor.userId };
}

/** Runs `work` (and everything it starts) with `actor` as the database's actor. */
export function runAs<T>(actor: DbActor, work: () => T): T {
  return storage.run(actor, work);
}

/** Runs `work` unrestricted by row-level security: credential lookups, startup, job bookkeeping. */
export function asSystem<T>(work: () => T): T {
  return storage.run(SYSTEM, work);
}

export function currentDbActor(): DbActor {
  return storage.getStore() ?? NOBODY;
}

const CONTEXT_SQL =
  `SELECT set_config('role', $1, false), set_config('app.actor_org', $2, false), ` +
  `set_config('app.actor_user', $3, false)`;

function contextParams(actor: DbActor): string[] {
  return [dbRoleOf(actor.role), actor.organizationId?.toString() ?? '', actor.userId?.toString() ?? ''];
}

type ConnectCallback = (err: Error | undefined, client?: PoolClient, release?: (err?: Error | boolean) => void) => void;

/**
 * Makes every checkout from `pool` carry the caller's actor. The context is read when connect()
 * is called (not when a client frees up, which happens in another request's context), and the
 * client is only handed out once the settings are in place; if setting them fails, the client
 * is destroyed and the checkout fails — a connection never runs with a previous checkout's actor.
 */
export function applyDbContextOnCheckout(pool: Pool): void {
  const marked = pool as Pool & { __dbContext?: true };
  if (marked.__dbContext) return;
  marked.__dbContext = true;
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  const checkout = async (params: string[]) => {
    const client = await connect();
    try {
      await client.query(CONTEXT_SQL, params);
      return client;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  };
  (pool as { connect: unknown }).connect = (callback?: ConnectCallback) => {
    const pending = checkout(contextParams(currentDbActor()));
    if (!callback) return pending;
    pending.then(
      (client) => callback(undefined, client, (err) => client.release(err)),
      (error: Error) => callback(error),
    );
    return undefined;
  };
}
