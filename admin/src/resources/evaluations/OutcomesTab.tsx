import { visuallyHidden } from '@mui/utils';
import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { Loading, useGetList, useGetMany, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import { AGE_BANDS, DESIGN_ARMS, EDITABLE_STATUSES, REGION_PATTERN, SEXES, TIMEPOINTS } from '@vocabulary/evaluations';
import {
  disaggregationKey,
  isTotal,
  normalizeRegion,
  TOTAL,
  useDisaggregationLabel,
  type Disaggregation,
} from '../../common/disaggregation';
import { useHasPermission } from '../../common/permissions';
import { messageOf } from '../../providers/apiErrors';
import { ImportButtons } from './imports/ImportButtons';
import { MeasurementCell } from './MeasurementCell';
import type { Evaluation, IndicatorRecord, OutcomeMeasurement } from './types';

const measurementKey = (m: { indicatorId: Identifier; arm: string; timepoint: string } & Disaggregation) =>
  `${m.indicatorId}|${m.arm}|${m.timepoint}|${disaggregationKey(m)}`;

/** Asks for a sex / age band / region combination to add as a row under one indicator. */
const BreakdownDialog = ({
  indicator,
  onAdd,
  onClose,
}: {
  indicator: IndicatorRecord;
  onAdd: (d: Disaggregation) => void;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const titleId = useId();
  const [value, setValue] = useState<Disaggregation>(TOTAL);
  const region = normalizeRegion(value.region);
  const regionInvalid = !REGION_PATTERN.test(region);
  const add = () => {
    if (regionInvalid || isTotal({ ...value, region })) return;
    onAdd({ ...value, region });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>
        {translate('ledger.outcomes.breakdownTitle', { indicator: indicator.code })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {translate('ledger.outcomes.breakdownHelp')}
          </Typography>
          <TextField
            select
            label={translate('ledger.outcomes.sex')}
            value={value.sex}
            onChange={(e) => setValue({ ...value, sex: e.target.value as Disaggregation['sex'] })}
          >
            {SEXES.map((s) => (
              <MenuItem key={s} value={s}>
                {translate(`ledger.sex.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={translate('ledger.outcomes.ageBand')}
            value={value.ageBand}
            onChange={(e) => setValue({ ...value, ageBand: e.target.value as Disaggregation['ageBand'] })}
          >
            {AGE_BANDS.map((a) => (
              <MenuItem key={a} value={a}>
                {translate(`ledger.ageBand.${a}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={translate('ledger.outcomes.region')}
            value={value.region}
            onChange={(e) => setValue({ ...value, region: e.target.value })}
            error={regionInvalid}
            helperText={translate('ledger.outcomes.regionHelp')}
          />
          {isTotal({ ...value, region }) && (
            <Typography variant="caption" color="text.secondary">
              {translate('ledger.outcomes.breakdownNeedsOne')}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={add} disabled={regionInvalid || isTotal({ ...value, region })}>
          {translate('ledger.outcomes.addRow')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Picks an active indicator from the library to add as a (secondary) outcome row. */
const AddIndicator = ({ exclude, onAdd }: { exclude: Set<string>; onAdd: (i: IndicatorRecord) => void }) => {
  const translate = useTranslate();
  const { data = [], isPending } = useGetList<IndicatorRecord>('indicators', {
    filter: { active: true },
    sort: { field: 'code', order: 'ASC' },
    pagination: { page: 1, perPage: 1000 },
  });
  const options = data.filter((i) => !exclude.has(String(i.id)));
  return (
    <Autocomplete
      options={options}
      loading={isPending}
      value={null}
      blurOnSelect
      onChange={(_event, chosen) => chosen && onAdd(chosen)}
      getOptionLabel={(i) => `${i.code} — ${i.name}`}
      sx={{ width: 480, maxWidth: '100%' }}
      renderInput={(params) => (
        <TextField
          {...params}
          size="small"
          label={translate('ledger.outcomes.addIndicator')}
          helperText={translate('ledger.outcomes.addIndicatorHelp')}
        />
      )}
    />
  );
};

/**
 * The outcome entry grid: one block of rows per indicator (the total, then any breakdowns), one
 * column per arm of the design and timepoint. Editable only while the evaluation is.
 */
export const OutcomesTab = () => {
  const evaluation = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const disaggregationLabel = useDisaggregationLabel();
  const canWrite = useHasPermission('outcome-measurements:write');
  const canImport = useHasPermission('imports:write');
  const [extraIndicators, setExtraIndicators] = useState<Identifier[]>([]);
  const [extraRows, setExtraRows] = useState<Record<string, Disaggregation[]>>({});
  const [breakdownFor, setBreakdownFor] = useState<IndicatorRecord | null>(null);

  const measurements = useGetList<OutcomeMeasurement>(
    'outcome-measurements',
    {
      filter: { evaluationId: evaluation?.id },
      sort: { field: 'id', order: 'ASC' },
      pagination: { page: 1, perPage: 1000 },
    },
    { enabled: !!evaluation },
  );
  const rows = measurements.data ?? [];
  const primary = (evaluation?.primaryIndicatorIds ?? []).map(String);
  const indicatorIds = [
    ...new Set([...primary, ...rows.map((m) => String(m.indicatorId)), ...extraIndicators.map(String)]),
  ];
  const indicators = useGetMany<IndicatorRecord>(
    'indicators',
    { ids: indicatorIds },
    { enabled: indicatorIds.length > 0 },
  );

  if (!evaluation) return null;
  if (measurements.isPending || (indicatorIds.length > 0 && indicators.isPending)) return <Loading />;
  const failure = measurements.error ?? indicators.error;
  if (failure) return <Alert severity="error">{translate(messageOf(failure), { _: messageOf(failure) })}</Alert>;

  const editable = canWrite && EDITABLE_STATUSES.includes(evaluation.status);
  const arms = DESIGN_ARMS[evaluation.design] ?? ['single'];
  const byKey = new Map(rows.map((m) => [measurementKey(m), m]));
  const indicatorList = indicatorIds
    .map((id) => indicators.data?.find((i) => String(i.id) === id))
    .filter((i): i is IndicatorRecord => !!i);

  const breakdownsOf = (indicatorId: Identifier): Disaggregation[] => {
    const seen = new Map<string, Disaggregation>([[disaggregationKey(TOTAL), TOTAL]]);
    for (const m of rows) {
      if (String(m.indicatorId) !== String(indicatorId)) continue;
      const d = { sex: m.sex, ageBand: m.ageBand, region: m.region };
      seen.set(disaggregationKey(d), d);
    }
    for (const d of extraRows[String(indicatorId)] ?? []) seen.set(disaggregationKey(d), d);
    return [...seen.values()];
  };

  const columns = arms.flatMap((arm) => TIMEPOINTS.map((timepoint) => ({ arm, timepoint })));
  const armName = (arm: string) => translate(`ledger.arm.${arm}`);
  const timepointName = (t: string) => translate(`ledger.timepoint.${t}`);

  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(editable ? 'ledger.outcomes.introEditable' : 'ledger.outcomes.introReadOnly')}
      </Typography>
      {editable && (
        <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
          {translate('ledger.outcomes.noChildData')}
        </Alert>
      )}
      {canImport && EDITABLE_STATUSES.includes(evaluation.status) && (
        <ImportButtons evaluationId={evaluation.id} onImported={() => void measurements.refetch()} />
      )}
      {indicatorList.length === 0 ? (
        <Typography variant="body2" sx={{ my: 2 }}>
          {translate(editable ? 'ledger.outcomes.noIndicatorsEditable' : 'ledger.outcomes.noIndicators')}
        </Typography>
      ) : (
        <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Table size="small" aria-label={translate('ledger.outcomes.title')} sx={{ '& td, & th': { px: 1 } }}>
            <TableHead>
              <TableRow>
                <TableCell rowSpan={2} sx={{ minWidth: 160 }}>
                  {translate('ledger.outcomes.group')}
                </TableCell>
                {arms.map((arm) => (
                  <TableCell
                    key={arm}
                    colSpan={TIMEPOINTS.length}
                    align="center"
                    sx={{ borderLeft: 1, borderColor: 'divider', fontWeight: 600 }}
                  >
                    {armName(arm)}
                  </TableCell>
                ))}
              </TableRow>
              <TableRow>
                {columns.map(({ arm, timepoint }, i) => (
                  <TableCell
                    key={`${arm}-${timepoint}`}
                    align="center"
                    sx={i % TIMEPOINTS.length === 0 ? { borderLeft: 1, borderColor: 'divider' } : undefined}
                  >
                    {timepointName(timepoint)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            {indicatorList.map((indicator) => {
              const isPrimary = primary.includes(String(indicator.id));
              const range =
                indicator.minValue !== null &&
                indicator.minValue !== undefined &&
                indicator.maxValue !== null &&
                indicator.maxValue !== undefined
                  ? translate('ledger.outcomes.range', { min: indicator.minValue, max: indicator.maxValue })
                  : '';
              return (
                <TableBody key={indicator.id} aria-label={`${indicator.code} — ${indicator.name}`}>
                  <TableRow sx={{ bgcolor: 'action.hover' }}>
                    <TableCell component="th" scope="rowgroup" colSpan={1 + columns.length}>
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
                        <Typography variant="subtitle2">
                          {indicator.code} — {indicator.name}
                        </Typography>
                        <Chip
                          size="small"
                          variant="outlined"
                          label={translate(`ledger.measureType.${indicator.measureType}`)}
                        />
                        {isPrimary && (
                          <Chip size="small" color="primary" label={translate('ledger.outcomes.primary')} />
                        )}
                        {range && (
                          <Typography variant="caption" color="text.secondary">
                            {range}
                          </Typography>
                        )}
                        {editable && (
                          <Button
                            size="small"
                            startIcon={<AddIcon />}
                            sx={{ ml: 'auto' }}
                            onClick={() => setBreakdownFor(indicator)}
                          >
                            {translate('ledger.outcomes.addBreakdown')}
                            {/* the accessible name keeps the visible words and says which indicator */}
                            <Box component="span" sx={visuallyHidden}>
                              {translate('ledger.outcomes.addBreakdownFor', { indicator: indicator.code })}
                            </Box>
                          </Button>
                        )}
                      </Stack>
                    </TableCell>
                  </TableRow>
                  {breakdownsOf(indicator.id).map((d) => {
                    const breakdown = disaggregationLabel(d);
                    return (
                      <TableRow key={disaggregationKey(d)} sx={{ verticalAlign: 'top' }}>
                        <TableCell component="th" scope="row">
                          <Typography variant="body2">{breakdown || translate('ledger.outcomes.everyone')}</Typography>
                        </TableCell>
                        {columns.map(({ arm, timepoint }, i) => {
                          const label = [armName(arm), timepointName(timepoint), breakdown].filter(Boolean).join(' · ');
                          const key = measurementKey({ indicatorId: indicator.id, arm, timepoint, ...d });
                          return (
                            <TableCell
                              key={key}
                              sx={i % TIMEPOINTS.length === 0 ? { borderLeft: 1, borderColor: 'divider' } : undefined}
                            >
                              <MeasurementCell
                                place={{
                                  evaluationId: evaluation.id,
                                  indicator,
                                  arm,
                                  timepoint,
                                  disaggregation: d,
                                  label,
                                }}
                                measurement={byKey.get(key)}
                                editable={editable}
                                onSaved={() => void measurements.refetch()}
                              />
                            </TableCell>
                          );
                        })}
                      </TableRow>
                    );
                  })}
                </TableBody>
              );
            })}
          </Table>
        </TableContainer>
      )}
      {editable && (
        <Box sx={{ mt: 2 }}>
          <AddIndicator
            exclude={new Set(indicatorIds)}
            onAdd={(i) => setExtraIndicators((ids) => (ids.includes(i.id) ? ids : [...ids, i.id]))}
          />
        </Box>
      )}
      {breakdownFor && (
        <BreakdownDialog
          indicator={breakdownFor}
          onClose={() => setBreakdownFor(null)}
          onAdd={(d) => {
            const id = String(breakdownFor.id);
            setExtraRows((all) => ({ ...all, [id]: [...(all[id] ?? []), d] }));
            setBreakdownFor(null);
          }}
        />
      )}
    </Box>
  );
};
