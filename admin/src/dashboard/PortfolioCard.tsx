import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import CountBarChart from '../charts/CountBarChart';
import { useCountryName } from '../common/choices';
import { useNumberFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import { PortfolioTable } from './PortfolioTable';
import { usePortfolioAmounts } from './portfolioAmounts';
import type { DashboardData } from './types';

export const PortfolioCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const countryName = useCountryName();
  const number = useNumberFormat();
  const { byStrategy, byCountry } = data.portfolio;
  const strategyName = (strategy: string) => translate(`ledger.strategy.${strategy}`, { _: strategy });
  const amounts = usePortfolioAmounts();
  const sorted = [...byStrategy].sort((a, b) => b.grants - a.grants);
  return (
    <DashboardSection
      title={translate('ledger.dashboard.portfolio.title')}
      empty={translate('ledger.dashboard.portfolio.empty')}
      isEmpty={byStrategy.length === 0 && byCountry.length === 0}
      testId="dashboard-portfolio"
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.portfolio.intro')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <CountBarChart
          title={translate('ledger.dashboard.portfolio.byStrategy')}
          summary={translate('ledger.charts.portfolio.summary', {
            smart_count: sorted.length,
            top: sorted.length ? strategyName(sorted[0].strategy) : '—',
          })}
          valueLabel={translate('ledger.dashboard.columns.grants')}
          bars={sorted.map((row) => ({ label: strategyName(row.strategy), value: row.grants }))}
          table={{
            columns: [
              translate('ledger.dashboard.portfolio.byStrategy'),
              translate('ledger.dashboard.columns.grants'),
              translate('ledger.dashboard.columns.amount'),
            ],
            rows: sorted.map((row) => [strategyName(row.strategy), number(row.grants), amounts(row)]),
            numeric: [1, 2],
          }}
          testId="portfolio-chart"
        />
        <PortfolioTable
          label={translate('ledger.dashboard.portfolio.byCountry')}
          rows={byCountry}
          name={(row) => countryName(row.country)}
        />
      </Box>
    </DashboardSection>
  );
};
