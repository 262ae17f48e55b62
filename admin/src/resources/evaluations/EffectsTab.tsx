import {
  Alert,
  Box,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
  type ChipProps,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Loading, useRecordContext, useTranslate } from 'react-admin';
import { analysisApi, effectsKey } from '../../analysis/api';
import { FitWidth } from '../../analysis/FitWidth';
import { useEffectMeaning, useEffectText, useStatFormat, type ComparisonKind } from '../../analysis/format';
import { isRatio, MEASURES_FOR, type EffectMeasure, type EffectRow } from '../../analysis/types';
import { messageOf } from '../../providers/apiErrors';
import { RatingPanel } from './RatingPanel';
import type { Evaluation } from './types';

const PROPORTION_MEASURES = MEASURES_FOR.proportion;

const BASELINE_COLOR: Record<string, ChipProps['color']> = {
  satisfied: 'success',
  requires_adjustment: 'warning',
  not_satisfied: 'error',
};
const ATTRITION_COLOR: Record<string, ChipProps['color']> = { low: 'success', high: 'error' };

/** Favorable, unfavorable or no clear effect: the direction counts only when the 95 % CI excludes no effect. */
const DirectionChip = ({ row }: { row: EffectRow }) => {
  const translate = useTranslate();
  const verdict = !row.significant ? 'unclear' : row.favorable ? 'favorable' : 'unfavorable';
  const color: ChipProps['color'] =
    verdict === 'favorable' ? 'success' : verdict === 'unfavorable' ? 'error' : 'default';
  return (
    <Chip
      size="small"
      color={color}
      variant={verdict === 'unclear' ? 'outlined' : 'filled'}
      label={translate(`ledger.effects.verdict.${verdict}`)}
    />
  );
};

const comparisonOf = (row: EffectRow, evaluation: Evaluation): ComparisonKind =>
  row.comparison ??
  (row.measure === 'SMCR' || evaluation.design === 'pre_post' ? 'post_vs_baseline' : 'treatment_vs_comparison');

const EffectCell = ({ row, comparison }: { row: EffectRow; comparison: ComparisonKind }) => {
  const effectText = useEffectText();
  const meaning = useEffectMeaning();
  const ratio = isRatio(row.measure);
  const shown = ratio
    ? {
        point: row.estimate ?? Math.exp(row.yi),
        low: row.estimateCiLow ?? Math.exp(row.ciLow),
        high: row.estimateCiHigh ?? Math.exp(row.ciHigh),
      }
    : { point: row.yi, low: row.ciLow, high: row.ciHigh };
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }} data-testid="effect-value">
        {effectText(row.measure, shown)}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ maxWidth: 320 }}>
        {meaning(row.measure, row.yi, comparison)}
      </Typography>
      {row.note && (
        <Typography variant="caption" color="warning.main" component="p" sx={{ maxWidth: 320 }}>
          {row.note}
        </Typography>
      )}
    </>
  );
};

const BaselineCell = ({ row, oneGroup }: { row: EffectRow; oneGroup: boolean }) => {
  const translate = useTranslate();
  const format = useStatFormat();
  const check = row.baselineEquivalence;
  if (oneGroup || !check) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(oneGroup ? 'ledger.effects.oneGroup' : 'ledger.effects.notApplicable')}
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <Chip
        size="small"
        color={BASELINE_COLOR[check.status] ?? 'default'}
        variant={BASELINE_COLOR[check.status] ? 'filled' : 'outlined'}
        label={translate(`ledger.effects.baseline.${check.status}`, { _: check.status })}
      />
      {check.g !== null && (
        <Typography variant="caption">
          {translate('ledger.effects.baselineG', { g: format.fixed(check.g, 3) })}
        </Typography>
      )}
      {check.reason && (
        <Typography variant="caption" color="text.secondary">
          {check.reason}
        </Typography>
      )}
    </Stack>
  );
};

const AttritionCell = ({ row }: { row: EffectRow }) => {
  const translate = useTranslate();
  const format = useStatFormat();
  const attrition = row.attrition;
  if (!attrition) return <Typography variant="body2">{translate('ledger.effects.notApplicable')}</Typography>;
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <Chip
        size="small"
        color={ATTRITION_COLOR[attrition.status] ?? 'default'}
        variant={ATTRITION_COLOR[attrition.status] ? 'filled' : 'outlined'}
        label={translate(`ledger.effects.attritionStatus.${attrition.status}`, { _: attrition.status })}
      />
      {attrition.overall !== null && (
        <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
          {translate('ledger.effects.attritionOverall', { value: format.percent(attrition.overall) })}
        </Typography>
      )}
      {attrition.differential !== null && (
        <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
          {translate('ledger.effects.attritionDifferential', { value: format.percent(attrition.differential) })}
        </Typography>
      )}
    </Stack>
  );
};

const EffectsTable = ({ rows, evaluation }: { rows: EffectRow[]; evaluation: Evaluation }) => {
  const translate = useTranslate();
  const format = useStatFormat();
  const prePost = evaluation.design === 'pre_post';
  const oneGroup = prePost || evaluation.design === 'post_only';
  return (
    <FitWidth>
      <Table size="small" aria-label={translate('ledger.effects.tableLabel')} data-testid="effects-table">
        <TableHead>
          <TableRow>
            <TableCell sx={{ minWidth: 220 }}>{translate('ledger.effects.indicator')}</TableCell>
            <TableCell>{translate('ledger.effects.timepoint')}</TableCell>
            <TableCell>{translate('ledger.effects.measure')}</TableCell>
            <TableCell>{translate('ledger.effects.effect')}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('ledger.effects.pValue')}</TableCell>
            <TableCell>{translate('ledger.effects.direction')}</TableCell>
            <TableCell>{translate(prePost ? 'ledger.effects.nPrePost' : 'ledger.effects.nArms')}</TableCell>
            <TableCell>{translate('ledger.effects.baselineEquivalence')}</TableCell>
            <TableCell>{translate('ledger.effects.attrition')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={`${row.indicatorId}|${row.timepoint}|${row.measure}`} data-testid="effect-row">
              <TableCell>
                <Typography variant="body2">
                  <Box component="span" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                    {row.indicatorCode}
                  </Box>{' '}
                  — {row.indicatorName}
                </Typography>
                {row.primary && (
                  <Chip
                    size="small"
                    color="primary"
                    variant="outlined"
                    label={translate('ledger.outcomes.primary')}
                    sx={{ mt: 0.5 }}
                  />
                )}
              </TableCell>
              <TableCell>{translate(`ledger.timepoint.${row.timepoint}`, { _: row.timepoint })}</TableCell>
              <TableCell>
                <Typography variant="body2" sx={{ maxWidth: 150 }}>
                  {translate(`ledger.measure.${row.measure}`, { _: row.measure })}
                </Typography>
              </TableCell>
              <TableCell>
                <EffectCell row={row} comparison={comparisonOf(row, evaluation)} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.p(row.pValue)}</TableCell>
              <TableCell>
                <DirectionChip row={row} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {row.nTreatment ?? '—'} / {row.nComparison ?? '—'}
              </TableCell>
              <TableCell>
                <BaselineCell row={row} oneGroup={oneGroup} />
              </TableCell>
              <TableCell>
                <AttritionCell row={row} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {translate('ledger.effects.legend')}
      </Typography>
    </FitWidth>
  );
};

/** Choose how proportions are compared: risk ratio (default), odds ratio or risk difference. */
const MeasureSelector = ({ value, onChange }: { value: EffectMeasure; onChange: (m: EffectMeasure) => void }) => {
  const translate = useTranslate();
  const labelId = useId();
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <Typography variant="body2" id={labelId}>
        {translate('ledger.effects.proportionMeasure')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={value}
        aria-labelledby={labelId}
        onChange={(_event, next: EffectMeasure | null) => next && onChange(next)}
      >
        {PROPORTION_MEASURES.map((m) => (
          <ToggleButton key={m} value={m} aria-label={translate(`ledger.measure.${m}`)}>
            {m}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
};

/** The Effects tab: effect sizes per indicator and timepoint with the WWC checks, then the evidence rating. */
const EffectsTab = () => {
  const evaluation = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const [measure, setMeasure] = useState<EffectMeasure>('RR');
  const id = evaluation?.id ?? '';
  const { data, isPending, error } = useQuery({
    queryKey: effectsKey(id, measure),
    queryFn: () => analysisApi.effects(id, measure === 'RR' ? undefined : measure),
    enabled: !!evaluation,
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (!evaluation) return null;
  const emptyKey =
    evaluation.design === 'qualitative'
      ? 'ledger.effects.emptyQualitative'
      : evaluation.design === 'pre_post' || evaluation.design === 'post_only'
        ? 'ledger.effects.emptySingle'
        : 'ledger.effects.emptyArms';
  const rows = data?.effects ?? [];
  const skipped = data?.skipped ?? [];
  const hasProportions = rows.some((r) => r.measureType === 'proportion' || PROPORTION_MEASURES.includes(r.measure));

  return (
    <Stack spacing={3}>
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2">
          {translate('ledger.effects.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('ledger.effects.intro')}
        </Typography>
        {(hasProportions || measure !== 'RR') && <MeasureSelector value={measure} onChange={setMeasure} />}
        {isPending ? (
          <Loading />
        ) : error ? (
          <Alert severity="error">{translate(messageOf(error), { _: messageOf(error) })}</Alert>
        ) : rows.length === 0 ? (
          <Alert severity="info" data-testid="effects-empty">
            {translate(emptyKey)}
          </Alert>
        ) : (
          <EffectsTable rows={rows} evaluation={evaluation} />
        )}
        {skipped.length > 0 && (
          <Box data-testid="effects-skipped">
            <Typography variant="subtitle2" component="h3">
              {translate('ledger.effects.skippedTitle')}
            </Typography>
            <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
              {skipped.map((s) => (
                <li key={`${s.indicatorId}|${s.timepoint}`}>
                  <Typography variant="body2">
                    {translate('ledger.effects.skippedLine', {
                      indicator: s.indicatorCode ?? `#${String(s.indicatorId)}`,
                      timepoint: translate(`ledger.timepoint.${s.timepoint}`, { _: s.timepoint }),
                      reason: s.reason,
                    })}
                  </Typography>
                </li>
              ))}
            </ul>
          </Box>
        )}
      </Stack>
      <RatingPanel evaluation={evaluation} />
    </Stack>
  );
};

export default EffectsTab;
