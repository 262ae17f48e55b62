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
