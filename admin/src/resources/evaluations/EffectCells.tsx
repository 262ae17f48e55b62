import { Chip, Stack, Typography, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useEffectMeaning, useEffectText, useStatFormat, type ComparisonKind } from '../../analysis/format';
import { isRatio, type EffectRow } from '../../analysis/types';

const BASELINE_COLOR: Record<string, ChipProps['color']> = {
  satisfied: 'success',
  requires_adjustment: 'warning',
  not_satisfied: 'error',
};
const ATTRITION_COLOR: Record<string, ChipProps['color']> = { low: 'success', high: 'error' };

/** Favorable, unfavorable or no clear effect: the direction counts only when the 95 % CI excludes no effect. */
export const DirectionChip = ({ row }: { row: EffectRow }) => {
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

export const EffectCell = ({ row, comparison }: { row: EffectRow; comparison: ComparisonKind }) => {
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

export const BaselineCell = ({ row, oneGroup }: { row: EffectRow; oneGroup: boolean }) => {
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

export const AttritionCell = ({ row }: { row: EffectRow }) => {
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
