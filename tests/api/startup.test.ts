import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isAlive } = require('../../server/dist/database/embedded-postgres.js') as { isAlive: (pid: number) => boolean };

const root = join(__dirname, '..', '..');
const startScript = join(root, 'scripts', 'start.mjs');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `npm start`'s script with the given environment (DATABASE_URL removed unless given). */
function start(env: Record<string, string>, script = startScript): Run {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, [script], {
    env: { ...base, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run = { child, output: () => output, exited };
  running.push(run);
  return run;
}

async function waitFor(predicate: () => boolean, what: string, run: Run, timeoutMs = 60000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (run.child.exitCode !== null) throw new Error(`exited before ${what}:\n${run.output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function expectOneLineFailure(output: string, message: string): void {
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Outcome Ledger could not start:');
  expect(lines[0]).toContain(message);
  expect(output).not.toMatch(/\n\s+at /);
}

const running: Run[] = [];
afterEach(() => {
  for (const run of running.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

describe('starting the server', () => {
  it('explains a port that is already in use in one line, exit code 1', async () => {
    const port = await freePort();
    const blocker: Server = await new Promise((resolve) => {
      const server = createServer().listen(port, () => resolve(server));
    });
    try {
      const run = start({ PORT: String(port), DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x' });
      expect(await run.exited).toBe(1);
      expectOneLineFailure(run.output(), `port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('explains an unreachable DATABASE_URL in one line, exit code 1', async () => {
    const run = start({ PORT: String(await freePort()), DATABASE_URL: 'postgres://u:p@127.0.0.1:1/ledger' });
    expect(await run.exited).toBe(1);
    expectOneLineFailure(run.output(), 'cannot reach the database in DATABASE_URL (127.0.0.1:1/ledger)');
  });

  it('refuses production mode without SESSION_SECRET in one line', async () => {
    const run = start({ NODE_ENV: 'production', SESSION_SECRET: '' });
    expect(await run.exited).toBe(1);
    expectOneLineFailure(run.output(), 'SESSION_SECRET is required');
  });

  it('explains a missing build in one line', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'ledger-unbuilt-'));
    try {
      mkdirSync(join(bare, 'scripts'));
      copyFileSync(startScript, join(bare, 'scripts', 'start.mjs'));
      const run = start({}, join(bare, 'scripts', 'start.mjs'));
      expect(await run.exited).toBe(1);
      expectOneLineFailure(run.output(), 'it is not built');
      expect(run.output()).toContain('npm run build');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('runs on embedded PostgreSQL, seeds once, survives SIGKILL and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-embedded-'));
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };
    /** GET as the demo administrator. */
    const asAdmin = async (path: string) => {
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.org', password: 'demo-password-2026' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
    };
    const programCount = async () => (await asAdmin('/api/programs?range=[0,0]')).headers.get('content-range');
    try {
      const first = start(env);
      await waitFor(() => first.output().includes('is running at'), 'the first start', first);
      expect(first.output()).toContain(`http://localhost:${port}/`);
      expect(first.output()).toMatch(/Seeded demo data: \d+ organizations, \d+ programs, 6 users/);
      expect(first.output()).toContain('Demo users (password demo-password-2026): admin@demo.org');
      const seeded = await programCount();
      expect(seeded).toMatch(/^programs 0-0\/\d+$/);
      // The demo portfolio of issue 7: the report's programs, its hotline tip counts, ~40 evaluations in every state.
      const programs = (await (await asAdmin('/api/programs?range=[0,99]')).json()) as { name: string }[];
      expect(programs.map((p) => p.name)).toEqual(
        expect.arrayContaining([
          'Animated film screenings for children at risk',
          'Recruiters’ tactics school curriculum',
          'Parents on guard: supervision workshops',
          'Hotline and reporting awareness',
          'Law-enforcement task force training',
          'Public-service announcements in six languages',
        ]),
      );
      const [tips] = (await (
        await asAdmin(`/api/indicators?filter=${encodeURIComponent('{"q":"CTX-TIPS-01"}')}`)
      ).json()) as { contextSeries: { year: number; value: number }[] }[];
      expect(tips.contextSeries).toEqual(
        [4578, 9673, 19276, 24460, 43097, 81987, 112017].map((value, i) => ({ year: 1998 + i, value })),
      );
      const evaluations = (await (await asAdmin('/api/evaluations?range=[0,199]')).json()) as { status: string }[];
      expect(evaluations.length).toBeGreaterThanOrEqual(40);
      expect(new Set(evaluations.map((e) => e.status))).toEqual(
        new Set(['draft', 'submitted', 'approved', 'changes_requested']),
      );
      expect((await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-type')).toContain('text/html');

      const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(isAlive(postmaster)).toBe(true); // the orphan the next start must deal with

      const second = start(env);
      await waitFor(() => second.output().includes('is running at'), 'the start after SIGKILL', second);
      expect(second.output()).toContain('left running by a previous run');
      expect(second.output()).not.toContain('Seeded demo data');
      expect(await programCount()).toBe(seeded);
      expect(isAlive(postmaster)).toBe(false);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
