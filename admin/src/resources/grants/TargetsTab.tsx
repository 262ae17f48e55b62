import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Button, Loading, useRecordContext, useTranslate } from 'react-admin';
import { useHasPermission, useRole } from '../../common/permissions';
import { messageOf } from '../../providers/apiErrors';
import { ActualDialog } from './ActualDialog';
import { TargetCell } from './TargetCell';
import { TargetDialog } from './TargetDialog';
import { TargetImportButton } from './TargetImportButton';
import type { Grant, Target } from './types';
import { useTargetGrid } from './useTargetGrid';

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
  const [dialog, setDialog] = useState<
    | { kind: 'target'; target?: Target; initial?: Partial<Target> }
    | { kind: 'actual'; target: Target; title: string }
    | null
  >(null);

  const grid = useTargetGrid(grant);

  if (!grant) return null;
  if (grid.isPending) return <Loading />;
  const failure = grid.error;
  if (failure) return <Alert severity="error">{translate(messageOf(failure), { _: messageOf(failure) })}</Alert>;

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
        {canSetTargets && grid.periods.length > 0 && (
          <Button label="ledger.targets.add" onClick={() => setDialog({ kind: 'target' })}>
            <AddIcon />
          </Button>
        )}
        {((canImportTargets && grid.periods.length > 0) || (canImportActuals && grid.rows.length > 0)) && (
          <TargetImportButton
            kind={canImportTargets ? 'targets' : 'actuals'}
            grant={grant}
            periods={grid.periods}
            targets={grid.targets}
            codeOf={grid.codeOf}
          />
        )}
      </Stack>
      {grid.periods.length === 0 ? (
        <Typography variant="body2">{translate('ledger.targets.noPeriods')}</Typography>
      ) : grid.rows.length === 0 ? (
        <Typography variant="body2">{translate('ledger.targets.empty')}</Typography>
      ) : (
        <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Table size="small" aria-label={translate('ledger.targets.title')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ minWidth: 220 }}>{translate('ledger.targets.indicator')}</TableCell>
                {grid.periods.map((p) => (
                  <TableCell key={p.id} sx={{ minWidth: 170 }}>
                    {p.label}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {grid.rows.map((row) => (
                <TableRow key={row.key} sx={{ verticalAlign: 'top' }}>
                  <TableCell component="th" scope="row">
                    <Typography variant="body2">{grid.rowTitle(row)}</Typography>
                  </TableCell>
                  {grid.periods.map((period) => {
                    const where = `${grid.rowTitle(row)} · ${period.label}`;
                    return (
                      <TargetCell
                        key={period.id}
                        target={grid.cellOf(row, period)}
                        where={where}
                        canSetTargets={canSetTargets}
                        canReport={canReport}
                        onSet={() =>
                          setDialog({
                            kind: 'target',
                            initial: {
                              reportingPeriodId: period.id,
                              indicatorId: row.indicatorId,
                              ...row.disaggregation,
                            },
                          })
                        }
                        onEdit={(target) => setDialog({ kind: 'target', target })}
                        onReport={(target) => setDialog({ kind: 'actual', target, title: where })}
                      />
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
          periods={grid.periods}
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
