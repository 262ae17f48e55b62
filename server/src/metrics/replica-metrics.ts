import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReplicaState } from '../database/replica-state';

/**
 * The replica series, set from the replica monitor's states (database/replica-monitor.ts) at each
 * scrape; named like the monitor names them (`host:port/database`, never the credentials).
 */
export class ReplicaMetrics {
  private readonly up: Gauge<'replica'>;
  private readonly lagSeconds: Gauge<'replica'>;
  private readonly lagBytes: Gauge<'replica'>;
  private readonly fallbacks: Counter<'replica' | 'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.up = new Gauge({
      name: 'ledger_replica_up',
      help: 'Whether a read replica is in use (1) or bypassed (0)',
      labelNames: ['replica'],
      registers,
    });
    this.lagSeconds = new Gauge({
      name: 'ledger_replica_lag_seconds',
      help: 'Replay lag of a read replica, in seconds',
      labelNames: ['replica'],
      registers,
    });
    this.lagBytes = new Gauge({
      name: 'ledger_replica_lag_bytes',
      help: 'WAL a read replica has not replayed yet, in bytes',
      labelNames: ['replica'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'ledger_replica_fallbacks_total',
      help: 'Reads meant for a read replica that went to the primary instead, by replica and reason',
      labelNames: ['replica', 'reason'],
      registers,
    });
  }

  /** Replaces every replica series with `states` (the monitor's counts are cumulative already). */
  record(states: readonly Pick<ReplicaState, 'name' | 'state' | 'lagSeconds' | 'lagBytes' | 'fallbacks'>[]): void {
    this.reset();
    for (const state of states) {
      const labels = { replica: state.name };
      this.up.set(labels, state.state === 'up' ? 1 : 0);
      if (state.lagSeconds !== null) this.lagSeconds.set(labels, state.lagSeconds);
      if (state.lagBytes !== null) this.lagBytes.set(labels, state.lagBytes);
      for (const [reason, count] of Object.entries<number>(state.fallbacks)) {
        if (count > 0) this.fallbacks.inc({ replica: state.name, reason }, count);
      }
    }
  }

  /** No replica series (nothing known, or the monitor failed this scrape). */
  reset(): void {
    this.up.reset();
    this.lagSeconds.reset();
    this.lagBytes.reset();
    this.fallbacks.reset();
  }
}
