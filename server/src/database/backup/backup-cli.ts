import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { withCliDatabaseUrl } from '../cli-database';
import { backup } from './backup';

/** `npm run backup [-- file]`: a pg_dump custom-format file of DATABASE_URL (or the embedded database). */
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const file = resolve(process.argv[2] ?? `backups/outcome-ledger-${stamp}.dump`);
withCliDatabaseUrl('Backup', async (url) => {
  mkdirSync(dirname(file), { recursive: true });
  const bytes = await backup(url, file);
  return `Backup written to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB); restore with: npm run restore -- ${file}`;
});
