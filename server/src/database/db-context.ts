import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import type { Actor } from '../access/actor';
import type { Role } from '../vocabulary/roles';

/**
 * Who the database sees. Row-level security (migration RowLevelSecurity) reads the actor from
 * three settings — `app.actor_role`, `app.actor_org`, `app.actor_user` — and the application's
 * connections run as `outcome_ledger_app`, a role that is subject to it (not the tables' owner,
 * not a superuser). Every checkout of a connection from the pool sets the role and all three
 * settings from the async context before the connection is handed out, so a statement can only
 * ever run as the actor of the code that asked for the connection:
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

/** The role the application's connections use; created by the RowLevelSecurity migration. */
export const APP_DB_ROLE = 'outcome_ledger_app';

/**
 * Creates the app's role when the cluster does not have it yet (roles are cluster-wide: the
 * migration and a restore into a new server both need it) and lets the current user SET ROLE to it.
 */
export const ENSURE_APP_DB_ROLE_SQL = [
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_DB_ROLE}') THEN
       CREATE ROLE ${APP_DB_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
     END IF;
   END $$`,
  `GRANT ${APP_DB_ROLE} TO CURRENT_USER`,
];

export const SYSTEM: DbActor = Object.freeze({ role: 'system', organizationId: null, userId: null });
const NOBODY: DbActor = Object.freeze({ role: '' as DbRole, organizationId: null, userId: null });

const storage = new AsyncLocalStorage<DbActor>();

export function dbActorFor(actor: Pick<Actor, 'role' | 'organizationId' | 'userId'>): DbActor {
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
  `SELECT set_config('role', $1, false), set_config('app.actor_role', $2, false), ` +
  `set_config('app.actor_org', $3, false), set_config('app.actor_user', $4, false)`;

function contextParams(actor: DbActor): string[] {
  return [APP_DB_ROLE, actor.role, actor.organizationId?.toString() ?? '', actor.userId?.toString() ?? ''];
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
