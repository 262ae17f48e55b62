import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DashboardSection } from './DashboardSection';
import { EvaluationLink } from './links';
import type { DashboardData } from './types';

export const NeedsActionCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  // Changes requested first: the reviewer is waiting for them.
  const rows = [...data.needsAction].sort(
    (a, b) => Number(b.reason === 'changes_requested') - Number(a.reason === 'changes_requested'),
  );
  return (
    <DashboardSection
      title={translate('ledger.dashboard.needsAction.title')}
      empty={translate('ledger.dashboard.needsAction.empty')}
      isEmpty={rows.length === 0}
      testId="dashboard-needs-action"
    >
      <Table size="small" aria-label={translate('ledger.dashboard.needsAction.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.evaluation')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.program')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.status')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.next')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.evaluationId}>
              <TableCell>
                <EvaluationLink row={row} />
              </TableCell>
              <TableCell>{row.programName}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={row.reason === 'changes_requested' ? 'warning' : 'default'}
                  label={translate(`ledger.evaluationStatus.${row.reason}`)}
                />
              </TableCell>
              <TableCell>{translate(`ledger.dashboard.needsAction.next.${row.reason}`)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </DashboardSection>
  );
};
