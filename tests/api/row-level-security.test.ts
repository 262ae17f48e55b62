import { Client, DatabaseError } from 'pg';
import {
  createIndicator,
  createOrganization,
  createProgram,
  type Evaluation,
  type Program,
} from '../support/factories';
import { createTrial, THREE_TRIALS } from '../support/portfolio';

/**
 * Row-level security is the second wall behind the services' scoping (AccessPolicy): a query that
 * forgets the scoping — a bug, a new endpoint, a raw report — still runs as the request's actor
 * in PostgreSQL and cannot see or change another tenant's rows. These tests issue such queries
 * directly, exactly as the application's connections do: as the role `outcome_ledger_app` with
 * the actor's settings (server/src/database/db-context.ts).
 */
const APP_ROLE = 'outcome_ledger_app';

interface DbActor {
  role: string;
  organizationId?: number;
  userId?: number;
}

let client: Client;

/** Runs `work` in a transaction as `actor`, the way a request's connection is set up; always rolled back. */
async function asActor<T>(actor: DbActor | null, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    // The role per actor role (outcome_ledger_coordinator, …); no actor: the policy-less group role.
    await client.query(`SET LOCAL ROLE ${actor ? `outcome_ledger_${actor.role}` : APP_ROLE}`);
    if (actor) {
      await client.query(`SELECT set_config('app.actor_org', $1, true), set_config('app.actor_user', $2, true)`, [
        actor.organizationId?.toString() ?? '',
        actor.userId?.toString() ?? '',
      ]);
    }
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

async function failure(sql: string, params: unknown[] = []): Promise<DatabaseError> {
  await client.query('SAVEPOINT attempt');
  try {
    await client.query(sql, params);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT attempt');
    return error as DatabaseError;
  }
  throw new Error(`expected ${sql} to fail`);
}

const ids = async (sql: string, params: unknown[] = []) =>
  (await client.query<{ id: number }>(sql, params)).rows.map((r) => Number(r.id));

describe('row-level security', () => {
  let mine: { organizationId: number; program: Program; draft: Evaluation; approved: Evaluation };
  let theirs: { organizationId: number; program: Program; draft: Evaluation };

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.LEDGER_DATABASE_URL });
    await client.connect();
    const indicator = await createIndicator();
    const counts = THREE_TRIALS[0].counts;
    const mineOrg = (await createOrganization()).id;
    const theirOrg = (await createOrganization()).id;
    const myProgram = await createProgram(mineOrg);
    const theirProgram = await createProgram(theirOrg);
    mine = {
      organizationId: mineOrg,
      program: myProgram,
      draft: await createTrial(myProgram, indicator, counts, { status: 'draft' }),
      approved: await createTrial(myProgram, indicator, counts, { status: 'approved' }),
    };
    theirs = {
      organizationId: theirOrg,
      program: theirProgram,
      draft: await createTrial(theirProgram, indicator, counts, { status: 'draft' }),
    };
  });

  afterAll(async () => {
    await client.end();
  });

  it('lets an unscoped query of a coordinator read only their own organization’s rows', async () => {
    await asActor({ role: 'coordinator', organizationId: mine.organizationId }, async () => {
      const programOrgs = await client.query<{ organization_id: number }>('SELECT organization_id FROM programs');
      expect(programOrgs.rows.length).toBeGreaterThan(0);
      expect(new Set(programOrgs.rows.map((r) => Number(r.organization_id)))).toEqual(new Set([mine.organizationId]));
      expect(await ids('SELECT id FROM programs WHERE id = ANY($1)', [[mine.program.id, theirs.program.id]])).toEqual([
        mine.program.id,
      ]);
      expect(await ids('SELECT id FROM evaluations WHERE id = $1', [theirs.draft.id])).toEqual([]);
      expect(await ids('SELECT id FROM outcome_measurements WHERE evaluation_id = $1', [theirs.draft.id])).toEqual([]);
      expect((await ids('SELECT id FROM outcome_measurements WHERE evaluation_id = $1', [mine.draft.id])).length).toBe(
        4,
      );
    });
  });

  it('lets an unscoped write of a coordinator change nothing of another tenant, and not move rows to it', async () => {
    const theirRows = () =>
      client.query('SELECT * FROM outcome_measurements WHERE evaluation_id = $1 ORDER BY id', [theirs.draft.id]);
    const before = (await theirRows()).rows;
    await asActor({ role: 'coordinator', organizationId: mine.organizationId }, async () => {
      const updated = await client.query('UPDATE outcome_measurements SET n = n + 1 WHERE evaluation_id = $1', [
        theirs.draft.id,
      ]);
      expect(updated.rowCount).toBe(0);
      const deleted = await client.query('DELETE FROM programs WHERE id = $1', [theirs.program.id]);
      expect(deleted.rowCount).toBe(0);
      const moved = await failure('UPDATE programs SET organization_id = $1 WHERE id = $2', [
        theirs.organizationId,
        mine.program.id,
      ]);
      expect(moved.code).toBe('42501');
      expect(moved.message).toContain('row-level security');
      const planted = await failure(
        `INSERT INTO programs (organization_id, name, summary, strategy, target_populations, setting, countries,
                               start_date, status, inputs, activities, outputs, intended_outcomes, version)
         SELECT $1, name || ' (copy)', summary, strategy, target_populations, setting, countries,
                start_date, status, inputs, activities, outputs, intended_outcomes, 1
           FROM programs WHERE id = $2`,
        [theirs.organizationId, mine.program.id],
      );
      expect(planted.code).toBe('42501');
    });
    // Read as the table owner: the other tenant's rows are exactly as they were.
    expect(before).toHaveLength(4);
    expect((await theirRows()).rows).toEqual(before);
  });

  it('shows a researcher approved evaluations only, and a funder nothing it does not fund', async () => {
    await asActor({ role: 'researcher', organizationId: mine.organizationId }, async () => {
      expect((await client.query(`SELECT 1 FROM evaluations WHERE status <> 'approved'`)).rowCount).toBe(0);
      expect(await ids('SELECT id FROM evaluations WHERE id = ANY($1)', [[mine.draft.id, mine.approved.id]])).toEqual([
        mine.approved.id,
      ]);
      expect(await ids('SELECT id FROM outcome_measurements WHERE evaluation_id = $1', [mine.draft.id])).toEqual([]);
      expect(
        (await client.query('UPDATE evaluations SET title = title WHERE id = $1', [mine.approved.id])).rowCount,
      ).toBe(0);
    });
    const funderOrg = (await createOrganization({ kind: 'funder' })).id;
    await asActor({ role: 'funder', organizationId: funderOrg }, async () => {
      expect(await ids('SELECT id FROM programs WHERE id = ANY($1)', [[mine.program.id, theirs.program.id]])).toEqual(
        [],
      );
      expect(await ids('SELECT id FROM evaluations WHERE id = $1', [mine.approved.id])).toEqual([]);
    });
  });

  it('shows nothing to a connection without an actor, and keeps the audit log append-only', async () => {
    await asActor(null, async () => {
      expect((await client.query('SELECT 1 FROM programs')).rowCount).toBe(0);
      expect((await client.query('SELECT 1 FROM outcome_measurements')).rowCount).toBe(0);
    });
    await asActor({ role: 'admin' }, async () => {
      expect(
        (await client.query('SELECT 1 FROM programs WHERE id = ANY($1)', [[mine.program.id, theirs.program.id]]))
          .rowCount,
      ).toBe(2);
      expect((await failure('UPDATE audit_events SET action = action')).code).toBe('42501');
      expect((await failure('DELETE FROM audit_events')).code).toBe('42501');
      expect((await failure('DELETE FROM migrations')).code).toBe('42501');
    });
  });

  it('covers every table that holds an organization’s rows, with a role that cannot bypass it', async () => {
    const roles = await client.query<{
      rolname: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcanlogin: boolean;
    }>(
      `SELECT rolname, rolsuper, rolbypassrls, rolcanlogin FROM pg_roles
        WHERE rolname LIKE 'outcome\\_ledger\\_%' AND rolname NOT LIKE 'outcome\\_ledger\\_login\\_%' ORDER BY 1`,
    );
    expect(roles.rows.map((r) => r.rolname)).toEqual(
      ['admin', 'app', 'coordinator', 'funder', 'researcher', 'system'].map((r) => `outcome_ledger_${r}`),
    );
    for (const role of roles.rows) {
      expect(role).toEqual({ rolname: role.rolname, rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    }
    const tenantTables = await client.query<{ table: string; rls: boolean; owner: string }>(
      `SELECT c.relname AS table, c.relrowsecurity AS rls, pg_get_userbyid(c.relowner) AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id'
                                                     AND NOT a.attisdropped)
        ORDER BY 1`,
    );
    expect(tenantTables.rows.map((r) => r.table)).toEqual(
      expect.arrayContaining(['evaluations', 'outcome_measurements', 'programs', 'targets']),
    );
    for (const table of tenantTables.rows) {
      expect({ table: table.table, rls: table.rls }).toEqual({ table: table.table, rls: true });
      expect(table.owner).not.toBe(APP_ROLE);
    }
  });

  /**
   * Issue 17: the app used to log in as the tables' owner and SET ROLE down, so one injected
   * `RESET ROLE` ran past every policy. The running server's own connections (seen in
   * pg_stat_activity) must log in as a role that owns nothing, is no superuser, cannot bypass
   * row-level security and inherits nothing: reset to it, a connection reads no table and can
   * switch no policy off. And the owner, too, is held to the policies (FORCE).
   */
  it('runs the app as a login role that owns nothing, so a reset role reads nothing and changes no policy', async () => {
    const logins = await client.query<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity
        WHERE datname = current_database() AND application_name IN ('outcome-ledger', 'outcome-ledger-jobs')`,
    );
    expect(logins.rows).toHaveLength(1);
    const login = logins.rows[0].usename;
    expect(login).not.toBe((await client.query<{ u: string }>('SELECT current_user AS u')).rows[0].u);
    const [attributes] = (
      await client.query<Record<string, unknown>>(
        `SELECT rolsuper, rolbypassrls, rolinherit, rolcreaterole, rolcreatedb,
                (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned_relations,
                (SELECT count(*)::int FROM pg_namespace n WHERE n.nspowner = r.oid) AS owned_schemas
           FROM pg_roles r WHERE rolname = $1`,
        [login],
      )
    ).rows;
    expect(attributes).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolinherit: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned_relations: 0,
      owned_schemas: 0,
    });

    await client.query('BEGIN');
    try {
      // What an injected RESET ROLE leaves: the login role itself.
      await client.query(`SET LOCAL ROLE ${client.escapeIdentifier(login)}`);
      for (const table of ['programs', 'outcome_measurements', 'users', 'audit_events', 'grants']) {
        expect({ table, code: (await failure(`SELECT 1 FROM ${table}`)).code }).toEqual({ table, code: '42501' });
      }
      expect((await failure('ALTER TABLE programs DISABLE ROW LEVEL SECURITY')).code).toBe('42501');
      expect((await failure('DROP POLICY programs_1 ON programs')).code).toBe('42501');
      expect((await failure('CREATE TABLE public.stolen (x int)')).code).toBe('42501');
    } finally {
      await client.query('ROLLBACK');
    }

    const unforced = await client.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relrowsecurity AND NOT c.relforcerowsecurity`,
    );
    expect(unforced.rows).toEqual([]);
  });
});
