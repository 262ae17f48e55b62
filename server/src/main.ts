import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from './bootstrap';
import { HttpDrain } from './common/http-drain';
import { AppConfig, loadConfig } from './config/config';
import { assertDatabaseReachable, assertPortFree, StartupError } from './database/preflight';
import { AppLogin, migrateAsOwner, prepareAppLogin, withStartupLock } from './database/app-login';
import { asSystem } from './database/db-context';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed/demo';
import { ensureFirstAdmin } from './seed/first-admin';
import { installJobSchema } from './jobs/job-schema';

const EMBEDDED_DATABASE = 'outcome_ledger';

/**
 * How long a shutdown waits for in-flight requests before cutting them; below the 10 s that
 * `docker stop` and most orchestrators wait before SIGKILL.
 */
const SHUTDOWN_GRACE_MS = 8000;

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** Ends the process with a one-line reason: no stack traces for problems the user can fix. */
function fail(message: string): never {
  process.stderr.write(`Outcome Ledger could not start: ${message}\n`);
  process.exit(1);
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] || err.name;
  return String(err);
}

/**
 * As the tables' owner, one starting instance at a time: runs the migrations, makes sure of the
 * app's login role and installs the job queue's schema; returns how the running app logs in
 * (database/app-login.ts).
 */
function openAppLogin(config: AppConfig, ownerUrl: string, appUrl: string | undefined): Promise<AppLogin> {
  return withStartupLock(ownerUrl, async () => {
    await migrateAsOwner(ownerUrl);
    const login = await prepareAppLogin({
      ownerUrl,
      appUrl,
      replicaUrls: config.databaseReplicaUrls,
      secret: config.sessionSecret,
    });
    await installJobSchema(ownerUrl, login.role);
    return login;
  });
}

async function start(config: AppConfig): Promise<void> {
  if (!existsSync(join(config.adminDist, 'index.html'))) {
    throw new StartupError(`the admin app is not built (${config.adminDist} is missing); run "npm run build"`);
  }
  await assertPortFree(config.port);

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  let app: NestExpressApplication | undefined;
  let shuttingDown = false;

  const drain = new HttpDrain();

  /**
   * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (at most
   * SHUTDOWN_GRACE_MS), close idle keep-alive connections, then stop the job queue and close the
   * database pools (Nest's shutdown hooks), then the embedded PostgreSQL. Exit 0 when all of it
   * went cleanly.
   */
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      say(`${signal} again: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    say(`${signal} received: finishing in-flight requests and shutting down`);
    let code = 0;
    try {
      if (app) {
        const outcome = await drain.close(app.getHttpServer(), SHUTDOWN_GRACE_MS);
        if (outcome === 'forced') {
          say(`requests still running after ${SHUTDOWN_GRACE_MS} ms were cut`);
          code = 1;
        }
        await app.close();
      }
    } catch (err) {
      process.stderr.write(`Shutdown failed: ${describe(err)}\n`);
      code = 1;
    } finally {
      await embedded?.stop().catch(() => undefined);
    }
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: EMBEDDED_DATABASE, log: say });
      databaseUrl = embedded.url;
    } else {
      await assertDatabaseReachable(databaseUrl);
    }
    const ownerUrl = config.migrationDatabaseUrl ?? databaseUrl;
    if (config.migrationDatabaseUrl) await assertDatabaseReachable(ownerUrl, 'MIGRATION_DATABASE_URL');
    const login = await openAppLogin(config, ownerUrl, config.migrationDatabaseUrl ? databaseUrl : undefined);
    app = await createApp(config, login, drain);
    const db = app.get(DataSource);
    const demo = Boolean(embedded) && config.nodeEnv !== 'production';
    if (demo && embedded?.created && config.seedDemoOnFirstStart) {
      const seeded = await asSystem(() => seedDemo(db));
      say(
        `Seeded demo data: ${seeded.organizations} organizations, ${seeded.programs} programs, ${seeded.users} users, ${seeded.indicators} indicators, ${seeded.grants} grants, ${seeded.evaluations} evaluations`,
      );
    }
    if (await asSystem(() => ensureFirstAdmin(db, config.adminEmail, config.adminPassword))) {
      say(`Created the first administrator ${config.adminEmail}`);
    }
    await app.listen(config.port);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  // The demo users first: "is running at" is the last line of a start (scripts wait for it).
  if (embedded && config.nodeEnv !== 'production' && config.seedDemoOnFirstStart) {
    say(`Demo users (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.email).join(', ')}`);
  }
  say(`Outcome Ledger is running at http://localhost:${config.port}/ (API at /api, docs at /api/docs)`);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    fail(describe(err));
  }
  try {
    await start(config);
  } catch (err) {
    fail(describe(err));
  }
}

void main();
