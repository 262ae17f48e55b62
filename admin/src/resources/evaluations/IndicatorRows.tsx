import { visuallyHidden } from '@mui/utils';
import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Chip, Stack, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate, type Identifier } from 'react-admin';
import { TIMEPOINTS } from '@vocabulary/evaluations';
import { disaggregationKey, useDisaggregationLabel } from '../../common/disaggregation';
import { MeasurementCell } from './MeasurementCell';
import type { IndicatorRecord } from './types';
import { measurementKey, type OutcomeGrid } from './useOutcomeGrid';

/** One indicator's block of the outcome grid: its heading row, then a row per breakdown. */
export const IndicatorRows = ({
  evaluationId,
  indicator,
  grid,
  editable,
  onAddBreakdown,
}: {
  evaluationId: Identifier;
  indicator: IndicatorRecord;
  grid: OutcomeGrid;
  editable: boolean;
  onAddBreakdown: (indicator: IndicatorRecord) => void;
}) => {
  const translate = useTranslate();
  const disaggregationLabel = useDisaggregationLabel();
  const { columns, byKey } = grid;
  const armName = (arm: string) => translate(`ledger.arm.${arm}`);
  const timepointName = (t: string) => translate(`ledger.timepoint.${t}`);
  const isPrimary = grid.primary.includes(String(indicator.id));
  const range =
    indicator.minValue !== null &&
    indicator.minValue !== undefined &&
    indicator.maxValue !== null &&
    indicator.maxValue !== undefined
      ? translate('ledger.outcomes.range', { min: indicator.minValue, max: indicator.maxValue })
      : '';
  return (
    <TableBody aria-label={`${indicator.code} — ${indicator.name}`}>
      <TableRow sx={{ bgcolor: 'action.hover' }}>
        <TableCell component="th" scope="rowgroup" colSpan={1 + columns.length}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography variant="subtitle2">
              {indicator.code} — {indicator.name}
            </Typography>
            <Chip size="small" variant="outlined" label={translate(`ledger.measureType.${indicator.measureType}`)} />
            {isPrimary && <Chip size="small" color="primary" label={translate('ledger.outcomes.primary')} />}
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
                onClick={() => onAddBreakdown(indicator)}
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
      {grid.breakdownsOf(indicator.id).map((d) => {
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
                    place={{ evaluationId, indicator, arm, timepoint, disaggregation: d, label }}
                    measurement={byKey.get(key)}
                    editable={editable}
                    onSaved={grid.refetch}
                  />
                </TableCell>
              );
            })}
          </TableRow>
        );
      })}
    </TableBody>
  );
};
