import { classifyProbe, lsnBytes, pickReplica, replicaName, replicasSummary } from './replica-state';

describe('replica state', () => {
  it('names a replica by host, port and database, never its credentials', () => {
    expect(replicaName('postgres://user:password@replica-1.internal:5433/ledger')).toBe(
      'replica-1.internal:5433/ledger',
    );
    expect(replicaName('postgresql://u:p%40s@10.0.0.7/ledger?sslmode=require')).toBe('10.0.0.7:5432/ledger');
    expect(replicaName('postgres://u:p@db')).toBe('db:5432/(default database)');
    expect(replicaName('not a url')).not.toContain('not a url');
  });

  it('reads WAL positions as bytes', () => {
    expect(lsnBytes('0/0')).toBe(0);
    expect(lsnBytes('0/3000148')).toBe(0x3000148);
    expect(lsnBytes('16/B374D848')).toBe(0x16 * 2 ** 32 + 0xb374d848);
    expect(lsnBytes(null)).toBeNull();
    expect(lsnBytes('nonsense')).toBeNull();
  });

  it('classifies a probe as up, lagging or down', () => {
    const probe = { inRecovery: true, replayLsn: '0/3000000', lagSeconds: 0, primaryLsn: '0/3000100' };
    expect(classifyProbe(probe, 30)).toEqual({ state: 'up', lagSeconds: 0, lagBytes: 0x100, problem: null });
    expect(classifyProbe({ ...probe, lagSeconds: 30 }, 30).state).toBe('up');
    const lagging = classifyProbe({ ...probe, lagSeconds: 30.5 }, 30);
    expect(lagging).toMatchObject({ state: 'lagging', lagSeconds: 30.5, lagBytes: 0x100 });
    expect(lagging.problem).toMatch(/30.5 s behind \(REPLICA_MAX_LAG_SECONDS is 30\)/);
    // The replica read after the primary may be ahead of it: never a negative lag.
    expect(classifyProbe({ ...probe, primaryLsn: '0/2000000' }, 30).lagBytes).toBe(0);
    expect(classifyProbe({ ...probe, primaryLsn: null }, 30).lagBytes).toBeNull();
    const primary = classifyProbe({ ...probe, inRecovery: false }, 30);
    expect(primary.state).toBe('down');
    expect(primary.problem).toMatch(/not a standby/);
  });

  it('picks up replicas round robin and names every reason when none is usable', () => {
    const up = { state: 'up' as const };
    const down = { state: 'down' as const };
    const lagging = { state: 'lagging' as const };
    expect(pickReplica([up, up], 0)).toEqual({ index: 0, next: 1 });
    expect(pickReplica([up, up], 1)).toEqual({ index: 1, next: 2 });
    expect(pickReplica([up, up], 2)).toEqual({ index: 0, next: 1 });
    expect(pickReplica([down, up, lagging], 0)).toEqual({ index: 1, next: 2 });
    expect(pickReplica([down, up, lagging], 2)).toEqual({ index: 1, next: 2 });
    expect(pickReplica([down, lagging], 0)).toEqual({
      index: null,
      reasons: [
        { index: 0, reason: 'down' },
        { index: 1, reason: 'lagging' },
      ],
    });
  });

  it('summarises the replicas for everybody', () => {
    expect(replicasSummary([])).toBe('none');
    expect(replicasSummary([{ state: 'up' }, { state: 'up' }])).toBe('ok');
    expect(replicasSummary([{ state: 'up' }, { state: 'lagging' }])).toBe('degraded');
    expect(replicasSummary([{ state: 'down' }])).toBe('degraded');
  });
});
