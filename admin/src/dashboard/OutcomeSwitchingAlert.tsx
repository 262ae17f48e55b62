import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EvaluationLink } from './links';
import type { DashboardData } from './types';

export const OutcomeSwitchingAlert = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  if (data.outcomeSwitching.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="dashboard-outcome-switching">
      <AlertTitle>{translate('ledger.dashboard.switching.title')}</AlertTitle>
      <Typography variant="body2" gutterBottom>
        {translate('ledger.dashboard.switching.intro')}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {data.outcomeSwitching.map((row) => (
          <li key={row.evaluationId}>
            <EvaluationLink row={row} />
            {' — '}
            {translate('ledger.dashboard.switching.change', {
              organization: row.organizationName,
              added: row.added.length,
              removed: row.removed.length,
            })}
          </li>
        ))}
      </Box>
    </Alert>
  );
};
