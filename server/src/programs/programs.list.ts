import type { ExportSpec } from '../exports/export.service';
import { ListSpec } from '../common/list-query';
import { COUNTRY_CODES } from '../vocabulary/countries';
import { PROGRAM_STATUSES, STRATEGIES } from '../vocabulary/programs';

/** What `GET /api/programs` can sort and filter by. */
export const PROGRAM_LIST: ListSpec = {
  resource: 'programs',
  idColumn: 'program.id',
  defaultSort: ['name', 'ASC'],
  sortable: {
    id: 'program.id',
    name: 'program.name',
    strategy: 'program.strategy',
    setting: 'program.setting',
    status: 'program.status',
    startDate: 'program.startDate',
    endDate: 'program.endDate',
    organizationId: 'program.organizationId',
    createdAt: 'program.createdAt',
    updatedAt: 'program.updatedAt',
  },
  filters: {
    q: { kind: 'search', columns: ['program.name', 'program.summary'] },
    id: { kind: 'ids', column: 'program.id' },
    strategy: { kind: 'enum', column: 'program.strategy', values: STRATEGIES },
    status: { kind: 'enum', column: 'program.status', values: PROGRAM_STATUSES },
    country: { kind: 'arrayContains', column: 'program.countries', values: COUNTRY_CODES },
    organizationId: { kind: 'integer', column: 'program.organizationId' },
  },
};

/** What `GET /api/programs/export` writes. */
export const PROGRAM_EXPORT: ExportSpec = {
  list: PROGRAM_LIST,
  entityType: 'program',
  columns: [
    { header: 'id', sql: '"program"."id"' },
    { header: 'organizationId', sql: '"program"."organization_id"' },
    { header: 'name', sql: '"program"."name"' },
    { header: 'summary', sql: '"program"."summary"' },
    { header: 'strategy', sql: '"program"."strategy"' },
    { header: 'targetPopulations', sql: '"program"."target_populations"' },
    { header: 'setting', sql: '"program"."setting"' },
    { header: 'countries', sql: '"program"."countries"' },
    { header: 'startDate', sql: '"program"."start_date"::text' },
    { header: 'endDate', sql: '"program"."end_date"::text' },
    { header: 'status', sql: '"program"."status"' },
    { header: 'inputs', sql: '"program"."inputs"' },
    { header: 'activities', sql: '"program"."activities"' },
    { header: 'outputs', sql: '"program"."outputs"' },
    { header: 'intendedOutcomes', sql: '"program"."intended_outcomes"' },
    { header: 'createdAt', sql: '"program"."created_at"' },
    { header: 'updatedAt', sql: '"program"."updated_at"' },
  ],
};
