import { useRefresh, useTranslate, type Identifier } from 'react-admin';
import { AGE_BANDS, SEXES } from '@vocabulary/evaluations';
import { fileSafe } from '../../common/download';
import { ImportButton } from '../../common/imports/ImportButton';
import { ImportColumns } from '../../common/imports/ImportColumns';
import type { Grant, ReportingPeriod, Target } from './types';

/** Who imports what into `POST /api/grants/:id/imports`: the funder targets, the grantee actual values. */
export type TargetImportKind = 'targets' | 'actuals';

const COLUMNS: Record<TargetImportKind, { name: string; required?: boolean }[]> = {
  targets: [
    { name: 'period', required: true },
    { name: 'indicator_code', required: true },
    { name: 'sex' },
    { name: 'age_band' },
    { name: 'region' },
    { name: 'baseline_value' },
    { name: 'target_value' },
    { name: 'comment' },
  ],
  actuals: [
    { name: 'period', required: true },
    { name: 'indicator_code', required: true },
    { name: 'sex' },
    { name: 'age_band' },
    { name: 'region' },
    { name: 'actual_value', required: true },
    { name: 'comment' },
  ],
};

/**
 * "Import targets" (funder) or "Import actual values" (grantee's coordinator) on a grant's Targets tab. The
 * dialog lists the columns; coordinators get a CSV with one row per existing target to fill in.
 */
export const TargetImportButton = ({
  kind,
  grant,
  periods,
  targets,
  codeOf,
}: {
  kind: TargetImportKind;
  grant: Grant;
  periods: ReportingPeriod[];
  targets: Target[];
  codeOf: (indicatorId: Identifier) => string | undefined;
}) => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const messages = `ledger.imports.${kind}`;
  const values: Record<string, string> = {
    period: periods.map((p) => `“${p.label}”`).join(', '),
    sex: SEXES.join(', '),
    age_band: AGE_BANDS.join(', '),
  };
  const labelOf = new Map(periods.map((p) => [String(p.id), p.label]));
  // Coordinators report on the targets that exist: one row each, in the grid's order of periods.
  const rows =
    kind === 'actuals'
      ? [...targets]
          .sort(
            (a, b) =>
              periods.findIndex((p) => p.id === a.reportingPeriodId) -
                periods.findIndex((p) => p.id === b.reportingPeriodId) ||
              (codeOf(a.indicatorId) ?? '').localeCompare(codeOf(b.indicatorId) ?? ''),
          )
          .map((t) => [
            labelOf.get(String(t.reportingPeriodId)) ?? '',
            codeOf(t.indicatorId) ?? '',
            t.sex,
            t.ageBand,
            t.region,
            t.actualValue,
            t.comment,
          ])
      : undefined;
  return (
    <ImportButton
      label={`${messages}.open`}
      variant="outlined"
      endpoint={`/grants/${encodeURIComponent(grant.id)}/imports`}
      messages={messages}
      upsert={kind === 'targets'}
      noChildData={false}
      help={
        <ImportColumns
          columns={COLUMNS[kind].map((c) => ({
            ...c,
            help: translate(`${messages}.column.${c.name}`, { values: values[c.name] }),
          }))}
          template={{
            fileName: `${fileSafe(grant.reference)}-${kind === 'actuals' ? 'actuals' : 'targets'}.csv`,
            rows,
          }}
        />
      }
      onImported={refresh}
    />
  );
};
