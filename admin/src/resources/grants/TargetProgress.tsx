import { LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** Progress as a bar clamped at 100 % and the real percentage beside it (1 = target met). */
export const TargetProgress = ({ progress }: { progress: number | null }) => {
  const translate = useTranslate();
  if (progress === null || !Number.isFinite(progress)) {
    return (
      <Typography variant="caption" color="text.secondary">
        {translate('ledger.targets.noActual')}
      </Typography>
    );
  }
  const percent = Math.round(progress * 100);
  const bar = Math.min(100, Math.max(0, percent));
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <LinearProgress
        variant="determinate"
        value={bar}
        color={progress >= 1 ? 'success' : 'primary'}
        sx={{ flex: 1, height: 8, borderRadius: 4, minWidth: 60 }}
        aria-label={translate('ledger.targets.progress', { percent })}
      />
      <Typography variant="caption" sx={{ minWidth: 40, textAlign: 'right' }}>
        {percent} %
      </Typography>
    </Stack>
  );
};
