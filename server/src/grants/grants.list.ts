import type { ExportSpec } from '../exports/export.service';
import { ListSpec } from '../common/list-query';
import { AGE_BANDS, SEXES } from '../vocabulary/evaluations';
import { GRANT_CONSENTS, GRANT_STATUSES, REPORTING_FREQUENCIES } from '../vocabulary/grants';

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
    consent: 'grant.consent',
    funderOrganizationId: 'grant.funderOrganizationId',
    granteeOrganizationId: 'grant.granteeOrganizationId',
    updatedAt: 'grant.updatedAt',
  },
  filters: {
    q: { kind: 'search', columns: ['grant.title', 'grant.reference'] },
    id: { kind: 'ids', column: 'grant.id' },
    status: { kind: 'enum', column: 'grant.status', values: GRANT_STATUSES },
    consent: { kind: 'enum', column: 'grant.consent', values: GRANT_CONSENTS },
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

/** What `GET /api/grants/export` writes. */
export const GRANT_EXPORT: ExportSpec = {
  list: GRANT_LIST,
  entityType: 'grant',
  columns: [
    { header: 'id', sql: '"grant"."id"' },
    { header: 'funderOrganizationId', sql: '"grant"."funder_organization_id"' },
    { header: 'granteeOrganizationId', sql: '"grant"."organization_id"' },
    {
      header: 'programIds',
      sql: 'ARRAY(SELECT gp.program_id FROM grant_programs gp WHERE gp.grant_id = "grant"."id" ORDER BY 1)',
    },
    { header: 'reference', sql: '"grant"."reference"' },
    { header: 'title', sql: '"grant"."title"' },
    { header: 'amount', sql: '"grant"."amount"::float8' },
    { header: 'currency', sql: '"grant"."currency"' },
    { header: 'startDate', sql: '"grant"."start_date"::text' },
    { header: 'endDate', sql: '"grant"."end_date"::text' },
    { header: 'reportingFrequency', sql: '"grant"."reporting_frequency"' },
    { header: 'status', sql: '"grant"."status"' },
    { header: 'consent', sql: '"grant"."consent"' },
    { header: 'declineReason', sql: '"grant"."decline_reason"' },
  ],
};

/** What `GET /api/reporting-periods/export` writes. */
export const REPORTING_PERIOD_EXPORT: ExportSpec = {
  list: REPORTING_PERIOD_LIST,
  entityType: 'reporting_period',
  columns: [
    { header: 'id', sql: '"period"."id"' },
    { header: 'grantId', sql: '"period"."grant_id"' },
    { header: 'label', sql: '"period"."label"' },
    { header: 'startDate', sql: '"period"."start_date"::text' },
    { header: 'endDate', sql: '"period"."end_date"::text' },
    { header: 'dueDate', sql: '"period"."due_date"::text' },
  ],
};

/** What `GET /api/targets/export` writes. */
export const TARGET_EXPORT: ExportSpec = {
  list: TARGET_LIST,
  entityType: 'target',
  columns: [
    { header: 'id', sql: '"target"."id"' },
    { header: 'grantId', sql: '"target"."grant_id"' },
    { header: 'reportingPeriodId', sql: '"target"."reporting_period_id"' },
    { header: 'indicatorId', sql: '"target"."indicator_id"' },
    { header: 'indicatorCode', sql: '"indicator"."code"' },
    { header: 'sex', sql: '"target"."sex"' },
    { header: 'ageBand', sql: '"target"."age_band"' },
    { header: 'region', sql: '"target"."region"' },
    { header: 'baselineValue', sql: '"target"."baseline_value"' },
    { header: 'targetValue', sql: '"target"."target_value"' },
    { header: 'actualValue', sql: '"target"."actual_value"' },
    { header: 'comment', sql: '"target"."comment"' },
  ],
};
