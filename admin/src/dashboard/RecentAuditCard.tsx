import { Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useDateTimeFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import type { DashboardAdministration } from './types';

/** Admins: the latest audit events, with a link to the whole log. */
export const RecentAuditCard = ({ admin }: { admin: DashboardAdministration }) => {
  const translate = useTranslate();
  const dateTime = useDateTimeFormat();
  return (
    <DashboardSection
      title={translate('ledger.dashboard.admin.audit')}
      empty={translate('ledger.dashboard.admin.auditEmpty')}
      isEmpty={admin.recentAudit.length === 0}
      testId="dashboard-audit"
    >
      <Table size="small" aria-label={translate('ledger.dashboard.admin.audit')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.time')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.action')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.entity')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {admin.recentAudit.map((event, i) => (
            <TableRow key={`${event.at}-${i}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(event.at)}</TableCell>
              <TableCell>{translate(`ledger.auditAction.${event.action}`, { _: event.action })}</TableCell>
              <TableCell>
                {translate(`ledger.auditEntity.${event.entityType}`, { _: event.entityType })}
                {event.entityId !== null ? ` #${event.entityId}` : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <MuiLink component={Link} to="/audit-events" variant="body2">
        {translate('ledger.dashboard.admin.allAudit')}
      </MuiLink>
    </DashboardSection>
  );
};
