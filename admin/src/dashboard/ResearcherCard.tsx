import { Box, Link as MuiLink, Typography } from '@mui/material';
import { Link, useNavigate, useTranslate } from 'react-admin';
import { EvidenceMapGrid } from '../analysis/EvidenceMapGrid';
import { DashboardSection } from './DashboardSection';

export const ResearcherCard = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  return (
    <DashboardSection title={translate('ledger.dashboard.researcher.title')} testId="dashboard-researcher">
      <Typography variant="body1">{translate('ledger.dashboard.researcher.intro')}</Typography>
      <EvidenceMapGrid
        onPick={(strategy, indicatorId) =>
          navigate(`/analysis?${new URLSearchParams({ strategy, indicatorId: String(indicatorId) }).toString()}`)
        }
      />
      <Typography variant="body2">{translate('ledger.dashboard.researcher.dataset')}</Typography>
      <Box>
        <MuiLink component={Link} to="/analysis">
          {translate('ledger.dashboard.researcher.open')}
        </MuiLink>
      </Box>
    </DashboardSection>
  );
};
