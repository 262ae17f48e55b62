import { useGetList, useGetMany, type Identifier } from 'react-admin';
import { disaggregationKey, isTotal, useDisaggregationLabel, type Disaggregation } from '../../common/disaggregation';
import type { Grant, ReportingPeriod, Target, TargetIndicator } from './types';

/** One row of the targets grid: an indicator and a disaggregation. */
export interface TargetRow {
  key: string;
  indicatorId: Identifier;
  disaggregation: Disaggregation;
}

/**
 * A grant's reporting periods and targets as a grid: rows sorted by indicator code (the total before its
 * breakdowns), one cell per row and period.
 */
export function useTargetGrid(grant: Grant | undefined) {
  const disaggregationLabel = useDisaggregationLabel();
  const periods = useGetList<ReportingPeriod>(
    'reporting-periods',
    {
      filter: { grantId: grant?.id },
      sort: { field: 'startDate', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: !!grant },
  );
  const targets = useGetList<Target>(
    'targets',
    { filter: { grantId: grant?.id }, sort: { field: 'id', order: 'ASC' }, pagination: { page: 1, perPage: 1000 } },
    { enabled: !!grant },
  );
  const indicatorIds = [...new Set((targets.data ?? []).map((t) => t.indicatorId))];
  const indicators = useGetMany<TargetIndicator>(
    'indicators',
    { ids: indicatorIds },
    { enabled: indicatorIds.length > 0 },
  );

  const indicatorById = new Map((indicators.data ?? []).map((i) => [String(i.id), i]));
  const cells = new Map<string, Target>();
  const rows = new Map<string, TargetRow>();
  for (const t of targets.data ?? []) {
    const disaggregation = { sex: t.sex, ageBand: t.ageBand, region: t.region };
    const key = `${t.indicatorId}|${disaggregationKey(disaggregation)}`;
    if (!rows.has(key)) rows.set(key, { key, indicatorId: t.indicatorId, disaggregation });
    cells.set(`${key}|${t.reportingPeriodId}`, t);
  }
  const sortedRows = [...rows.values()].sort((a, b) => {
    const ca = indicatorById.get(String(a.indicatorId))?.code ?? '';
    const cb = indicatorById.get(String(b.indicatorId))?.code ?? '';
    return (
      ca.localeCompare(cb) ||
      Number(isTotal(b.disaggregation)) - Number(isTotal(a.disaggregation)) ||
      a.key.localeCompare(b.key)
    );
  });

  const rowTitle = (row: TargetRow) => {
    const indicator = indicatorById.get(String(row.indicatorId));
    const name = indicator ? `${indicator.code} — ${indicator.name}` : `#${row.indicatorId}`;
    const breakdown = disaggregationLabel(row.disaggregation);
    return breakdown ? `${name} (${breakdown})` : name;
  };

  return {
    isPending: periods.isPending || targets.isPending,
    error: periods.error ?? targets.error,
    periods: periods.data ?? [],
    targets: targets.data ?? [],
    rows: sortedRows,
    cellOf: (row: TargetRow, period: ReportingPeriod) => cells.get(`${row.key}|${period.id}`),
    rowTitle,
    codeOf: (id: Identifier) => indicatorById.get(String(id))?.code,
  };
}
