import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useDateTimeFormat, useNumberFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import type { DashboardAdministration } from './types';

/** Admins: background jobs that failed recently. */
export const FailedJobsCard = ({ admin }: { admin: DashboardAdministration }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  const dateTime = useDateTimeFormat();
  return (
    <DashboardSection
      title={translate('ledger.dashboard.admin.failedJobs')}
      empty={translate('ledger.dashboard.admin.failedJobsEmpty')}
      isEmpty={admin.failedJobs.length === 0}
      testId="dashboard-failed-jobs"
    >
      <Table size="small" aria-label={translate('ledger.dashboard.admin.failedJobs')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.time')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.job')}</TableCell>
            <TableCell align="right">{translate('ledger.dashboard.columns.errors')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.message')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {admin.failedJobs.map((job) => (
            <TableRow key={job.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(job.createdAt)}</TableCell>
              <TableCell>{`${job.kind} #${job.id}`}</TableCell>
              <TableCell align="right">{number(job.errorCount)}</TableCell>
              <TableCell>{job.message ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </DashboardSection>
  );
};
