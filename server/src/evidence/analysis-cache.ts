import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { ReplicaMonitor } from '../database/replica-monitor';

/** How many pooled results and evidence maps one server process keeps (least recently used go first). */
const ANALYSIS_CACHE_SIZE = 200;

/**
 * The version of what analyses read: per table, how many rows this snapshot sees and a sum of a
 * hash of each row version's creating transaction (`xmin`). Any insert, update or delete
 * committed before the snapshot changes it, whatever the order the writers committed in — the
 * latest `updated_at` did not (a transaction that started earlier and committed later kept it
 * equal), nor did a delete. Approved evaluations' measurements cannot change, so they are not read.
 */
const VERSIONED_TABLES = ['evaluations', 'programs', 'indicators', 'grants', 'grant_programs', 'organizations'];
const DATA_VERSION_SQL = `SELECT ${VERSIONED_TABLES.map(
  (table) => `(SELECT count(*) || ':' || coalesce(sum(hashtext(xmin::text)), 0) FROM ${table}) AS ${table}`,
).join(', ')}`;

/**
 * Pooled estimates and the evidence map are cached per scope and question, keyed by the version
 * of the data they read (approvals, programs, indicators, grant links): a request first reads
 * that version (one small query), so an approval, a change of strategy or of an indicator's
 * direction is seen at once, by every server process. The version and the data are read in one
 * snapshot on a read replica (database/replica-monitor.ts), so they always agree.
 */
@Injectable()
export class AnalysisCache {
  private readonly entries = new Map<string, { version: string; value: unknown }>();

  constructor(private readonly replicas: ReplicaMonitor) {}

  /** The answer to `question` for the actor's audience, computed by `compute` when the data changed since. */
  read<T>(actor: Actor, question: string, compute: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.replicas.readFromReplica(async (manager) => {
      const [version] = await manager.query<Record<string, unknown>[]>(DATA_VERSION_SQL);
      const versionKey = JSON.stringify(version);
      const key = `${AccessPolicy.analysisAudience(actor)}|${question}`;
      const hit = this.entries.get(key);
      if (hit && hit.version === versionKey) {
        this.entries.delete(key); // most recently used last
        this.entries.set(key, hit);
        return hit.value as T;
      }
      const value = await compute(manager);
      this.entries.set(key, { version: versionKey, value });
      if (this.entries.size > ANALYSIS_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
      return value;
    });
  }
}
