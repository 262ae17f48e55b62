// Static checks of the deployment files (docker-compose.yml, Dockerfile): no server or Docker needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dict(value: unknown, what: string): Dict {
  if (!isDict(value)) throw new Error(`${what} should be a mapping`);
  return value;
}

/** A YAML scalar as a string (compose accepts numbers and booleans where it means strings). */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** `environment:` as a map (`KEY: value`) or a list (`- KEY=value`), normalised to strings. */
function environmentOf(service: Dict): Record<string, string | undefined> {
  const raw = service.environment;
  const env: Record<string, string | undefined> = {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const text = scalar(entry) ?? '';
      const eq = text.indexOf('=');
      if (eq === -1) env[text] = undefined;
      else env[text.slice(0, eq)] = text.slice(eq + 1);
    }
  } else if (isDict(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      env[key] = scalar(value);
    }
  }
  return env;
}

/** `healthcheck.test` as one string, whether written as a string or a list. */
function healthcheckTest(service: Dict): string {
  const healthcheck = service.healthcheck;
  if (!isDict(healthcheck)) return '';
  const test = healthcheck.test;
  if (Array.isArray(test)) return test.map(String).join(' ');
  return typeof test === 'string' ? test : '';
}

interface PortMapping {
  host: string | undefined;
  container: string;
}

/** Short (`"8080:3000"`, `"127.0.0.1:8080:3000/tcp"`) and long (`{ target, published }`) port forms. */
function portsOf(service: Dict): PortMapping[] {
  const raw = service.ports;
  if (!Array.isArray(raw)) return [];
  return raw.map((entry: unknown): PortMapping => {
    if (isDict(entry)) {
      return {
        host: scalar(entry.published),
        container: scalar(entry.target) ?? '',
      };
    }
    const parts = (scalar(entry) ?? '').replace(/\/(tcp|udp)$/, '').split(':');
    const container = parts[parts.length - 1] ?? '';
    return { host: parts.length > 1 ? parts[parts.length - 2] : undefined, container };
  });
}

interface Mount {
  source: string | undefined;
  target: string | undefined;
}

function volumesOf(service: Dict): Mount[] {
  const raw = service.volumes;
  if (!Array.isArray(raw)) return [];
  return raw.map((entry: unknown): Mount => {
    if (isDict(entry)) {
      return {
        source: typeof entry.source === 'string' ? entry.source : undefined,
        target: typeof entry.target === 'string' ? entry.target : undefined,
      };
    }
    const [source, target] = (scalar(entry) ?? '').split(':');
    return { source, target };
  });
}

describe('docker-compose.yml', () => {
  const compose = dict(parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')), 'docker-compose.yml');
  const services = dict(compose.services, 'services');
  const db = dict(services.db ?? {}, 'services.db');
  const app = dict(services.app ?? {}, 'services.app');

  it('defines the db and app services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['db', 'app']));
  });

  it('runs PostgreSQL 18 for the database', () => {
    expect(String(db.image)).toMatch(/^postgres:18(\b|$)/);
  });

  it('health-checks the database with pg_isready', () => {
    expect(healthcheckTest(db)).toContain('pg_isready');
  });

  it('keeps the database on the named volume pgdata, mounted where postgres:18 expects it', () => {
    const mounts = volumesOf(db);
    expect(mounts).toContainEqual({ source: 'pgdata', target: '/var/lib/postgresql' });
    const volumes = compose.volumes;
    expect(isDict(volumes) && Object.hasOwn(volumes, 'pgdata')).toBe(true);
  });

  it('starts the app only once the database is healthy', () => {
    const dependsOn = app.depends_on;
    expect(isDict(dependsOn) ? dependsOn.db : undefined).toEqual(
      expect.objectContaining({ condition: 'service_healthy' }),
    );
  });

  it('configures the app for production against the db service', () => {
    const env = environmentOf(app);
    const databaseUrl = env.DATABASE_URL ?? '';
    // Compose substitutes ${VARS} before the app sees the URL; replace them so the URL parses.
    const url = new URL(databaseUrl.replace(/\$\{[^}]*\}/g, 'x'));
    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    expect(url.hostname).toBe('db');
    expect(env.NODE_ENV).toBe('production');
    expect(env.SESSION_SECRET?.trim() ?? '').not.toBe('');
  });

  it('publishes port 3000', () => {
    expect(portsOf(app)).toContainEqual({ host: '3000', container: '3000' });
  });

  it('health-checks the app on /api/health', () => {
    expect(healthcheckTest(app)).toContain('/api/health');
  });

  it('offers a streaming replica of the db in the optional replica profile', () => {
    const replica = dict(services.replica ?? {}, 'services.replica');
    expect(replica.profiles).toEqual(['replica']);
    expect(String(replica.image)).toMatch(/^postgres:18(\b|$)/);
    const command = Array.isArray(replica.command) ? replica.command.map(String).join(' ') : String(replica.command);
    expect(command).toMatch(/pg_basebackup\b.*--host=db\b.*--write-recovery-conf/s);
    expect(command).toContain('exec postgres');
    expect(volumesOf(replica)).toContainEqual({ source: 'replicadata', target: '/var/lib/postgresql' });
    expect(healthcheckTest(replica)).toContain('pg_isready');
    // The primary lets it stream: the init script is mounted where postgres:18 runs it on first start.
    const init = volumesOf(db).find((m) => m.target?.startsWith('/docker-entrypoint-initdb.d/'));
    expect(init?.source).toBe('./deploy/postgres/10-allow-replication.sh');
    expect(readFileSync(join(ROOT, 'deploy/postgres/10-allow-replication.sh'), 'utf8')).toContain(
      'host replication all all scram-sha-256',
    );
    // The app waits for it only when the profile is on, and is told about it by DATABASE_REPLICA_URLS.
    const dependsOn = dict(app.depends_on, 'app.depends_on');
    expect(dependsOn.replica).toEqual({ condition: 'service_healthy', required: false });
    expect(Object.keys(environmentOf(app))).toContain('DATABASE_REPLICA_URLS');
  });
});

describe('docs/deploy.md', () => {
  const guide = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');

  it('walks through a first deployment, TLS, upgrades, rollbacks, backups and a replica', () => {
    for (const heading of [
      'First deployment',
      'TLS behind a reverse proxy',
      'Upgrades and rollbacks',
      'Backups and restores',
      'A read replica',
    ]) {
      expect(guide).toMatch(new RegExp(`^## \\d\\. ${heading}$`, 'm'));
    }
    for (const command of [
      'docker compose up -d --build',
      'npm run backup',
      'npm run restore',
      '--clean',
      'TRUST_PROXY',
    ]) {
      expect(guide).toContain(command);
    }
  });

  it('names only environment variables the server reads', () => {
    const config = readFileSync(join(ROOT, 'server', 'src', 'config', 'config.ts'), 'utf8');
    const named = new Set([...guide.matchAll(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)=/g)].map((m) => m[1]));
    const outside = ['POSTGRES_PASSWORD', 'COMPOSE_PROFILES'];
    for (const variable of named) {
      if (!outside.includes(variable))
        expect(`${variable}: ${config.includes(`env.${variable}`)}`).toBe(`${variable}: true`);
    }
  });
});

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions of a Dockerfile: comments dropped, `\` continuation lines joined. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      pending += line.replace(/\\\s*$/, ' ');
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full === '') continue;
    const match = /^(\S+)\s*(.*)$/s.exec(full);
    if (match) instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
  }
  return instructions;
}

/** The command of a CMD/ENTRYPOINT in exec (JSON) or shell form, as argv. */
function argv(args: string): string[] {
  if (args.startsWith('[')) return (JSON.parse(args) as unknown[]).map(String);
  return args.split(/\s+/);
}

describe('Dockerfile', () => {
  const instructions = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  const finalStage = lastFrom === -1 ? [] : instructions.slice(lastFrom + 1);
  const inFinal = (keyword: string) => finalStage.filter((i) => i.keyword === keyword);

  it('is a multi-stage build', () => {
    expect(instructions.filter((i) => i.keyword === 'FROM').length).toBeGreaterThanOrEqual(2);
  });

  it('runs as a non-root user', () => {
    const users = inFinal('USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1]?.args.split(':')[0] ?? '';
    expect(['', 'root', '0']).not.toContain(user);
  });

  it('installs only production dependencies in the final stage', () => {
    const installs = inFinal('RUN').filter((i) => /\bnpm\s+ci\b/.test(i.args));
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.every((i) => /--omit[= ]dev\b/.test(i.args))).toBe(true);
  });

  it('copies the compiled server and admin app into the final stage', () => {
    const copies = inFinal('COPY').map((i) => i.args);
    expect(copies.some((c) => /--from=\S+/.test(c) && c.includes('server/dist'))).toBe(true);
    expect(copies.some((c) => /--from=\S+/.test(c) && c.includes('admin/dist'))).toBe(true);
  });

  it('declares a health check against /api/health', () => {
    const healthchecks = inFinal('HEALTHCHECK');
    expect(healthchecks.length).toBeGreaterThan(0);
    const last = healthchecks[healthchecks.length - 1]?.args ?? '';
    expect(last).not.toMatch(/^NONE\b/i);
    expect(last).toContain('/api/health');
  });

  it('starts the server with node server/dist/main.js', () => {
    const cmds = inFinal('CMD');
    expect(cmds.length).toBeGreaterThan(0);
    const command = argv(cmds[cmds.length - 1]?.args ?? '[]');
    expect(command[0]).toBe('node');
    expect(command.map((arg) => arg.replace(/^\.\//, ''))).toContain('server/dist/main.js');
  });
});
