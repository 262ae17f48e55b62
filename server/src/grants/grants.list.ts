import { ListSpec } from '../common/list-query';
import { AGE_BANDS, SEXES } from '../vocabulary/evaluations';
import { GRANT_STATUSES, REPORTING_FREQUENCIES } from '../vocabulary/grants';

/** What `GET /api/grants` can sort and filter by. */
export const GRANT_LIST: ListSpec = {
  resource: 'grants',
  idColumn: 'grant.id',
  defaultSort: ['startDate', 'DESC'],
  sortable: {
    id: 'grant.id',
    title: 'grant.title',
    reference: 'grant.reference',
    amount: 'grant.amount',
    startDate: 'grant.startDate',
    endDate: 'grant.endDate',
    status: 'grant.status',
    funderOrganizationId: 'grant.funderOrganizationId',
    granteeOrganizationId: 'grant.granteeOrganizationId',
    updatedAt: 'grant.updatedAt',
  },
  filters: {
    q: { kind: 'search', columns: ['grant.title', 'grant.reference'] },
    id: { kind: 'ids', column: 'grant.id' },
    status: { kind: 'enum', column: 'grant.status', values: GRANT_STATUSES },
    reportingFrequency: { kind: 'enum', column: 'grant.reportingFrequency', values: REPORTING_FREQUENCIES },
    funderOrganizationId: { kind: 'integer', column: 'grant.funderOrganizationId' },
    granteeOrganizationId: { kind: 'integer', column: 'grant.granteeOrganizationId' },
    programId: {
      kind: 'integerCondition',
      condition: (p) =>
        `EXISTS (SELECT 1 FROM grant_programs gp WHERE gp.grant_id = grant.id AND gp.program_id = ANY(:${p}))`,
    },
  },
};

/** What `GET /api/reporting-periods` can sort and filter by. */
export const REPORTING_PERIOD_LIST: ListSpec = {
  resource: 'reporting-periods',
  idColumn: 'period.id',
  defaultSort: ['startDate', 'ASC'],
  sortable: {
    id: 'period.id',
    startDate: 'period.startDate',
    endDate: 'period.endDate',
    dueDate: 'period.dueDate',
    label: 'period.label',
  },
  filters: {
    id: { kind: 'ids', column: 'period.id' },
    grantId: { kind: 'integer', column: 'period.grantId' },
  },
};

/** What `GET /api/targets` can sort and filter by. */
export const TARGET_LIST: ListSpec = {
  resource: 'targets',
  idColumn: 'target.id',
  defaultSort: ['id', 'ASC'],
  sortable: {
    id: 'target.id',
    indicatorId: 'target.indicatorId',
    reportingPeriodId: 'target.reportingPeriodId',
    targetValue: 'target.targetValue',
    actualValue: 'target.actualValue',
  },
  filters: {
    id: { kind: 'ids', column: 'target.id' },
    grantId: { kind: 'integer', column: 'target.grantId' },
    reportingPeriodId: { kind: 'integer', column: 'target.reportingPeriodId' },
    indicatorId: { kind: 'integer', column: 'target.indicatorId' },
    sex: { kind: 'enum', column: 'target.sex', values: SEXES },
    ageBand: { kind: 'enum', column: 'target.ageBand', values: AGE_BANDS },
  },
};
