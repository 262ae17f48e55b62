import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { FitWidth } from '../../analysis/FitWidth';
import { useStatFormat, type ComparisonKind } from '../../analysis/format';
import type { EffectRow } from '../../analysis/types';
import { AttritionCell, BaselineCell, DirectionChip, EffectCell } from './EffectCells';
import type { Evaluation } from './types';

const comparisonOf = (row: EffectRow, evaluation: Evaluation): ComparisonKind =>
  row.comparison ??
  (row.measure === 'SMCR' || evaluation.design === 'pre_post' ? 'post_vs_baseline' : 'treatment_vs_comparison');

export const EffectsTable = ({ rows, evaluation }: { rows: EffectRow[]; evaluation: Evaluation }) => {
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
