import { LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { usePercentFormat } from '../common/format';
import type { DashboardGrant } from './types';

export const GrantProgress = ({ grant }: { grant: DashboardGrant }) => {
  const translate = useTranslate();
  const percent = usePercentFormat();
  if (grant.medianProgress === null)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.grants.noProgress')}
      </Typography>
    );
  const label = translate('ledger.dashboard.grants.progressLabel', { percent: percent(grant.medianProgress) });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 180 }}>
      <LinearProgress
        variant="determinate"
        aria-label={label}
        value={Math.max(0, Math.min(100, grant.medianProgress * 100))}
        color={grant.medianProgress >= 1 ? 'success' : 'primary'}
        sx={{ flex: 1, height: 8, borderRadius: 4 }}
      />
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {label}
      </Typography>
    </Stack>
  );
};
