import { Registry } from 'prom-client';
import { ReplicaMetrics, replicaName } from './replica-metrics';

describe('replica metrics', () => {
  it('name a replica by host:port, never by its credentials', () => {
    expect(replicaName('postgres://app:secret@replica-1.internal:5433/ledger')).toBe('replica-1.internal:5433');
    expect(replicaName('postgresql://app:secret@10.0.0.12/ledger')).toBe('10.0.0.12:5432');
  });

  it('expose what the monitor reports, under the documented names, and drop replicas it no longer reports', async () => {
    const registry = new Registry();
    const metrics = new ReplicaMetrics(registry);
    metrics.record([
      { name: 'r1:5432', up: true, lagSeconds: 0.25, lagBytes: 4096, fallbacks: {} },
      { name: 'r2:5432', up: false, lagSeconds: null, lagBytes: null, fallbacks: { lag: 3, down: 1 } },
    ]);
    const text = await registry.metrics();
    expect(text).toContain('ledger_replica_up{replica="r1:5432"} 1');
    expect(text).toContain('ledger_replica_up{replica="r2:5432"} 0');
    expect(text).toContain('ledger_replica_lag_seconds{replica="r1:5432"} 0.25');
    expect(text).toContain('ledger_replica_lag_bytes{replica="r1:5432"} 4096');
    expect(text).not.toContain('ledger_replica_lag_seconds{replica="r2:5432"}');
    expect(text).toContain('ledger_replica_fallbacks_total{replica="r2:5432",reason="lag"} 3');
    expect(text).toContain('ledger_replica_fallbacks_total{replica="r2:5432",reason="down"} 1');
    expect(text).toContain('# TYPE ledger_replica_fallbacks_total counter');

    metrics.record([{ name: 'r1:5432', up: true, lagSeconds: 0.5, lagBytes: 0, fallbacks: { lag: 5 } }]);
    const next = await registry.metrics();
    expect(next).toContain('ledger_replica_lag_seconds{replica="r1:5432"} 0.5');
    expect(next).toContain('ledger_replica_fallbacks_total{replica="r1:5432",reason="lag"} 5');
    expect(next).not.toContain('r2:5432');
  });
});
