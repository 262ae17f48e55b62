import { ListSpec } from '../common/list-query';
import { DESIGNS, EVALUATION_STATUSES } from '../vocabulary/evaluations';

/** What `GET /api/evaluations` can sort and filter by. */
export const EVALUATION_LIST: ListSpec = {
  resource: 'evaluations',
  idColumn: 'evaluation.id',
  defaultSort: ['updatedAt', 'DESC'],
  sortable: {
    id: 'evaluation.id',
    title: 'evaluation.title',
    design: 'evaluation.design',
    status: 'evaluation.status',
    revision: 'evaluation.revision',
    startDate: 'evaluation.startDate',
    submittedAt: 'evaluation.submittedAt',
    updatedAt: 'evaluation.updatedAt',
    programId: 'evaluation.programId',
  },
  filters: {
    q: { kind: 'search', columns: ['evaluation.title', 'evaluation.evaluatorName'] },
    id: { kind: 'ids', column: 'evaluation.id' },
    status: { kind: 'enum', column: 'evaluation.status', values: EVALUATION_STATUSES },
    design: { kind: 'enum', column: 'evaluation.design', values: DESIGNS },
    programId: { kind: 'integer', column: 'evaluation.programId' },
    grantId: { kind: 'integer', column: 'evaluation.grantId' },
    organizationId: { kind: 'integer', column: 'evaluation.organizationId' },
    previousRevisionId: { kind: 'integer', column: 'evaluation.previousRevisionId' },
  },
};
