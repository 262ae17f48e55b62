import { ListSpec } from '../common/list-query';
import { ROLES } from '../vocabulary/roles';

/** What `GET /api/users` can sort and filter by. */
export const USER_LIST: ListSpec = {
  resource: 'users',
  idColumn: 'user.id',
  defaultSort: ['displayName', 'ASC'],
  sortable: {
    id: 'user.id',
    email: 'user.email',
    displayName: 'user.displayName',
    role: 'user.role',
    organizationId: 'user.organizationId',
    lastLoginAt: 'user.lastLoginAt',
    createdAt: 'user.createdAt',
  },
  filters: {
    q: { kind: 'search', columns: ['user.email', 'user.displayName'] },
    id: { kind: 'ids', column: 'user.id' },
    role: { kind: 'enum', column: 'user.role', values: ROLES },
    organizationId: { kind: 'integer', column: 'user.organizationId' },
    active: { kind: 'boolean', column: 'user.active' },
  },
};
