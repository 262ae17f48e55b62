/**
 * PostgreSQL clusters of the machine's own PostgreSQL binaries (not the embedded package, which
 * ships only initdb, pg_ctl and postgres): a primary, a streaming replica made with
 * pg_basebackup, and the client tools (pg_dump, pg_restore) of the same version. Used by the
 * replica and backup suites; each cluster lives in a temporary directory on a free port and
 * never touches a PostgreSQL service the machine may run.
 */
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { serverDist } from './database.mjs';
import { freePort } from './server.mjs';

const USER = 'ledger';
const PASSWORD = 'cluster-test-password';
const TOOLS = ['initdb', 'pg_ctl', 'postgres', 'pg_basebackup', 'pg_dump', 'pg_restore'];

/** A module of the built server (the same rules the server applies, not a copy of them). */
function serverModule<T>(file: string): T {
  return createRequire(__filename)(serverDist(file)) as T;
}

/**
 * The first directory that has every tool we need, looked for where `npm run backup` looks
 * (PG_BIN, PATH, then /usr/lib/postgresql/<major>/bin, newest first).
 */
export function postgresBinDir(): string {
  const { postgresBinCandidates } = serverModule<{ postgresBinCandidates: () => string[] }>(
    'database/backup/backup.js',
  );
  const candidates = postgresBinCandidates();
  const found = candidates.find((dir) => TOOLS.every((tool) => existsSync(join(dir, tool))));
  if (!found) {
    throw new Error(
      `No PostgreSQL binaries with ${TOOLS.join(', ')} (looked in ${candidates.join(', ')}); ` +
        'install the postgresql package or set PG_BIN',
    );
  }
  return found;
}

/** Whether the machine has the binaries; suites that need them are skipped (with a note) when not. */
export function hasPostgresBinaries(): boolean {
  try {
    postgresBinDir();
    return true;
  } catch {
    return false;
  }
}

/** `describe` when the PostgreSQL binaries are there, otherwise a skipped one with a SKIPPED note. */
export function describeWithPostgresBinaries(name: string, body: () => void): void {
  if (hasPostgresBinaries()) {
    describe(name, body);
    return;
  }
  console.warn(`SKIPPED: ${name} (no PostgreSQL binaries; .ci/run installs the postgresql package, or set PG_BIN)`);
  describe.skip(name, body);
}

type Ids = { uid?: number; gid?: number };

function postgresIds(): Ids {
  // The server's own rule (embedded-postgres.ts): the `postgres` user when we run as root.
  return serverModule<{ runAs: () => Ids }>('database/embedded-postgres.js').runAs();
}

type RunProgram = (
  command: string,
  args: string[],
  options: Ids & { env?: Record<string, string> },
) => Promise<{ code: number; output: string }>;

/** Runs one of the cluster's programs with the server's runner; a failure is an error with its output. */
async function runTool(binDir: string, tool: string, args: string[], options: { ids?: Ids } = {}): Promise<void> {
  const { runProgram } = serverModule<{ runProgram: RunProgram }>('database/run-program.js');
  const result = await runProgram(join(binDir, tool), args, { ...options.ids });
  if (result.code !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.output}`);
}

export interface Cluster {
  port: number;
  binDir: string;
  /** A URL of `database` on this cluster. */
  url(database: string): string;
  /** Stops the server (fast shutdown) and keeps its data, to `resume()` it later on the same port. */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same port. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

function ownedDir(path: string, ids: Ids, mode: number): void {
  mkdirSync(path, { recursive: true, mode });
  chmodSync(path, mode);
  if (ids.uid !== undefined) chownSync(path, ids.uid, ids.gid ?? ids.uid);
}

async function start(binDir: string, root: string, pgdata: string, ids: Ids): Promise<Cluster> {
  const port = await freePort();
  const log = join(root, 'postgres.log');
  await runTool(binDir, 'pg_ctl', ['start', '-D', pgdata, '-w', '-t', '60', '-l', log, '-o', `-p ${port}`], { ids });
  let stopping: Promise<void> | undefined;
  return {
    port,
    binDir,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    halt: () => runTool(binDir, 'pg_ctl', ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], { ids }),
    resume: () =>
      runTool(binDir, 'pg_ctl', ['start', '-D', pgdata, '-w', '-t', '60', '-l', log, '-o', `-p ${port}`], { ids }),
    stop() {
      stopping ??= runTool(binDir, 'pg_ctl', ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], { ids })
        .catch(() => undefined)
        .then(() => rmSync(root, { recursive: true, force: true }));
      return stopping;
    },
  };
}

/** A new primary cluster (replication allowed from 127.0.0.1, as initdb's pg_hba.conf does). */
export async function startPrimary(label: string): Promise<Cluster> {
  const binDir = postgresBinDir();
  const ids = postgresIds();
  const root = mkdtempSync(join(tmpdir(), `ledger-${label}-`));
  ownedDir(root, ids, 0o755);
  const pgdata = join(root, 'pgdata');
  ownedDir(pgdata, ids, 0o700);
  const pwfile = join(root, 'pw');
  appendFileSync(pwfile, `${PASSWORD}\n`);
  if (ids.uid !== undefined) chownSync(pwfile, ids.uid, ids.gid ?? ids.uid);
  await runTool(
    binDir,
    'initdb',
    [`--pgdata=${pgdata}`, `--username=${USER}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8'],
    { ids },
  );
  rmSync(pwfile);
  appendFileSync(join(pgdata, 'postgresql.conf'), "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
  return start(binDir, root, pgdata, ids);
}

/** A streaming replica of `primary` (pg_basebackup -R), in hot standby. */
export async function startReplica(primary: Cluster, label: string): Promise<Cluster> {
  const ids = postgresIds();
  const root = mkdtempSync(join(tmpdir(), `ledger-${label}-`));
  ownedDir(root, ids, 0o755);
  const pgdata = join(root, 'pgdata');
  ownedDir(pgdata, ids, 0o700);
  await runTool(
    primary.binDir,
    'pg_basebackup',
    ['-D', pgdata, '-d', primary.url('postgres'), '-R', '-X', 'stream', '-c', 'fast'],
    { ids },
  );
  return start(primary.binDir, root, pgdata, ids);
}

export async function createDatabase(cluster: Cluster, name: string): Promise<string> {
  const client = new Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return cluster.url(name);
}

/** Runs one query on a fresh connection and returns its rows. */
export async function queryOnce<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
