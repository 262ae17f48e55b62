import type { ExportSpec } from '../exports/export.service';
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

/** What `GET /api/evaluations/export` writes. */
export const EVALUATION_EXPORT: ExportSpec = {
  list: EVALUATION_LIST,
  entityType: 'evaluation',
  columns: [
    { header: 'id', sql: '"evaluation"."id"' },
    { header: 'organizationId', sql: '"evaluation"."organization_id"' },
    { header: 'programId', sql: '"evaluation"."program_id"' },
    { header: 'grantId', sql: '"evaluation"."grant_id"' },
    { header: 'title', sql: '"evaluation"."title"' },
    { header: 'design', sql: '"evaluation"."design"' },
    { header: 'evaluatorType', sql: '"evaluation"."evaluator_type"' },
    { header: 'evaluatorName', sql: '"evaluation"."evaluator_name"' },
    { header: 'startDate', sql: '"evaluation"."start_date"::text' },
    { header: 'endDate', sql: '"evaluation"."end_date"::text' },
    { header: 'plannedSizes', sql: '"evaluation"."planned_sizes"' },
    { header: 'achievedSizes', sql: '"evaluation"."achieved_sizes"' },
    { header: 'prePostCorrelation', sql: '"evaluation"."pre_post_correlation"' },
    { header: 'primaryIndicatorIds', sql: '"evaluation"."primary_indicator_ids"' },
    { header: 'status', sql: '"evaluation"."status"' },
    { header: 'revision', sql: '"evaluation"."revision"' },
    { header: 'previousRevisionId', sql: '"evaluation"."previous_revision_id"' },
    { header: 'submittedAt', sql: '"evaluation"."submitted_at"' },
    { header: 'reviewedAt', sql: '"evaluation"."reviewed_at"' },
  ],
};
