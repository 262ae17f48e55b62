import { LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Phase } from './importPhase';

/** Uploading, then the job's progress (rows processed so far). */
export const ImportProgress = ({ phase }: { phase: Phase }) => {
  const translate = useTranslate();
  if (phase.step !== 'uploading' && phase.step !== 'running') return null;
  return (
    <Stack spacing={1.5} sx={{ py: 2 }}>
      <Typography variant="body2">
        {phase.step === 'uploading'
          ? translate('ledger.imports.uploading', { name: phase.request.file.name })
          : phase.job.state === 'queued'
            ? translate('ledger.imports.queued')
            : translate('ledger.imports.running', { smart_count: phase.job.processedRows })}
      </Typography>
      <LinearProgress
        aria-label={translate('ledger.imports.progressLabel')}
        variant={phase.step === 'running' && phase.job.state === 'running' ? 'determinate' : 'indeterminate'}
        value={phase.step === 'running' ? phase.job.progress : undefined}
      />
      {(phase.step === 'running' || !phase.request.dryRun) && (
        <Typography variant="caption" color="text.secondary">
          {translate('ledger.imports.closeNote')}
        </Typography>
      )}
    </Stack>
  );
};
