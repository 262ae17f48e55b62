import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupError, findTool, libpqEnv } from './backup';

describe('backup tools', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bin-'));
  const saved = process.env.PG_BIN;

  beforeAll(() => {
    const tool = join(dir, 'pg_dump');
    writeFileSync(tool, '#!/bin/sh\necho "pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)"\n');
    chmodSync(tool, 0o755);
    process.env.PG_BIN = dir;
  });

  afterAll(() => {
    if (saved === undefined) delete process.env.PG_BIN;
    else process.env.PG_BIN = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses a pg_dump at least as new as the server', async () => {
    await expect(findTool('pg_dump', 15)).resolves.toBe(join(dir, 'pg_dump'));
    await expect(findTool('pg_dump', 14)).resolves.toBe(join(dir, 'pg_dump'));
  });

  it('names the version it needs and the ones it found when the tools are too old or missing', async () => {
    await expect(findTool('pg_dump', 18)).rejects.toThrow(BackupError);
    await expect(findTool('pg_dump', 18)).rejects.toThrow(/PostgreSQL 18 .*found only .*pg_dump \(15\)/);
    await expect(findTool('pg_restore', 15)).rejects.toThrow(/no pg_restore for PostgreSQL 15 or newer/);
  });

  it('passes the connection to the tools as libpq variables, password included, decoded', () => {
    expect(libpqEnv('postgres://ledger:p%40ss%2Fword@db.internal:6543/outcome_ledger?sslmode=require')).toEqual({
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGUSER: 'ledger',
      PGPASSWORD: 'p@ss/word',
      PGDATABASE: 'outcome_ledger',
      PGSSLMODE: 'require',
    });
  });
});
