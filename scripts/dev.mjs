// `npm run dev`: the server in watch mode (tsc --watch + node --watch) and the admin through
// Vite with hot reload at http://localhost:5173 (proxying /api to the server on PORT or 3000).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const port = process.env.PORT ?? '3000';
const children = [];

function run(name, command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  child.on('exit', (code) => {
    if (!shuttingDown) {
      process.stderr.write(`${name} exited (${code}); stopping\n`);
      shutdown(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
function shutdown(code = 0) {
  shuttingDown = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

run('tsc', bin('tsc'), ['-p', 'server/tsconfig.build.json', '--watch', '--preserveWatchOutput']);
const mainJs = join(root, 'server', 'dist', 'main.js');
const waitForBuild = setInterval(() => {
  if (!existsSync(mainJs)) return;
  clearInterval(waitForBuild);
  run('server', process.execPath, ['--watch-path=server/dist', mainJs], { env: { ...process.env, PORT: port } });
  run('vite', bin('vite'), ['--config', 'admin/vite.config.ts', 'admin'], {
    env: { ...process.env, API_URL: `http://localhost:${port}` },
  });
  process.stdout.write(`Admin with hot reload: http://localhost:5173/ (API on http://localhost:${port}/api)\n`);
}, 500);
