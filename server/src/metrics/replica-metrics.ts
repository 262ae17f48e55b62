import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * What the metrics read about the read replicas, at scrape time. The replica monitor
 * (database/replica-monitor.ts) is not part of this folder: whoever provides it registers one
 * provider, anywhere in the application, e.g.
 *
 *     { provide: REPLICA_METRICS_SOURCE, useExisting: ReplicaMonitor }
 *
 * and `ledger_replica_up`, `ledger_replica_lag_seconds`, `ledger_replica_lag_bytes` and
 * `ledger_replica_fallbacks_total` appear on /api/metrics. Without a provider they are absent.
 */
export const REPLICA_METRICS_SOURCE = Symbol('REPLICA_METRICS_SOURCE');

export interface ReplicaMetricsState {
  /** `host:port` of the replica (see `replicaName`): the `replica` label. */
  name: string;
  /** Whether the replica is in use now (reachable and within the allowed lag). */
  up: boolean;
  /** Replay lag in seconds; null when unknown (unreachable). */
  lagSeconds: number | null;
  /** Bytes of WAL not yet replayed; null when unknown. */
  lagBytes: number | null;
  /**
   * Reads sent to the primary instead of this replica since the process started, by reason
   * (`lag`, `down`, …: a short fixed vocabulary, never free text). Cumulative: only ever grows.
   */
  fallbacks: Readonly<Record<string, number>>;
}

export interface ReplicaMetricsSource {
  replicaStates(): readonly ReplicaMetricsState[] | Promise<readonly ReplicaMetricsState[]>;
}

/** `host:port` of a PostgreSQL URL (port 5432 when it names none): how metrics name a replica. */
export function replicaName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'unknown';
  }
}

/** The replica series, set from the monitor's states at each scrape (a replica gone from them disappears). */
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
  record(states: readonly ReplicaMetricsState[]): void {
    this.reset();
    for (const state of states) {
      const labels = { replica: state.name };
      this.up.set(labels, state.up ? 1 : 0);
      if (state.lagSeconds !== null) this.lagSeconds.set(labels, state.lagSeconds);
      if (state.lagBytes !== null) this.lagBytes.set(labels, state.lagBytes);
      for (const [reason, count] of Object.entries(state.fallbacks)) {
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
