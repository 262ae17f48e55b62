import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useMoneyFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import { GrantLink } from './links';
import { GrantProgress } from './GrantProgress';
import type { DashboardData } from './types';

export const GrantsCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const money = useMoneyFormat();
  const partner = data.role === 'coordinator' ? 'funder' : 'grantee';
  return (
    <DashboardSection
      title={translate('ledger.dashboard.grants.title')}
      empty={translate(`ledger.dashboard.grants.empty.${data.role === 'coordinator' ? 'coordinator' : 'other'}`)}
      isEmpty={data.grants.length === 0}
      testId="dashboard-grants"
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.grants.intro')}
      </Typography>
      <Table size="small" aria-label={translate('ledger.dashboard.grants.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.grant')}</TableCell>
            <TableCell>{translate(`ledger.dashboard.columns.${partner}`)}</TableCell>
            <TableCell align="right">{translate('ledger.dashboard.columns.amount')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.reported')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.progress')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.grants.map((grant) => (
            <TableRow key={grant.grantId}>
              <TableCell>
                <GrantLink grant={grant} />
              </TableCell>
              <TableCell>{grant[partner]}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {money(grant.amount, grant.currency)}
              </TableCell>
              <TableCell>
                {translate('ledger.dashboard.grants.reported', {
                  reported: grant.reportedTargets,
                  smart_count: grant.targets,
                })}
              </TableCell>
              <TableCell>
                <GrantProgress grant={grant} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </DashboardSection>
  );
};
