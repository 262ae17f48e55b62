import { Alert, Box, Table, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Loading, useRecordContext, useTranslate } from 'react-admin';
import { EDITABLE_STATUSES, TIMEPOINTS } from '@vocabulary/evaluations';
import { useHasPermission } from '../../common/permissions';
import { messageOf } from '../../providers/apiErrors';
import { AddIndicator } from './AddIndicator';
import { BreakdownDialog } from './BreakdownDialog';
import { ImportButtons } from './imports/ImportButtons';
import { IndicatorRows } from './IndicatorRows';
import type { Evaluation, IndicatorRecord } from './types';
import { useOutcomeGrid } from './useOutcomeGrid';

/**
 * The outcome entry grid: one block of rows per indicator (the total, then any breakdowns), one
 * column per arm of the design and timepoint. Editable only while the evaluation is.
 */
export const OutcomesTab = () => {
  const evaluation = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const canWrite = useHasPermission('outcome-measurements:write');
  const canImport = useHasPermission('imports:write');
  const [breakdownFor, setBreakdownFor] = useState<IndicatorRecord | null>(null);
  const grid = useOutcomeGrid(evaluation);

  if (!evaluation) return null;
  if (grid.isPending) return <Loading />;
  const { failure, arms, columns, indicatorList } = grid;
  if (failure) return <Alert severity="error">{translate(messageOf(failure), { _: messageOf(failure) })}</Alert>;

  const editable = canWrite && EDITABLE_STATUSES.includes(evaluation.status);

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
        <ImportButtons evaluationId={evaluation.id} onImported={grid.refetch} />
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
                    {translate(`ledger.arm.${arm}`)}
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
                    {translate(`ledger.timepoint.${timepoint}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            {indicatorList.map((indicator) => (
              <IndicatorRows
                key={indicator.id}
                evaluationId={evaluation.id}
                indicator={indicator}
                grid={grid}
                editable={editable}
                onAddBreakdown={setBreakdownFor}
              />
            ))}
          </Table>
        </TableContainer>
      )}
      {editable && (
        <Box sx={{ mt: 2 }}>
          <AddIndicator exclude={new Set(grid.indicatorIds)} onAdd={grid.addIndicator} />
        </Box>
      )}
      {breakdownFor && (
        <BreakdownDialog
          indicator={breakdownFor}
          onClose={() => setBreakdownFor(null)}
          onAdd={(d) => {
            grid.addBreakdown(breakdownFor, d);
            setBreakdownFor(null);
          }}
        />
      )}
    </Box>
  );
};
