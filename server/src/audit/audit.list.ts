import { ListSpec } from '../common/list-query';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from './audit';

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
