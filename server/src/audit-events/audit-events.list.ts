import type { ExportSpec } from '../exports/export.service';
import { ListSpec } from '../common/list-query';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../audit/audit-log';

/** What `GET /api/audit-events` can sort and filter by. */
export const AUDIT_LIST: ListSpec = {
  resource: 'audit-events',
  idColumn: 'event.id',
  defaultSort: ['at', 'DESC'],
  sortable: { id: 'event.id', at: 'event.at', action: 'event.action', entityType: 'event.entityType' },
  filters: {
    id: { kind: 'ids', column: 'event.id' },
    action: { kind: 'enum', column: 'event.action', values: AUDIT_ACTIONS },
    entityType: { kind: 'enum', column: 'event.entityType', values: AUDIT_ENTITY_TYPES },
    subjectType: { kind: 'enum', column: 'event.subjectType', values: AUDIT_ENTITY_TYPES },
    subjectId: { kind: 'text', column: 'event.subjectId' },
    actorUserId: { kind: 'integer', column: 'event.actorUserId' },
    organizationId: { kind: 'integer', column: 'event.organizationId' },
  },
};

/** What `GET /api/audit-events/export` writes. */
export const AUDIT_EXPORT: ExportSpec = {
  list: AUDIT_LIST,
  entityType: 'session',
  columns: [
    { header: 'id', sql: '"event"."id"' },
    { header: 'at', sql: '"event"."at"' },
    { header: 'actorUserId', sql: '"event"."actor_user_id"' },
    { header: 'organizationId', sql: '"event"."organization_id"' },
    { header: 'action', sql: '"event"."action"' },
    { header: 'entityType', sql: '"event"."entity_type"' },
    { header: 'entityId', sql: '"event"."entity_id"' },
    { header: 'subjectType', sql: '"event"."subject_type"' },
    { header: 'subjectId', sql: '"event"."subject_id"' },
    { header: 'before', sql: '"event"."before"' },
    { header: 'after', sql: '"event"."after"' },
    { header: 'requestId', sql: '"event"."request_id"' },
  ],
};
