import type { ExportSpec } from '../exports/export.service';
import { ListSpec } from '../common/list-query';
import { AGE_BANDS, ARMS, SEXES, TIMEPOINTS } from '../vocabulary/evaluations';

/** What `GET /api/outcome-measurements` can sort and filter by. */
export const OUTCOME_MEASUREMENT_LIST: ListSpec = {
  resource: 'outcome-measurements',
  idColumn: 'measurement.id',
  defaultSort: ['id', 'ASC'],
  sortable: {
    id: 'measurement.id',
    indicatorId: 'measurement.indicatorId',
    arm: 'measurement.arm',
    timepoint: 'measurement.timepoint',
    n: 'measurement.n',
    updatedAt: 'measurement.updatedAt',
  },
  filters: {
    id: { kind: 'ids', column: 'measurement.id' },
    evaluationId: { kind: 'integer', column: 'measurement.evaluationId' },
    indicatorId: { kind: 'integer', column: 'measurement.indicatorId' },
    arm: { kind: 'enum', column: 'measurement.arm', values: ARMS },
    timepoint: { kind: 'enum', column: 'measurement.timepoint', values: TIMEPOINTS },
    sex: { kind: 'enum', column: 'measurement.sex', values: SEXES },
    ageBand: { kind: 'enum', column: 'measurement.ageBand', values: AGE_BANDS },
  },
};

/**
 * What `GET /api/outcome-measurements/export` writes. Vocabulary columns, regions (ISO codes, checked
 * on every write and import) and the date are `closed`: only the indicator code and the timepoint
 * label are free text to neutralize, which keeps the million-row export fast (benchmark B2).
 */
export const OUTCOME_MEASUREMENT_EXPORT: ExportSpec = {
  list: OUTCOME_MEASUREMENT_LIST,
  entityType: 'outcome_measurement',
  columns: [
    { header: 'id', sql: '"measurement"."id"' },
    { header: 'evaluation_id', sql: '"measurement"."evaluation_id"' },
    { header: 'indicator_code', sql: '(SELECT i.code FROM indicators i WHERE i.id = "measurement"."indicator_id")' },
    { header: 'arm', sql: '"measurement"."arm"', closed: true },
    { header: 'timepoint', sql: '"measurement"."timepoint"', closed: true },
    { header: 'sex', sql: '"measurement"."sex"', closed: true },
    { header: 'age_band', sql: '"measurement"."age_band"', closed: true },
    { header: 'region', sql: '"measurement"."region"', closed: true },
    { header: 'n', sql: '"measurement"."n"' },
    { header: 'events', sql: '"measurement"."events"' },
    { header: 'mean', sql: '"measurement"."mean"' },
    { header: 'sd', sql: '"measurement"."sd"' },
    { header: 'value', sql: '"measurement"."value"' },
    { header: 'timepoint_label', sql: '"measurement"."timepoint_label"' },
    { header: 'measured_on', sql: '"measurement"."measured_on"::text', closed: true },
  ],
};
