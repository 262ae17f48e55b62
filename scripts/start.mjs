// `npm start`: checks that the build exists (one-line hint if not), then runs the server.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const missing = [join('server', 'dist', 'main.js'), join('admin', 'dist', 'index.html')].filter(
  (file) => !existsSync(join(root, file)),
);
if (missing.length > 0) {
  process.stderr.write(
    `Outcome Ledger could not start: it is not built (${missing.join(', ')} missing); run "npm run build" (npm install does it)\n`,
  );
  process.exit(1);
}
createRequire(import.meta.url)(join(root, 'server', 'dist', 'main.js'));
