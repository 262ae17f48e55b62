import { Alert, AlertTitle, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ImportErrorTable } from './ImportErrorTable';
import type { Phase } from './importPhase';
import { useImportTranslate } from './useImportTranslate';

/** How the job ended: the dry run's summary, what was imported, every problem found, or a job that got lost. */
export const ImportOutcome = ({ phase, messages }: { phase: Phase; messages: string }) => {
  const translate = useTranslate();
  const t = useImportTranslate(messages);
  const result = 'job' in phase ? (phase.job.result ?? {}) : {};
  return phase.step === 'completed' ? (
    <Alert severity="success" role="status">
      <AlertTitle>{t(phase.request.dryRun ? 'validTitle' : 'importedTitle')}</AlertTitle>
      {phase.request.dryRun
        ? t('valid', {
            smart_count: result.valid ?? phase.job.processedRows,
            new: result.wouldInsert ?? 0,
            replace: result.wouldReplace ?? 0,
          })
        : t('imported', {
            smart_count: result.written ?? 0,
            inserted: result.inserted ?? 0,
            replaced: result.replaced ?? 0,
          })}
    </Alert>
  ) : phase.step === 'failed' ? (
    <Stack spacing={2}>
      <Alert severity="error" role="alert">
        <AlertTitle>
          {translate(phase.request.dryRun ? 'ledger.imports.failedTitleDryRun' : 'ledger.imports.failedTitle')}
        </AlertTitle>
        {(phase.job.errors?.length ?? 0) > 0 ? (
          <Typography variant="body2">
            {translate(phase.request.dryRun ? 'ledger.imports.failedIntroDryRun' : 'ledger.imports.failedIntro')}
          </Typography>
        ) : (
          result.message && <Typography variant="body2">{result.message}</Typography>
        )}
      </Alert>
      <ImportErrorTable job={phase.job} fileName={phase.request.file.name} />
    </Stack>
  ) : phase.step === 'lost' ? (
    <Alert severity="warning" role="alert">
      {translate('ledger.imports.jobLost')}
    </Alert>
  ) : null;
};
