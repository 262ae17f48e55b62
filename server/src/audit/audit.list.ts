import { ListSpec } from '../common/list-query';

/** What `GET /api/audit-events` can sort and filter by. */
export const AUDIT_LIST: ListSpec = {
  resource: 'audit-events',
  idColumn: 'event.id',
  defaultSort: ['at', 'DESC'],
  sortable: { id: 'event.id', at: 'event.at', action: 'event.action', entityType: 'event.entityType' },
  filters: {
    id: { kind: 'ids', column: 'event.id' },
    action: {
      kind: 'enum',
      column: 'event.action',
      values: ['create', 'update', 'delete', 'login', 'logout', 'password_change', 'password_set'],
    },
    entityType: {
      kind: 'enum',
      column: 'event.entityType',
      values: ['organization', 'program', 'indicator', 'user', 'session'],
    },
    actorUserId: { kind: 'integer', column: 'event.actorUserId' },
    organizationId: { kind: 'integer', column: 'event.organizationId' },
  },
};
