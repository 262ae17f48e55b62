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
