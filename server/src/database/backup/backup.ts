import { existsSync, openSync, readdirSync, readSync, closeSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Client } from 'pg';
import { ENSURE_APP_DB_ROLE_SQL } from '../db-context';
import { withPgClient } from '../pg-client';
import { runProgram } from '../run-program';

/**
 * `npm run backup` / `npm run restore`: PostgreSQL's own pg_dump and pg_restore in the custom
 * format, nothing of ours in between. Connection details go to the tools through PG* environment
 * variables, never on a command line that `ps` would show.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

type Tool = 'pg_dump' | 'pg_restore';

/** Directories that may hold the PostgreSQL client tools: PG_BIN, PATH, then /usr/lib/postgresql/<major>/bin, newest first. */
export function postgresBinCandidates(): string[] {
  if (process.env.PG_BIN) return [process.env.PG_BIN];
  const versioned = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((major) => /^\d+$/.test(major))
        .sort((a, b) => Number(b) - Number(a))
        .map((major) => `/usr/lib/postgresql/${major}/bin`)
    : [];
  return [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...versioned];
}

/** The first `tool` whose major version is at least the server's (pg_dump refuses newer servers). */
export async function findTool(tool: Tool, serverMajor: number): Promise<string> {
  const seen: string[] = [];
  for (const dir of postgresBinCandidates()) {
    const path = join(dir, tool);
    if (!existsSync(path)) continue;
    const version = await runProgram(path, ['--version']);
    const major = Number(/(\d+)(\.\d+)?/.exec(version.output)?.[1]);
    if (major >= serverMajor) return path;
    seen.push(`${path} (${major})`);
  }
  throw new BackupError(
    `no ${tool} for PostgreSQL ${serverMajor} or newer` +
      (seen.length ? ` (found only ${seen.join(', ')})` : ' on PATH or in /usr/lib/postgresql') +
      `: install the PostgreSQL ${serverMajor} client tools or point PG_BIN at their directory`,
  );
}

/** libpq environment for a postgres:// URL (the password stays out of the process list). */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    PGHOST: decodeURIComponent(u.hostname) || 'localhost',
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')),
    PGSSLMODE: u.searchParams.get('sslmode') ?? process.env.PGSSLMODE ?? 'prefer',
  };
}

const withClient = <T>(url: string, work: (client: Client) => Promise<T>): Promise<T> =>
  withPgClient(url, work, (error) => new BackupError(`cannot connect to the database: ${error.message}`));

const serverMajor = (client: Client) =>
  client
    .query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
    .then((r) => Math.floor(Number(r.rows[0].v) / 10000));

/** Writes a custom-format dump of the database at `url` to `file`; returns its size in bytes. */
export async function backup(url: string, file: string): Promise<number> {
  const major = await withClient(url, serverMajor);
  const pgDump = await findTool('pg_dump', major);
  const result = await runProgram(pgDump, ['--format=custom', '--file', file, '--no-password'], { env: libpqEnv(url) });
  if (result.code !== 0) throw new BackupError(`pg_dump failed: ${result.output}`);
  return statSync(file).size;
}

function isCustomDump(file: string): boolean {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

/**
 * Restores `file` into the database at `url` in one transaction: all of it or, on any error,
 * nothing. The target must be empty unless `clean` (then the objects of the dump are dropped
 * first, still in the same transaction). Objects are owned by the restoring user, and the app's
 * row-level-security role is created when the target server does not have it yet.
 */
export async function restore(url: string, file: string, options: { clean?: boolean } = {}): Promise<void> {
  if (!isCustomDump(file))
    throw new BackupError(`${file} is not a pg_dump custom-format file (made by npm run backup)`);
  const major = await withClient(url, async (client) => {
    const [{ tables }] = (
      await client.query<{ tables: string }>(
        `SELECT count(*) AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
      )
    ).rows;
    if (Number(tables) > 0 && !options.clean) {
      throw new BackupError(
        `the target database is not empty (${tables} tables): restore into a new database, or pass --clean to replace its contents`,
      );
    }
    for (const sql of ENSURE_APP_DB_ROLE_SQL) await client.query(sql);
    return serverMajor(client);
  });
  const pgRestore = await findTool('pg_restore', major);
  const args = [
    '--single-transaction',
    '--exit-on-error',
    '--no-owner',
    '--no-password',
    '--dbname',
    libpqEnv(url).PGDATABASE!,
  ];
  if (options.clean) args.push('--clean', '--if-exists');
  const result = await runProgram(pgRestore, [...args, file], { env: libpqEnv(url) });
  if (result.code !== 0) throw new BackupError(`pg_restore failed, nothing was restored: ${result.output}`);
}
