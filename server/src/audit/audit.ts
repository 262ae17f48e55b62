import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../access/actor';
import { AuditEvent } from './audit-event.entity';

export type AuditAction = 'create' | 'update' | 'delete' | 'login' | 'logout' | 'password_change' | 'password_set';

/** Bookkeeping fields that change on every write and say nothing about the change. */
const IGNORED = new Set(['updatedAt', 'version', 'createdAt']);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields that differ between two snapshots, with their old and new values. */
export function diffSnapshots(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (IGNORED.has(key) || same(before[key], after[key])) continue;
    changedBefore[key] = before[key] ?? null;
    changedAfter[key] = after[key] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}

function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  return value ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : null;
}

/**
 * Writes one audit row with the caller's entity manager, so it commits or rolls back with
 * the change it describes. The table is append-only (a PostgreSQL trigger refuses UPDATE,
 * DELETE and TRUNCATE).
 */
export async function recordAudit(
  manager: EntityManager,
  actor: Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null,
  event: {
    action: AuditAction;
    entityType: string;
    entityId?: number | string | null;
    before?: object | null;
    after?: object | null;
  },
): Promise<void> {
  const { before, after } = diffSnapshots(snapshot(event.before), snapshot(event.after));
  const row: Partial<AuditEvent> = {
    actorUserId: actor?.userId ?? null,
    organizationId: actor?.organizationId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
    before,
    after,
    requestId: actor?.requestId ?? null,
  };
  await manager.insert(AuditEvent, row as QueryDeepPartialEntity<AuditEvent>);
}
