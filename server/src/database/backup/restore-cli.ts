import { resolve } from 'node:path';
import { withCliDatabaseUrl } from '../cli-database';
import { restore } from './backup';

/** `npm run restore -- file [--clean]`: restores a backup into DATABASE_URL (or the embedded database). */
const args = process.argv.slice(2);
const clean = args.includes('--clean');
const files = args.filter((a) => a !== '--clean');
if (files.length !== 1 || files[0].startsWith('-')) {
  process.stderr.write('Usage: npm run restore -- <backup file> [--clean]\n');
  process.exit(2);
}
withCliDatabaseUrl('Restore', async (url) => {
  await restore(url, resolve(files[0]), { clean });
  return `Restored ${resolve(files[0])}${clean ? ' (replacing the previous contents)' : ''}; start the server to apply newer migrations`;
});
