import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No secret in the repository: secrets come only from the environment (SESSION_SECRET,
 * ADMIN_PASSWORD, DATABASE_URL). Every tracked file is scanned for the shapes real secrets take.
 * The demo password and the development session secret are not secrets: the server refuses the
 * latter in production and creates demo users only on the embedded demo database.
 */
const ROOT = join(__dirname, '..', '..');

const SHAPES: [string, RegExp][] = [
  ['private key', /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Outcome Ledger API token', /\bolt_[A-Za-z0-9_-]{30,}/],
  // Placeholders (${VAR}, <password>) are not secrets.
  ['database URL with a password', /postgres(ql)?:\/\/[^:\s/'"`]+:(?!\$\{|<)[^@\s'"`]{6,}@/],
];

/** Examples in docs and specs that only look like secrets (each one checked by hand). */
const EXAMPLES = ['postgres://user:password@', 'postgres://ledger:p%40ss%2Fword@'];

describe('the repository', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !f.endsWith('package-lock.json') && !/\.(png|jpg|ico|woff2?|xlsx|pdf|zip|dump)$/.test(f));

  it('tracks no environment files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => /(^|\/)\.env(\.|$)/.test(f) && !f.endsWith('.example'))).toEqual([]);
  });

  it('holds no key, token or password-bearing URL', () => {
    const found: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      for (const [what, shape] of SHAPES) {
        for (const [hit] of text.matchAll(new RegExp(shape.source, 'g'))) {
          if (!EXAMPLES.includes(hit)) found.push(`${file}: ${what} (${hit.slice(0, 24)}…)`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
