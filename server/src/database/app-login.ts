import { createHash, createHmac } from 'node:crypto';
import { Client, ClientBase } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { ACTOR_DB_ROLES, APP_DB_ROLE } from './db-context';
import { withPgClient } from './pg-client';
import { StartupError } from './preflight';

/**
 * Two database identities (issue 17): the **owner** of the tables runs migrations and installs
 * the job queue's schema; the running app logs in as a **login role** that owns nothing, is not
 * a superuser, cannot bypass row-level security and inherits no privileges (NOINHERIT): all it
 * can do is `SET ROLE` to one of the actor roles (db-context.ts), which hold the privileges and
 * the policies. An injected `RESET ROLE` therefore leaves a connection that can read no table of
 * ours, and no statement the app runs can alter a policy or switch row-level security off.
 *
 * - MIGRATION_DATABASE_URL set: it is the owner, DATABASE_URL the login role, which an
 *   operator created (docs/deploy.md); it is checked here and refused if it could bypass RLS.
 * - Otherwise DATABASE_URL, or the embedded database, is the owner and creates the login role
 *   itself: `outcome_ledger_login_<8 hex of the database name>` (one per database, so that
 *   databases of one cluster with different secrets do not share a password), with a password
 *   derived from SESSION_SECRET, so every instance of one install computes the same one.
 */
export interface AppLogin {
  /** URL of the login role, for the app's pool, pg-boss and (when derived) its replicas. */
  url: string;
  role: string;
  replicaUrls: string[];
}

/** What the owner connection must be able to do: read every row for data migrations and backups. */
const OWNER_QUERY = `SELECT current_user AS name, rolsuper, rolbypassrls, rolcreaterole
                       FROM pg_roles WHERE rolname = current_user`;

interface RoleRow {
  name: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreaterole: boolean;
}

/** Key of the advisory lock that one starting instance holds while it prepares the database. */
const STARTUP_LOCK = 7_366_100_117;

/**
 * Runs `work` while holding the startup lock on the owner's database: instances started
 * together migrate, create the login role and install the job queue one after the other (the
 * later ones find nothing left to do), never side by side.
 */
export async function withStartupLock<T>(ownerUrl: string, work: () => Promise<T>): Promise<T> {
  return withPgClient(ownerUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    }
  });
}

/** Runs pending migrations as the owner (never through the app's login role). */
export async function migrateAsOwner(ownerUrl: string): Promise<void> {
  const db = new DataSource(dataSourceOptions(ownerUrl));
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await db.destroy();
  }
}

export function derivedLoginRole(database: string): string {
  return `outcome_ledger_login_${createHash('sha256').update(database).digest('hex').slice(0, 8)}`;
}

function derivedPassword(secret: string, role: string): string {
  return createHmac('sha256', secret).update(`database login ${role}`).digest('base64url');
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

const ident = (client: Client, name: string) => client.escapeIdentifier(name);

/**
 * Makes sure the login role exists, may SET ROLE to each actor role and nothing more, and
 * returns how to log in as it. Runs on the owner connection after the migrations.
 */
export async function prepareAppLogin(options: {
  ownerUrl: string;
  /** DATABASE_URL when MIGRATION_DATABASE_URL is set: the operator's login role. */
  appUrl?: string;
  replicaUrls: readonly string[];
  secret: string;
}): Promise<AppLogin> {
  return withPgClient(options.ownerUrl, async (owner) => {
    const [me] = (await owner.query<RoleRow>(OWNER_QUERY)).rows;
    if (!me.rolsuper && !me.rolbypassrls) {
      throw new StartupError(
        `the owner role ${me.name} must be a superuser or have BYPASSRLS: migrations and backups read every row of tables that force row-level security (docs/deploy.md)`,
      );
    }
    let login: AppLogin;
    if (options.appUrl) {
      const role = decodeURIComponent(new URL(options.appUrl).username);
      if (!role) throw new StartupError("DATABASE_URL names no user: it must be the app's login role");
      login = { url: options.appUrl, role, replicaUrls: [...options.replicaUrls] };
    } else {
      if (!me.rolsuper && !me.rolcreaterole) {
        throw new StartupError(
          `the role ${me.name} in DATABASE_URL owns the tables but cannot create the app's login role (no CREATEROLE): create one and set MIGRATION_DATABASE_URL (docs/deploy.md)`,
        );
      }
      const database = (await owner.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
      const role = derivedLoginRole(database);
      const password = derivedPassword(options.secret, role);
      const exists = (await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount! > 0;
      const attributes = 'LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION';
      // A password is a literal in CREATE/ALTER ROLE: it is base64url, quoted as a literal.
      const literal = owner.escapeLiteral(password);
      await owner.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(owner, role)} ${attributes} PASSWORD ${literal}`);
      login = {
        url: withCredentials(options.ownerUrl, role, password),
        role,
        replicaUrls: options.replicaUrls.map((u) => withCredentials(u, role, password)),
      };
    }
    for (const actorRole of [APP_DB_ROLE, ...Object.values(ACTOR_DB_ROLES)]) {
      await owner.query(`GRANT ${actorRole} TO ${ident(owner, login.role)}`);
    }
    await assertLoginRoleIsBare(owner, login.role);
    return login;
  });
}

/** The login role's attributes and what it owns, as refused at startup; empty when all is well. */
export async function loginRoleProblems(client: ClientBase, role: string): Promise<string[]> {
  const { rows } = await client.query<{
    rolsuper: boolean;
    rolbypassrls: boolean;
    rolinherit: boolean;
    rolcreaterole: boolean;
    rolcreatedb: boolean;
    owned: string;
  }>(
    `SELECT r.rolsuper, r.rolbypassrls, r.rolinherit, r.rolcreaterole, r.rolcreatedb,
            (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
          + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid)
          + (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid) AS owned
       FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  if (rows.length === 0) return [`the role ${role} does not exist`];
  const [r] = rows;
  return [
    r.rolsuper && 'is a superuser',
    r.rolbypassrls && 'can bypass row-level security (BYPASSRLS)',
    r.rolinherit && 'inherits the privileges of its roles (INHERIT; it must be NOINHERIT)',
    r.rolcreaterole && 'can create roles (CREATEROLE)',
    r.rolcreatedb && 'can create databases (CREATEDB)',
    Number(r.owned) > 0 && `owns ${r.owned} tables, schemas or functions`,
  ].filter((p): p is string => typeof p === 'string');
}

async function assertLoginRoleIsBare(client: Client, role: string): Promise<void> {
  const problems = await loginRoleProblems(client, role);
  if (problems.length > 0) {
    throw new StartupError(
      `the app's login role ${role} ${problems.join(', ')}; the running app must log in as a role that owns nothing and cannot bypass row-level security (docs/deploy.md)`,
    );
  }
}
