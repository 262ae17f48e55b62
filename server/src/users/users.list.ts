import type { ExportSpec } from '../exports/export.service';
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

/** What `GET /api/users/export` writes. */
export const USER_EXPORT: ExportSpec = {
  list: USER_LIST,
  entityType: 'user',
  columns: [
    { header: 'id', sql: '"user"."id"' },
    { header: 'email', sql: '"user"."email"' },
    { header: 'displayName', sql: '"user"."display_name"' },
    { header: 'role', sql: '"user"."role"' },
    { header: 'organizationId', sql: '"user"."organization_id"' },
    { header: 'active', sql: '"user"."active"' },
    { header: 'lastLoginAt', sql: '"user"."last_login_at"' },
    { header: 'createdAt', sql: '"user"."created_at"' },
  ],
};
