// Starts the built server (server/dist/main.js) as a child process, like `npm start` does.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { serverDist } from './database.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The first administrator every test server is started with (ADMIN_EMAIL/ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'admin@tests.invalid', password: 'test-admin-password-9f3k' };

/** Logs in as TEST_ADMIN and creates a write API token (a day long) for the factories. */
export async function adminToken(baseUrl) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN=')).slice('XSRF-TOKEN='.length);
  const created = await fetch(`${baseUrl}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-xsrf-token': csrf },
    body: JSON.stringify({
      name: 'test factories',
      scope: 'write',
      expiresAt: new Date(Date.now() + 864e5).toISOString(),
    }),
  });
  if (created.status !== 201) throw new Error(`admin token failed: ${created.status} ${await created.text()}`);
  return (await created.json()).token;
}

/** startServer with TEST_ADMIN as the first administrator, and that administrator's write token. */
export async function startServerWithAdmin({ databaseUrl, env = {} }) {
  const server = await startServer({
    databaseUrl,
    env: { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password, ...env },
  });
  return { server, token: await adminToken(server.baseUrl) };
}

export async function startServer({ databaseUrl, env = {} }) {
  const port = await freePort();
  const child = spawn(process.execPath, [serverDist('main.js')], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  // LEDGER_SERVER_LOG=/tmp/server.log keeps the server's log for debugging a failing suite.
  if (process.env.LEDGER_SERVER_LOG) {
    const log = createWriteStream(process.env.LEDGER_SERVER_LOG, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  await new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('is running at')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  });
  // A server that goes away on its own (a crash, the OOM killer, or a test's own kill) says so
  // with the end of its log, so a suite that then fails with ECONNREFUSED shows why.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.warn(
      `server on port ${port} exited (code ${code}, signal ${signal}) while the suite was using it; ` +
        `the end of its output:\n${output.slice(-4000)}`,
    );
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
