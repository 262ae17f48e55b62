import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import CountBarChart from '../charts/CountBarChart';
import { DashboardSection } from './DashboardSection';
import type { DashboardData } from './types';

const RATINGS = ['effective', 'promising', 'no_effects', 'insufficient'] as const;

export const RatingsCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const decided = RATINGS.reduce((sum, r) => sum + (data.ratings[r] ?? 0), 0);
  return (
    <DashboardSection
      title={translate('ledger.dashboard.ratings.title')}
      empty={translate('ledger.dashboard.ratings.empty')}
      isEmpty={decided === 0 && data.ratings.approvedUndecided === 0}
      testId="dashboard-ratings"
    >
      {decided > 0 && (
        <CountBarChart
          title={translate('ledger.charts.ratings.title')}
          summary={translate('ledger.charts.ratings.summary', {
            smart_count: decided,
            effective: data.ratings.effective ?? 0,
            promising: data.ratings.promising ?? 0,
          })}
          valueLabel={translate('ledger.charts.ratings.evaluations')}
          bars={RATINGS.map((rating) => ({
            label: translate(`ledger.rating.${rating}`),
            value: data.ratings[rating] ?? 0,
          }))}
          testId="ratings-chart"
        />
      )}
      <Typography variant="body2" color={data.ratings.approvedUndecided > 0 ? 'warning.dark' : 'text.secondary'}>
        {translate('ledger.dashboard.ratings.undecided', { smart_count: data.ratings.approvedUndecided })}
      </Typography>
    </DashboardSection>
  );
};
