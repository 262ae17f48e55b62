import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { formatSize } from './formatSize';
import type { ImportMode } from './importApi';
import { ImportChooseStep } from './ImportChooseStep';
import { ImportOutcome } from './ImportOutcome';
import { ImportProgress } from './ImportProgress';
import { useImportJob } from './useImportJob';
import { BASE, useImportTranslate } from './useImportTranslate';

export interface ImportDialogProps {
  /** Where the file goes, under `/api`: `/evaluations/:id/imports`, `/indicators/imports`, `/grants/:id/imports`. */
  endpoint: string;
  /**
   * Prefix of this import's i18n keys (`title`, `intro`, `importMode`, `upsert`, `upsertHelp`, `valid`, `imported`,
   * `headerHint`, `refused.404`, …); a key it lacks falls back to `ledger.imports.*` (the outcome import).
   */
  messages?: string;
  /** What the file must hold (its columns), shown under the introduction. */
  help?: ReactNode;
  /** Offers "replace existing … (upsert)"; an import that only updates (actual values) has nothing to choose. */
  upsert?: boolean;
  /** Reminds that only aggregate numbers belong in the file (outcomes, targets' comments). */
  noChildData?: boolean;
  /** Called once a real (not dry-run) import has written its rows: reload what shows them. */
  onImported: () => void;
  onClose: () => void;
}

/**
 * Imports a CSV or XLSX file through one of the server's import jobs: choose the file and options, upload
 * it (with an Idempotency-Key so a retried upload is safe), follow the job with a progress bar, then show
 * the dry run's summary (and "Import now"), what was imported, or every problem found.
 */
const ImportDialog = ({
  endpoint,
  messages = BASE,
  help,
  upsert = true,
  noChildData = true,
  onImported,
  onClose,
}: ImportDialogProps) => {
  const translate = useTranslate();
  const t = useImportTranslate(messages);
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [mode, setMode] = useState<ImportMode>('insert');
  const { phase, submit, reset } = useImportJob(endpoint, onImported);

  const chosen = file ? { file, dryRun, mode } : null;
  const busy = phase.step === 'uploading' || phase.step === 'running';

  const backToChoose = () => {
    setFile(null);
    setDryRun(true);
    reset();
  };

  return (
    <Dialog
      open
      onClose={(_event, reason) => reason !== 'backdropClick' && onClose()}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>{t('title')}</DialogTitle>
      <DialogContent>
        {phase.step !== 'choose' && 'request' in phase && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {translate('ledger.imports.fileSize', {
              name: phase.request.file.name,
              size: formatSize(phase.request.file.size),
            })}
            {' · '}
            {phase.request.dryRun ? translate('ledger.imports.dryRun') : t('importMode')}
            {upsert && phase.request.mode === 'upsert' && <> · {t('upsert')}</>}
          </Typography>
        )}
        {phase.step === 'choose' && (
          <ImportChooseStep
            messages={messages}
            help={help}
            noChildData={noChildData}
            upsert={upsert}
            file={file}
            onFile={(picked) => {
              setFile(picked);
              setDryRun(true);
              reset();
            }}
            dryRun={dryRun}
            onDryRun={setDryRun}
            mode={mode}
            onMode={setMode}
            refusal={phase.refusal}
          />
        )}
        <ImportProgress phase={phase} />
        <ImportOutcome phase={phase} messages={messages} />
      </DialogContent>
      <DialogActions>
        {phase.step === 'choose' && (
          <>
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
            <Button variant="contained" disabled={!chosen} onClick={() => chosen && void submit(chosen)}>
              {translate(
                phase.refusal?.kind === 'network' || phase.refusal?.kind === 'other'
                  ? 'ledger.imports.tryAgain'
                  : dryRun
                    ? 'ledger.imports.check'
                    : 'ledger.imports.import',
              )}
            </Button>
          </>
        )}
        {busy && <Button onClick={onClose}>{translate('ledger.imports.close')}</Button>}
        {phase.step === 'completed' && phase.request.dryRun && (
          <>
            <Button onClick={backToChoose}>{translate('ledger.imports.another')}</Button>
            <Button variant="contained" onClick={() => void submit({ ...phase.request, dryRun: false })}>
              {translate('ledger.imports.importNow')}
            </Button>
          </>
        )}
        {phase.step === 'completed' && !phase.request.dryRun && (
          <Button variant="contained" onClick={onClose}>
            {translate('ledger.imports.close')}
          </Button>
        )}
        {(phase.step === 'failed' || phase.step === 'lost') && (
          <>
            <Button onClick={onClose}>{translate('ledger.imports.close')}</Button>
            <Button variant="contained" onClick={backToChoose}>
              {translate('ledger.imports.another')}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};

export default ImportDialog;
