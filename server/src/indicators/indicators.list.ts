import type { ExportSpec } from '../exports/export.service';
import { ListSpec } from '../common/list-query';
import { DIRECTIONS, INDICATOR_LEVELS, MEASURE_TYPES, SDG_TARGETS } from '../vocabulary/indicators';

/** What `GET /api/indicators` can sort and filter by. */
export const INDICATOR_LIST: ListSpec = {
  resource: 'indicators',
  idColumn: 'indicator.id',
  defaultSort: ['code', 'ASC'],
  sortable: {
    id: 'indicator.id',
    code: 'indicator.code',
    name: 'indicator.name',
    level: 'indicator.level',
    measureType: 'indicator.measureType',
    updatedAt: 'indicator.updatedAt',
  },
  filters: {
    q: { kind: 'search', columns: ['indicator.code', 'indicator.name', 'indicator.definition'] },
    id: { kind: 'ids', column: 'indicator.id' },
    level: { kind: 'enum', column: 'indicator.level', values: INDICATOR_LEVELS },
    measureType: { kind: 'enum', column: 'indicator.measureType', values: MEASURE_TYPES },
    direction: { kind: 'enum', column: 'indicator.direction', values: DIRECTIONS },
    sdgTarget: { kind: 'enum', column: 'indicator.sdgTarget', values: SDG_TARGETS },
    active: { kind: 'boolean', column: 'indicator.active' },
  },
};

/** What `GET /api/indicators/export` writes. */
export const INDICATOR_EXPORT: ExportSpec = {
  list: INDICATOR_LIST,
  entityType: 'indicator',
  columns: [
    { header: 'id', sql: '"indicator"."id"' },
    { header: 'code', sql: '"indicator"."code"' },
    { header: 'name', sql: '"indicator"."name"' },
    { header: 'definition', sql: '"indicator"."definition"' },
    { header: 'level', sql: '"indicator"."level"' },
    { header: 'measureType', sql: '"indicator"."measure_type"' },
    { header: 'unit', sql: '"indicator"."unit"' },
    { header: 'rateBase', sql: '"indicator"."rate_base"' },
    { header: 'direction', sql: '"indicator"."direction"' },
    { header: 'minValue', sql: '"indicator"."min_value"' },
    { header: 'maxValue', sql: '"indicator"."max_value"' },
    { header: 'sdgTarget', sql: '"indicator"."sdg_target"' },
    { header: 'iatiVocabulary', sql: '"indicator"."iati_vocabulary"' },
    { header: 'iatiCode', sql: '"indicator"."iati_code"' },
    { header: 'active', sql: '"indicator"."active"' },
  ],
};
