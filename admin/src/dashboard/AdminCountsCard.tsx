import { Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useNumberFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import type { DashboardAdministration } from './types';

/** One labelled count. */
const Stat = ({ label, value }: { label: string; value: string }) => (
  <Box component="dl" sx={{ m: 0 }}>
    <Typography variant="caption" color="text.secondary" component="dt">
      {label}
    </Typography>
    <Typography variant="h5" component="dd" sx={{ m: 0, fontVariantNumeric: 'tabular-nums' }}>
      {value}
    </Typography>
  </Box>
);

/** Admins: how many users and organizations there are. */
export const AdminCountsCard = ({ admin }: { admin: DashboardAdministration }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  return (
    <DashboardSection title={translate('ledger.dashboard.admin.title')} testId="dashboard-administration">
      <Stack direction="row" spacing={4}>
        <Stat label={translate('ledger.dashboard.admin.users')} value={number(admin.users)} />
        <Stat label={translate('ledger.dashboard.admin.organizations')} value={number(admin.organizations)} />
      </Stack>
    </DashboardSection>
  );
};
