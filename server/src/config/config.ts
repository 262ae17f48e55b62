import { isAbsolute, join } from 'node:path';
import { findRepoRoot } from './paths';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Every setting the server reads, validated once at startup. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Set: use this PostgreSQL server. Unset: start the embedded one under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * The tables' owner, for migrations and the job queue's schema (MIGRATION_DATABASE_URL). Set:
   * DATABASE_URL is the app's own login role, which owns nothing. Unset: DATABASE_URL (or the
   * embedded database) is the owner, and the app creates its login role itself (database/app-login.ts).
   */
  migrationDatabaseUrl: string | undefined;
  /** Read replicas of DATABASE_URL for analyses, the evidence map and exports (DATABASE_REPLICA_URLS). */
  databaseReplicaUrls: string[];
  /** A replica further behind than this is `lagging` and not read from (REPLICA_MAX_LAG_SECONDS, default 30). */
  replicaMaxLagSeconds: number;
  /** How often each replica is probed, in milliseconds (REPLICA_CHECK_SECONDS, default 5). */
  replicaCheckIntervalMs: number;
  dataDir: string;
  logLevel: LogLevel;
  sessionSecret: string;
  /** Directory holding the built admin app (`admin/dist`). */
  adminDist: string;
  /** Express `trust proxy`: set when behind a reverse proxy so login throttling sees client addresses. */
  trustProxy: boolean | number | string;
  /** First administrator of a production install, created on first start when no admin exists. */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Seed demo data when the embedded database is created (first start). */
  seedDemoOnFirstStart: boolean;
  /** Largest import file accepted, in bytes (IMPORT_MAX_MB, default 50). */
  importMaxBytes: number;
  /** Small-cell threshold: counts 1 … k−1 are suppressed for outsiders (SUPPRESSION_K, default 11). */
  suppressionK: number;
  /** Pooled results and evidence-map cells shown to outsiders rest on at least this many evaluations (SUPPRESSION_MIN_STUDIES, default 3). */
  suppressionMinStudies: number;
  /** Origins allowed to call the API from a browser on another site (CORS_ORIGINS, comma-separated; default none). */
  corsOrigins: string[];
  /**
   * The Bearer token Prometheus sends to GET /api/metrics (METRICS_TOKEN, at least 32 characters).
   * Unset: metrics are off and /api/metrics does not exist (404).
   */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DEV_SESSION_SECRET = 'outcome-ledger-development-secret-do-not-use-in-production';

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${name}="${raw}" is not valid; use one of: ${allowed.join(', ')}`);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT="${raw}" is not valid; use a whole number from 1 to 65535`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined, name = 'DATABASE_URL'): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL; expected postgres://user:password@host:5432/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
  }
  return raw;
}

function parseMigrationUrl(raw: string | undefined, primary: string | undefined): string | undefined {
  const url = parseDatabaseUrl(raw, 'MIGRATION_DATABASE_URL');
  if (url && !primary) {
    throw new ConfigError(
      "MIGRATION_DATABASE_URL needs DATABASE_URL: the first is the tables' owner, the second the app's own login role",
    );
  }
  return url;
}

function parseReplicaUrls(raw: string | undefined, primary: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  if (!primary) {
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL: replicas are of your own primary server');
  }
  return raw.split(',').map((entry, i) => {
    let url: string | undefined;
    try {
      url = parseDatabaseUrl(entry);
    } catch (error) {
      throw new ConfigError(`DATABASE_REPLICA_URLS entry ${i + 1}: ${(error as Error).message}`);
    }
    if (!url) throw new ConfigError(`DATABASE_REPLICA_URLS entry ${i + 1} is empty`);
    return url.trim();
  });
}

function parseSeconds(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || seconds < min || seconds > max) {
    throw new ConfigError(
      `${name}="${raw}" is not valid; use a number of seconds from ${min} to ${max} (default ${fallback})`,
    );
  }
  return seconds;
}

function parseImportMaxMb(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 50;
  const mb = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || mb <= 0 || mb > 2048) {
    throw new ConfigError(`IMPORT_MAX_MB="${raw}" is not valid; use a number of megabytes from 1 to 2048`);
  }
  return mb;
}

function parseSuppressionK(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 11;
  const k = Number(raw);
  if (!/^\d+$/.test(raw) || k < 2 || k > 1000) {
    throw new ConfigError(`SUPPRESSION_K="${raw}" is not valid; use a whole number from 2 to 1000 (default 11)`);
  }
  return k;
}

function parseSuppressionMinStudies(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3;
  const min = Number(raw);
  if (!/^\d+$/.test(raw) || min < 2 || min > 100) {
    throw new ConfigError(
      `SUPPRESSION_MIN_STUDIES="${raw}" is not valid; use a whole number from 2 to 100 (default 3)`,
    );
  }
  return min;
}

function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS entry "${origin}" is not an origin; use scheme://host[:port] without a path, e.g. https://reports.example.org`,
      );
    }
    return origin;
  });
}

export const METRICS_TOKEN_MIN_LENGTH = 32;

function parseMetricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError(
      'METRICS_TOKEN may hold only printable ASCII characters without spaces (it is sent as "Authorization: Bearer <token>")',
    );
  }
  if (raw.length < METRICS_TOKEN_MIN_LENGTH) {
    throw new ConfigError(
      `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters (got ${raw.length}); make one with "openssl rand -hex 32", or unset it to turn /api/metrics off`,
    );
  }
  return raw;
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** Reads and validates the environment; throws ConfigError with a one-line reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = oneOf('NODE_ENV', env.NODE_ENV, NODE_ENVS, 'development');
  const root = findRepoRoot();
  const dataDirRaw = env.DATA_DIR && env.DATA_DIR.trim() !== '' ? env.DATA_DIR : '.data';
  const sessionSecret = env.SESSION_SECRET ?? '';
  if (nodeEnv === 'production' && sessionSecret.length < 32) {
    throw new ConfigError(
      sessionSecret === ''
        ? 'SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters)'
        : 'SESSION_SECRET must be at least 32 characters when NODE_ENV=production',
    );
  }
  return {
    nodeEnv,
    port: parsePort(env.PORT),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    migrationDatabaseUrl: parseMigrationUrl(env.MIGRATION_DATABASE_URL, parseDatabaseUrl(env.DATABASE_URL)),
    databaseReplicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URLS, parseDatabaseUrl(env.DATABASE_URL)),
    replicaMaxLagSeconds: parseSeconds('REPLICA_MAX_LAG_SECONDS', env.REPLICA_MAX_LAG_SECONDS, 30, 1, 86_400),
    replicaCheckIntervalMs: Math.round(
      parseSeconds('REPLICA_CHECK_SECONDS', env.REPLICA_CHECK_SECONDS, 5, 0.5, 3600) * 1000,
    ),
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : join(root, dataDirRaw),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    sessionSecret: sessionSecret || DEV_SESSION_SECRET,
    adminDist: join(root, 'admin', 'dist'),
    seedDemoOnFirstStart: env.SEED_DEMO !== 'false',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    adminEmail: env.ADMIN_EMAIL?.trim() || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    importMaxBytes: Math.round(parseImportMaxMb(env.IMPORT_MAX_MB) * 1024 * 1024),
    suppressionK: parseSuppressionK(env.SUPPRESSION_K),
    suppressionMinStudies: parseSuppressionMinStudies(env.SUPPRESSION_MIN_STUDIES),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
/** The PostgreSQL URL the running app logs in with (its own login role), for pg-boss. */
export const DATABASE_URL = Symbol('DATABASE_URL');
