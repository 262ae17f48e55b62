import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  IconButton,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Button,
  Loading,
  maxLength,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
  useDataProvider,
  useGetList,
  useGetMany,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { EVALUATION_MESSAGES } from '@vocabulary/evaluations';
import { GRANT_LIMITS } from '@vocabulary/grants';
import {
  ageBandChoices,
  disaggregationKey,
  isTotal,
  normalizeRegion,
  regionFormat,
  sexChoices,
  TOTAL,
  useDisaggregationLabel,
  type Disaggregation,
} from '../../common/disaggregation';
import { useNumberFormat } from '../../common/format';
import { FormDialog } from '../../common/FormDialog';
import { useHasPermission, useRole } from '../../common/permissions';
import { messageOf } from '../../providers/apiErrors';
import { TargetImportButton } from './TargetImportButton';
import type { Grant, ReportingPeriod, Target } from './types';

interface Indicator {
  id: Identifier;
  code: string;
  name: string;
  unit?: string | null;
}

type TargetValues = Partial<Target>;

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Funders and admins set everything but the actual value (new target, or an existing one). */
const TargetDialog = ({
  periods,
  target,
  initial,
  onClose,
}: {
  periods: ReportingPeriod[];
  target?: Target;
  initial?: Partial<Target>;
  onClose: () => void;
}) => {
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const notify = useNotify();
  const save = async (values: TargetValues) => {
    const data = {
      reportingPeriodId: values.reportingPeriodId,
      indicatorId: values.indicatorId,
      sex: values.sex ?? 'total',
      ageBand: values.ageBand ?? 'total',
      region: normalizeRegion(values.region),
      baselineValue: numberOrNull(values.baselineValue),
      targetValue: values.targetValue,
      comment: values.comment ?? '',
    };
    if (target) {
      await dataProvider.update('targets', {
        id: target.id,
        data: { ...data, version: target.version },
        previousData: target,
      });
    } else {
      // The grant follows from the reporting period (the server refuses a grantId in the body).
      await dataProvider.create('targets', { data });
    }
    notify('ledger.targets.saved', { type: 'success' });
    refresh();
  };
  return (
    <FormDialog<TargetValues>
      title={target ? 'ledger.targets.editTitle' : 'ledger.targets.addTitle'}
      resource="targets"
      record={target ?? { ...TOTAL, ...initial }}
      onSubmit={save}
      onClose={onClose}
    >
      <SelectInput
        source="reportingPeriodId"
        choices={periods.map((p) => ({ id: p.id, name: p.label }))}
        translateChoice={false}
        validate={required()}
      />
      <ReferenceInput
        source="indicatorId"
        reference="indicators"
        filter={{ active: true }}
        sort={{ field: 'code', order: 'ASC' }}
      >
        <AutocompleteInput optionText={(i: Indicator) => `${i.code} — ${i.name}`} validate={required()} fullWidth />
      </ReferenceInput>
      <NumberInput source="baselineValue" helperText="ledger.targets.baselineHelp" />
      <NumberInput source="targetValue" validate={required()} helperText="ledger.targets.rangeHelp" />
      <Stack direction="row" spacing={1}>
        <SelectInput source="sex" choices={sexChoices} validate={required()} />
        <SelectInput source="ageBand" choices={ageBandChoices} validate={required()} />
        <TextInput source="region" validate={[required(), regionFormat]} helperText="ledger.outcomes.regionHelp" />
      </Stack>
      <TextInput
        source="comment"
        multiline
        minRows={2}
        fullWidth
        validate={maxLength(GRANT_LIMITS.commentLength)}
        helperText={EVALUATION_MESSAGES.noChildData}
      />
    </FormDialog>
  );
};

/** Coordinators report the actual value (and a comment) of a target; nothing else. */
const ActualDialog = ({ target, title, onClose }: { target: Target; title: string; onClose: () => void }) => {
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const notify = useNotify();
  const translate = useTranslate();
  const save = async (values: TargetValues) => {
    await dataProvider.update('targets', {
      id: target.id,
      data: { actualValue: numberOrNull(values.actualValue), comment: values.comment ?? '', version: target.version },
      previousData: target,
    });
    notify('ledger.targets.actualSaved', { type: 'success' });
    refresh();
  };
  return (
    <FormDialog<TargetValues>
      title="ledger.targets.actualTitle"
      resource="targets"
      record={target}
      intro={<Typography variant="body2">{title}</Typography>}
      onSubmit={save}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.targets.actualHelp')}
      </Typography>
      <NumberInput source="actualValue" autoFocus />
      <TextInput
        source="comment"
        multiline
        minRows={2}
        fullWidth
        validate={maxLength(GRANT_LIMITS.commentLength)}
        helperText={EVALUATION_MESSAGES.noChildData}
      />
    </FormDialog>
  );
};

/** Progress as a bar clamped at 100 % and the real percentage beside it (1 = target met). */
const Progress = ({ progress }: { progress: number | null }) => {
  const translate = useTranslate();
  if (progress === null || !Number.isFinite(progress)) {
    return (
      <Typography variant="caption" color="text.secondary">
        {translate('ledger.targets.noActual')}
      </Typography>
    );
  }
  const percent = Math.round(progress * 100);
  const bar = Math.min(100, Math.max(0, percent));
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <LinearProgress
        variant="determinate"
        value={bar}
        color={progress >= 1 ? 'success' : 'primary'}
        sx={{ flex: 1, height: 8, borderRadius: 4, minWidth: 60 }}
        aria-label={translate('ledger.targets.progress', { percent })}
      />
      <Typography variant="caption" sx={{ minWidth: 40, textAlign: 'right' }}>
        {percent} %
      </Typography>
    </Stack>
  );
};

interface Row {
  key: string;
  indicatorId: Identifier;
  disaggregation: Disaggregation;
}

/**
 * Targets as a grid: one row per indicator (and disaggregation), one column per reporting period.
 * Each cell shows baseline, target, actual and progress; funders add and edit targets, coordinators
 * report actual values.
 */
export const TargetsTab = () => {
  const grant = useRecordContext<Grant>();
  const translate = useTranslate();
  const role = useRole();
  const canWrite = useHasPermission('targets:write');
  const canSetTargets = canWrite && role !== 'coordinator';
  const canReport = canWrite && role === 'coordinator';
  // Imports follow the permissions: the funder (grants:write) sets targets, the grantee reports actual values.
  const canImportTargets = useHasPermission('grants:write');
  const canImportActuals = canWrite && !canImportTargets;
  const number = useNumberFormat();
  const disaggregationLabel = useDisaggregationLabel();
  const [dialog, setDialog] = useState<
    | { kind: 'target'; target?: Target; initial?: Partial<Target> }
    | { kind: 'actual'; target: Target; title: string }
    | null
  >(null);

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
  const indicators = useGetMany<Indicator & { id: Identifier }>(
    'indicators',
    { ids: indicatorIds },
    { enabled: indicatorIds.length > 0 },
  );

  if (!grant) return null;
  if (periods.isPending || targets.isPending) return <Loading />;
  const failure = periods.error ?? targets.error;
  if (failure) return <Alert severity="error">{translate(messageOf(failure), { _: messageOf(failure) })}</Alert>;

  const periodList = periods.data ?? [];
  const indicatorById = new Map((indicators.data ?? []).map((i) => [String(i.id), i]));
  const cells = new Map<string, Target>();
  const rows = new Map<string, Row>();
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

  const rowTitle = (row: Row) => {
    const indicator = indicatorById.get(String(row.indicatorId));
    const name = indicator ? `${indicator.code} — ${indicator.name}` : `#${row.indicatorId}`;
    const breakdown = disaggregationLabel(row.disaggregation);
    return breakdown ? `${name} (${breakdown})` : name;
  };

  return (
    <Box>
      <Stack
        direction="row"
        spacing={1}
        sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, flexWrap: 'wrap' }}
        useFlexGap
      >
        <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 320px' }}>
          {translate(canReport ? 'ledger.targets.introCoordinator' : 'ledger.targets.intro')}
        </Typography>
        {canSetTargets && periodList.length > 0 && (
          <Button label="ledger.targets.add" onClick={() => setDialog({ kind: 'target' })}>
            <AddIcon />
          </Button>
        )}
        {((canImportTargets && periodList.length > 0) || (canImportActuals && sortedRows.length > 0)) && (
          <TargetImportButton
            kind={canImportTargets ? 'targets' : 'actuals'}
            grant={grant}
            periods={periodList}
            targets={targets.data ?? []}
            codeOf={(id) => indicatorById.get(String(id))?.code}
          />
        )}
      </Stack>
      {periodList.length === 0 ? (
        <Typography variant="body2">{translate('ledger.targets.noPeriods')}</Typography>
      ) : sortedRows.length === 0 ? (
        <Typography variant="body2">{translate('ledger.targets.empty')}</Typography>
      ) : (
        <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Table size="small" aria-label={translate('ledger.targets.title')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ minWidth: 220 }}>{translate('ledger.targets.indicator')}</TableCell>
                {periodList.map((p) => (
                  <TableCell key={p.id} sx={{ minWidth: 170 }}>
                    {p.label}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {sortedRows.map((row) => (
                <TableRow key={row.key} sx={{ verticalAlign: 'top' }}>
                  <TableCell component="th" scope="row">
                    <Typography variant="body2">{rowTitle(row)}</Typography>
                  </TableCell>
                  {periodList.map((period) => {
                    const target = cells.get(`${row.key}|${period.id}`);
                    const where = `${rowTitle(row)} · ${period.label}`;
                    if (!target) {
                      return (
                        <TableCell key={period.id}>
                          {canSetTargets ? (
                            <Button
                              size="small"
                              label="ledger.targets.set"
                              aria-label={translate('ledger.targets.setFor', { where })}
                              onClick={() =>
                                setDialog({
                                  kind: 'target',
                                  initial: {
                                    reportingPeriodId: period.id,
                                    indicatorId: row.indicatorId,
                                    ...row.disaggregation,
                                  },
                                })
                              }
                            />
                          ) : (
                            <Typography variant="body2" color="text.secondary">
                              —
                            </Typography>
                          )}
                        </TableCell>
                      );
                    }
                    return (
                      <TableCell key={period.id}>
                        <Stack spacing={0.25}>
                          {target.baselineValue !== null && (
                            <Typography variant="caption" color="text.secondary">
                              {translate('ledger.targets.baselineIs', { value: number(target.baselineValue) })}
                            </Typography>
                          )}
                          <Typography variant="body2">
                            {translate('ledger.targets.targetIs', { value: number(target.targetValue) })}
                          </Typography>
                          <Typography variant="body2">
                            {translate('ledger.targets.actualIs', { value: number(target.actualValue) })}
                          </Typography>
                          <Progress progress={target.progress} />
                          {target.comment && (
                            <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
                              {target.comment}
                            </Typography>
                          )}
                          <Box>
                            {canSetTargets && (
                              <Tooltip title={translate('ledger.targets.editFor', { where })}>
                                <IconButton
                                  size="small"
                                  aria-label={translate('ledger.targets.editFor', { where })}
                                  onClick={() => setDialog({ kind: 'target', target })}
                                >
                                  <EditIcon fontSize="small" />
                                </IconButton>
                              </Tooltip>
                            )}
                            {canReport && (
                              <Button
                                size="small"
                                label="ledger.targets.reportActual"
                                aria-label={translate('ledger.targets.reportActualFor', { where })}
                                onClick={() => setDialog({ kind: 'actual', target, title: where })}
                              />
                            )}
                          </Box>
                        </Stack>
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {dialog?.kind === 'target' && (
        <TargetDialog
          periods={periodList}
          target={dialog.target}
          initial={dialog.initial}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'actual' && (
        <ActualDialog target={dialog.target} title={dialog.title} onClose={() => setDialog(null)} />
      )}
    </Box>
  );
};
