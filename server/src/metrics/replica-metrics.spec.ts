import { Registry } from 'prom-client';
import { ReplicaMetrics } from './replica-metrics';

describe('replica metrics', () => {
  it('expose what the monitor reports, under the documented names, and drop replicas it no longer reports', async () => {
    const registry = new Registry();
    const metrics = new ReplicaMetrics(registry);
    metrics.record([
      { name: 'r1:5432', state: 'up', lagSeconds: 0.25, lagBytes: 4096, fallbacks: { down: 0, lagging: 0, failed: 0 } },
      {
        name: 'r2:5432',
        state: 'down',
        lagSeconds: null,
        lagBytes: null,
        fallbacks: { lagging: 3, down: 1, failed: 0 },
      },
    ]);
    const text = await registry.metrics();
    expect(text).toContain('ledger_replica_up{replica="r1:5432"} 1');
    expect(text).toContain('ledger_replica_up{replica="r2:5432"} 0');
    expect(text).toContain('ledger_replica_lag_seconds{replica="r1:5432"} 0.25');
    expect(text).toContain('ledger_replica_lag_bytes{replica="r1:5432"} 4096');
    expect(text).not.toContain('ledger_replica_lag_seconds{replica="r2:5432"}');
    expect(text).toContain('ledger_replica_fallbacks_total{replica="r2:5432",reason="lagging"} 3');
    expect(text).toContain('ledger_replica_fallbacks_total{replica="r2:5432",reason="down"} 1');
    expect(text).toContain('# TYPE ledger_replica_fallbacks_total counter');

    metrics.record([
      {
        name: 'r1:5432',
        state: 'lagging',
        lagSeconds: 0.5,
        lagBytes: 0,
        fallbacks: { lagging: 5, down: 0, failed: 0 },
      },
    ]);
    const next = await registry.metrics();
    expect(next).toContain('ledger_replica_up{replica="r1:5432"} 0');
    expect(next).toContain('ledger_replica_lag_seconds{replica="r1:5432"} 0.5');
    expect(next).toContain('ledger_replica_fallbacks_total{replica="r1:5432",reason="lagging"} 5');
    expect(next).not.toContain('r2:5432');
  });
});
