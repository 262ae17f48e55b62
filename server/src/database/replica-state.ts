/**
 * The pure part of the read replicas (issue 18): what a probe's answer means, which replica a read
 * goes to, and the names shown for replicas. The probing itself and the pools live in
 * replica-monitor.ts.
 */

/**
 * `up`: reachable, a standby, at most REPLICA_MAX_LAG_SECONDS behind: reads go there.
 * `lagging`: reachable but further behind: reads go to the primary.
 * `down`: unreachable, the probe failed, not a standby, or its login role was refused: reads go to
 * the primary.
 */
export type ReplicaStatus = 'up' | 'lagging' | 'down';

/** Why a read that could have gone to a replica went to the primary instead. */
export type FallbackReason = 'down' | 'lagging' | 'failed';

export const FALLBACK_REASONS: readonly FallbackReason[] = ['down', 'lagging', 'failed'];

export type FallbackCounts = Record<FallbackReason, number>;

/** One replica as the monitor last saw it; read-only, for /api/health and (later) metrics. */
export interface ReplicaState {
  /** host:port/database, never the credentials. */
  name: string;
  state: ReplicaStatus;
  /** Seconds of replay lag at the last successful probe (0 when replay has caught up); null when down. */
  lagSeconds: number | null;
  /** Bytes of WAL the primary has written that the replica has not replayed; null when unknown. */
  lagBytes: number | null;
  /** Why it is down (or lagging), one line; null when up. */
  lastError: string | null;
  /** When it entered its current state (ISO 8601). */
  since: string;
  /** When it was last probed (ISO 8601); null before the first probe. */
  checkedAt: string | null;
  /** Reads that went to the primary on this replica's account, by reason. */
  fallbacks: FallbackCounts;
}

/** host:port/database of a PostgreSQL URL, without the user or password. */
export function replicaName(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
  } catch {
    return '(unparseable replica URL)';
  }
}

/** A WAL position (`16/B374D848`) as a number of bytes; null when there is none. */
export function lsnBytes(lsn: string | null | undefined): number | null {
  if (!lsn) return null;
  const match = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(lsn.trim());
  if (!match) return null;
  return parseInt(match[1], 16) * 2 ** 32 + parseInt(match[2], 16);
}

/** What a probe read from a replica (and the primary's current WAL position, when it answered). */
export interface ProbeResult {
  inRecovery: boolean;
  /** pg_last_wal_replay_lsn() on the replica. */
  replayLsn: string | null;
  /** Seconds behind: 0 when replay has caught up with what was received, else now() − last replayed commit. */
  lagSeconds: number;
  /** pg_current_wal_lsn() on the primary, read before the replica was asked; null when it did not answer. */
  primaryLsn: string | null;
}

export interface Classified {
  state: ReplicaStatus;
  lagSeconds: number | null;
  lagBytes: number | null;
  problem: string | null;
}

/** The state a successful probe puts a replica in. */
export function classifyProbe(probe: ProbeResult, maxLagSeconds: number): Classified {
  if (!probe.inRecovery) {
    return {
      state: 'down',
      lagSeconds: null,
      lagBytes: null,
      problem: 'not a standby (pg_is_in_recovery() is false): it is a primary, so not a replica of ours',
    };
  }
  const primary = lsnBytes(probe.primaryLsn);
  const replayed = lsnBytes(probe.replayLsn);
  const lagBytes = primary !== null && replayed !== null ? Math.max(0, primary - replayed) : null;
  const lagSeconds = Math.max(0, Math.round(probe.lagSeconds * 1000) / 1000);
  if (lagSeconds > maxLagSeconds) {
    return {
      state: 'lagging',
      lagSeconds,
      lagBytes,
      problem: `replay is ${lagSeconds} s behind (REPLICA_MAX_LAG_SECONDS is ${maxLagSeconds})`,
    };
  }
  return { state: 'up', lagSeconds, lagBytes, problem: null };
}

/**
 * Which replica a read goes to: the next `up` one after `cursor` (round robin), or none, with
 * every replica's reason for not taking it (the fallback is counted against each of them).
 */
export function pickReplica(
  states: readonly Pick<ReplicaState, 'state'>[],
  cursor: number,
): { index: number; next: number } | { index: null; reasons: { index: number; reason: FallbackReason }[] } {
  const n = states.length;
  for (let step = 0; step < n; step++) {
    const index = (((cursor + step) % n) + n) % n;
    if (states[index].state === 'up') return { index, next: index + 1 };
  }
  return {
    index: null,
    reasons: states.map((s, index) => ({ index, reason: s.state === 'lagging' ? 'lagging' : 'down' })),
  };
}

/** `ok` with every replica up (or none configured), `degraded` when any is lagging or down. */
export function replicasSummary(states: readonly Pick<ReplicaState, 'state'>[]): 'none' | 'ok' | 'degraded' {
  if (states.length === 0) return 'none';
  return states.every((s) => s.state === 'up') ? 'ok' : 'degraded';
}
