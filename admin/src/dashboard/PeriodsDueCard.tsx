import { Link as MuiLink, Stack, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useDateFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import type { DashboardPeriodDue } from './types';

export const PeriodsDueCard = ({ periods }: { periods: DashboardPeriodDue[] }) => {
  const translate = useTranslate();
  const date = useDateFormat();
  return (
    <DashboardSection
      title={translate('ledger.dashboard.periods.title')}
      empty={translate('ledger.dashboard.periods.empty')}
      isEmpty={periods.length === 0}
      testId="dashboard-periods"
    >
      <Stack component="ul" spacing={1} sx={{ m: 0, pl: 2.5 }}>
        {periods.map((p) => (
          <Typography
            key={p.periodId}
            component="li"
            variant="body2"
            sx={{ color: p.overdue ? 'error.main' : 'text.primary' }}
          >
            <MuiLink component={Link} to={`/grants/${p.grantId}/show/targets`} color="inherit">
              {`${p.grantTitle} · ${p.label}`}
            </MuiLink>
            {' — '}
            {translate(`ledger.dashboard.periods.${p.overdue ? 'overdue' : 'due'}`, {
              date: date(p.dueDate),
              smart_count: p.missingActuals,
            })}
          </Typography>
        ))}
      </Stack>
    </DashboardSection>
  );
};
