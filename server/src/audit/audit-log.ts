import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../access/actor';
import { AuditEvent } from '../database/entities/audit-event.entity';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'login',
  'logout',
  'password_change',
  'password_set',
  'submit',
  'approve',
  'request_changes',
  'amend',
  'supersede',
  'comment',
  'import',
  'export',
  'accept',
  'decline',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Entity types that have audit rows; the first six can also be a history's subject. */
export const AUDIT_ENTITY_TYPES = [
  'organization',
  'program',
  'indicator',
  'user',
  'grant',
  'evaluation',
  'session',
  'reporting_period',
  'target',
  'outcome_measurement',
  'evaluation_comment',
  'evaluation_rating',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

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
    entityType: AuditEntityType;
    entityId?: number | string | null;
    /** The record whose history this belongs to, when it is not the entity itself. */
    subject?: { type: AuditEntityType; id: number | string };
    before?: object | null;
    after?: object | null;
  },
): Promise<void> {
  const { before, after } = diffSnapshots(snapshot(event.before), snapshot(event.after));
  const entityId = event.entityId === undefined || event.entityId === null ? null : String(event.entityId);
  const row: Partial<AuditEvent> = {
    actorUserId: actor?.userId ?? null,
    organizationId: actor?.organizationId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId,
    subjectType: event.subject?.type ?? event.entityType,
    subjectId: event.subject ? String(event.subject.id) : entityId,
    before,
    after,
    requestId: actor?.requestId ?? null,
  };
  await manager.insert(AuditEvent, row as QueryDeepPartialEntity<AuditEvent>);
}
