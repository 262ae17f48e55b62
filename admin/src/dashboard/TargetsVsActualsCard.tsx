import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import TargetChart from '../charts/TargetChart';
import { DashboardSection } from './DashboardSection';
import { GrantLink } from './links';
import type { DashboardData } from './types';

/** Targets against actual values, one small chart per grant and indicator. */
export const TargetsVsActualsCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const withTargets = data.grants.filter((g) => g.indicators.length > 0);
  return (
    <DashboardSection
      title={translate('ledger.charts.target.title')}
      empty={translate(`ledger.charts.target.empty.${data.role === 'coordinator' ? 'coordinator' : 'other'}`)}
      isEmpty={withTargets.length === 0}
      testId="dashboard-targets"
    >
      {withTargets.map((grant) => (
        <Box key={grant.grantId} component="section" aria-label={grant.title}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
            <GrantLink grant={grant} />
          </Typography>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', xl: '1fr 1fr 1fr' } }}>
            {grant.indicators.map((indicator) => (
              <TargetChart key={indicator.indicatorId} series={indicator} />
            ))}
          </Box>
        </Box>
      ))}
    </DashboardSection>
  );
};
