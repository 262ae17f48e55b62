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
