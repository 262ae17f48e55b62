import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotDatabase } from '../support/db-snapshot';
import { serverDist } from '../support/database.mjs';
import {
  type Cluster,
  createDatabase,
  describeWithPostgresBinaries,
  queryOnce,
  startPrimary,
} from '../support/pg-cluster';

/**
 * `npm run backup` / `npm run restore` (pg_dump / pg_restore, custom format): a database with the
 * demo data is backed up and restored onto another PostgreSQL server — one that has never seen
 * Outcome Ledger, so even the row-level-security role must be recreated — and every table's row
 * count and checksum must match. A restore is all or nothing and never overwrites by accident.
 */
function cli(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [serverDist(script), ...args],
      { env: { ...process.env, NODE_ENV: 'test', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describeWithPostgresBinaries('backup and restore', () => {
  let source: Cluster;
  let target: Cluster;
  let sourceUrl: string;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
  const file = join(dir, 'ledger.dump');

  beforeAll(async () => {
    [source, target] = await Promise.all([startPrimary('backup-source'), startPrimary('backup-target')]);
    sourceUrl = await createDatabase(source, 'ledger');
    const seeded = await cli('seed/seed-cli.js', [], { DATABASE_URL: sourceUrl });
    expect(seeded).toMatchObject({ code: 0, output: expect.stringContaining('Seeded demo data') as string });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const restoreInto = (url: string, backupFile: string, ...flags: string[]) =>
    cli('database/backup/restore-cli.js', [backupFile, ...flags], { DATABASE_URL: url, PG_BIN: target.binDir });

  it('restores a backup of the demo data onto a new server, every table identical', async () => {
    const made = await cli('database/backup/backup-cli.js', [file], { DATABASE_URL: sourceUrl, PG_BIN: source.binDir });
    expect(made.output).toContain('Backup written to');
    expect(made.code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    // No password on the tools' command lines: it travels in PGPASSWORD.
    expect(made.output).not.toContain('cluster-test-password');

    const restoredUrl = await createDatabase(target, 'ledger_restored');
    const restored = await restoreInto(restoredUrl, file);
    expect(restored.output).toContain('Restored');
    expect(restored.code).toBe(0);

    const before = await snapshotDatabase(sourceUrl);
    const after = await snapshotDatabase(restoredUrl);
    expect(Object.keys(before).length).toBeGreaterThan(15);
    expect(before.evaluations.rows).toBeGreaterThanOrEqual(30);
    expect(before.outcome_measurements.rows).toBeGreaterThan(100);
    expect(after).toEqual(before);
    // Row-level security came along: the policies (unrestricted, coordinator, funder, researcher),
    // and the app's six roles on the new server.
    expect(
      await queryOnce(
        restoredUrl,
        `SELECT relrowsecurity AS rls, (SELECT count(*)::int FROM pg_policies WHERE tablename = 'programs') AS policies,
                (SELECT count(*)::int FROM pg_roles WHERE rolname LIKE 'outcome\\_ledger\\_%') AS roles
           FROM pg_class WHERE relname = 'programs'`,
      ),
    ).toEqual([{ rls: true, policies: 4, roles: 6 }]);
  });

  it('refuses to restore over data unless asked to replace it, and then replaces it', async () => {
    const url = await createDatabase(target, 'ledger_existing');
    expect((await restoreInto(url, file)).code).toBe(0);
    await queryOnce(url, `UPDATE organizations SET name = name || ' (edited after the backup)' WHERE id = 1`);
    const edited = await snapshotDatabase(url);

    const refused = await restoreInto(url, file);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('not empty');
    expect(refused.output).toContain('--clean');
    expect(await snapshotDatabase(url)).toEqual(edited);

    const replaced = await restoreInto(url, file, '--clean');
    expect(replaced.code).toBe(0);
    expect(await snapshotDatabase(url)).toEqual(await snapshotDatabase(sourceUrl));
  });

  it('restores nothing from a damaged or foreign file', async () => {
    const url = await createDatabase(target, 'ledger_damaged');
    const damaged = join(dir, 'damaged.dump');
    const bytes = readFileSync(file);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(statSync(file).size * 0.6)));
    const failed = await restoreInto(url, damaged);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('nothing was restored');
    expect(await snapshotDatabase(url)).toEqual({});

    const foreign = join(dir, 'notes.txt');
    writeFileSync(foreign, 'not a backup');
    const refused = await restoreInto(url, foreign);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('not a pg_dump custom-format file');
    expect((await restoreInto(url, join(dir, 'missing.dump'))).output).toContain('does not exist');
  });
});
