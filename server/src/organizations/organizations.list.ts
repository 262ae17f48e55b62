import type { ExportSpec } from '../exports/export.service';
import { ListSpec } from '../common/list-query';
import { COUNTRY_CODES } from '../vocabulary/countries';
import { ORGANIZATION_KINDS } from '../vocabulary/organizations';

/** What `GET /api/organizations` can sort and filter by. */
export const ORGANIZATION_LIST: ListSpec = {
  resource: 'organizations',
  idColumn: 'organization.id',
  defaultSort: ['name', 'ASC'],
  sortable: {
    id: 'organization.id',
    name: 'organization.name',
    kind: 'organization.kind',
    country: 'organization.country',
    createdAt: 'organization.createdAt',
    updatedAt: 'organization.updatedAt',
  },
  filters: {
    q: { kind: 'search', columns: ['organization.name'] },
    id: { kind: 'ids', column: 'organization.id' },
    kind: { kind: 'enum', column: 'organization.kind', values: ORGANIZATION_KINDS },
    country: { kind: 'enum', column: 'organization.country', values: COUNTRY_CODES },
  },
};

/** What `GET /api/organizations/export` writes. */
export const ORGANIZATION_EXPORT: ExportSpec = {
  list: ORGANIZATION_LIST,
  entityType: 'organization',
  columns: [
    { header: 'id', sql: '"organization"."id"' },
    { header: 'name', sql: '"organization"."name"' },
    { header: 'kind', sql: '"organization"."kind"' },
    { header: 'country', sql: '"organization"."country"' },
    { header: 'website', sql: '"organization"."website"' },
    { header: 'createdAt', sql: '"organization"."created_at"' },
    { header: 'updatedAt', sql: '"organization"."updated_at"' },
  ],
};
