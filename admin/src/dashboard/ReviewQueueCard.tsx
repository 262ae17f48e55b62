import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DashboardSection } from './DashboardSection';
import { EvaluationLink } from './links';
import type { DashboardData } from './types';

export const ReviewQueueCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  return (
    <DashboardSection
      title={translate('ledger.dashboard.reviewQueue.title')}
      empty={translate('ledger.dashboard.reviewQueue.empty')}
      isEmpty={data.reviewQueue.length === 0}
      testId="dashboard-review-queue"
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.reviewQueue.intro')}
      </Typography>
      <Table size="small" aria-label={translate('ledger.dashboard.reviewQueue.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.evaluation')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.program')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.ngo')}</TableCell>
            <TableCell align="right">{translate('ledger.dashboard.columns.waiting')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.reviewQueue.map((row) => (
            <TableRow key={row.evaluationId}>
              <TableCell>
                <EvaluationLink row={row} />
              </TableCell>
              <TableCell>{row.programName}</TableCell>
              <TableCell>{row.organizationName}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {translate('ledger.dashboard.reviewQueue.days', { smart_count: row.waitingDays })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </DashboardSection>
  );
};
