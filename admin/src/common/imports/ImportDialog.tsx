import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { HttpError, useTranslate } from 'react-admin';
import { downloadText, fileSafe, toCsv } from '../download';
import { statusOf, type ApiErrorBody } from '../../providers/apiErrors';
import { importApi, newIdempotencyKey, type ImportJob, type ImportMode, type ImportRequest } from './importApi';

/** The outcome import's texts, which every other import falls back to. */
const BASE = 'ledger.imports';

/**
 * Translates `<messages>.<name>`, falling back to `ledger.imports.<name>`: each kind of import words only
 * what differs (title, introduction, what "replace" means, the summaries).
 */
function useImportTranslate(messages: string) {
  const translate = useTranslate();
  return useCallback(
    (name: string, options: Record<string, unknown> = {}): string =>
      messages === BASE
        ? translate(`${BASE}.${name}`, options)
        : translate(`${messages}.${name}`, { ...options, _: translate(`${BASE}.${name}`, options) }),
    [translate, messages],
  );
}

const POLL_MS = 500;
/** Consecutive failed polls (network hiccups) tolerated before giving up on the job. */
const MAX_POLL_FAILURES = 20;

/** Why an upload was refused before any job existed. */
interface Refusal {
  kind: number | 'network' | 'other';
  message?: string;
  details: { field: string; message: string }[];
}

type Phase =
  | { step: 'choose'; refusal?: Refusal }
  | { step: 'uploading'; request: ImportRequest }
  | { step: 'running' | 'completed' | 'failed'; request: ImportRequest; job: ImportJob }
  | { step: 'lost'; request: ImportRequest };

const REFUSAL_KINDS = new Set([400, 403, 404, 409, 413, 415, 422]);

function refusalOf(error: unknown): Refusal {
  const status = statusOf(error);
  if (error instanceof HttpError && status !== undefined) {
    const body = (error.body ?? {}) as ApiErrorBody;
    return {
      kind: REFUSAL_KINDS.has(status) ? status : 'other',
      message: body.message ?? (error.message || undefined),
      details: body.details ?? [],
    };
  }
  return { kind: 'network', details: [] };
}

/** Bytes as "850 KB" / "2.4 MB". */
const formatSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const phaseOf = (request: ImportRequest, job: ImportJob): Phase =>
  job.state === 'queued' || job.state === 'running'
    ? { step: 'running', request, job }
    : { step: job.state, request, job };

const signatureOf = ({ file, dryRun, mode }: ImportRequest) =>
  JSON.stringify([file.name, file.size, file.lastModified, dryRun, mode]);

/** The row problems of a failed import, with a CSV download of what is listed. */
const ErrorTable = ({ job, fileName }: { job: ImportJob; fileName: string }) => {
  const translate = useTranslate();
  const errors = job.errors ?? [];
  if (errors.length === 0) return null;
  const download = () =>
    downloadText(
      `${fileSafe(fileName.replace(/\.[^.]+$/, ''))}-problems.csv`,
      'text/csv;charset=utf-8',
      '\uFEFF' +
        toCsv(
          ['row', 'column', 'value', 'message'],
          errors.map((e) => [e.row, e.column, e.value, e.message]),
        ),
    );
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="subtitle2">
          {translate('ledger.imports.problemCount', { smart_count: job.errorCount })}
        </Typography>
        {job.errorCount > errors.length && (
          <Typography variant="body2" color="text.secondary">
            {translate('ledger.imports.shownOf', { shown: errors.length, total: job.errorCount })}
          </Typography>
        )}
        <Button size="small" variant="outlined" startIcon={<DownloadIcon />} onClick={download} sx={{ ml: 'auto' }}>
          {translate('ledger.imports.downloadErrors')}
        </Button>
      </Stack>
      <TableContainer sx={{ maxHeight: 320, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" stickyHeader aria-label={translate('ledger.imports.errorsTable')}>
          <TableHead>
            <TableRow>
              <TableCell align="right">{translate('ledger.imports.row')}</TableCell>
              <TableCell>{translate('ledger.imports.column')}</TableCell>
              <TableCell>{translate('ledger.imports.value')}</TableCell>
              <TableCell>{translate('ledger.imports.message')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {errors.map((e, i) => (
              <TableRow key={i} sx={{ verticalAlign: 'top' }}>
                <TableCell align="right">{e.row}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{e.column}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {e.value === '' ? (
                    <Typography variant="body2" component="span" color="text.secondary">
                      {translate('ledger.imports.empty')}
                    </Typography>
                  ) : (
                    e.value
                  )}
                </TableCell>
                <TableCell>{e.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
};

export interface ImportDialogProps {
  /** Where the file goes: `/api/evaluations/:id/imports`, `/api/indicators/imports`, `/api/grants/:id/imports`. */
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
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [mode, setMode] = useState<ImportMode>('insert');
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  /** The key of the submission in flight: reused when the same file and options are sent again after a failure. */
  const keyRef = useRef<{ signature: string; key: string } | null>(null);

  const settle = (request: ImportRequest, job: ImportJob) => {
    if (job.state !== 'queued' && job.state !== 'running') keyRef.current = null;
    setPhase(phaseOf(request, job));
  };

  const submit = async (request: ImportRequest) => {
    const signature = signatureOf(request);
    if (keyRef.current?.signature !== signature) keyRef.current = { signature, key: newIdempotencyKey() };
    setPhase({ step: 'uploading', request });
    try {
      settle(request, await importApi.upload(endpoint, request, keyRef.current.key));
    } catch (error) {
      const refusal = refusalOf(error);
      // A refusal is final for this key; a lost connection or a server error keeps it, so "try again" is safe.
      if (typeof refusal.kind === 'number') keyRef.current = null;
      setPhase({ step: 'choose', refusal });
    }
  };

  const runningJobId = phase.step === 'running' ? phase.job.id : null;
  const runningRequest = phase.step === 'running' ? phase.request : null;
  useEffect(() => {
    if (!runningJobId || !runningRequest) return;
    let cancelled = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const job = await importApi.job(runningJobId);
        if (cancelled) return;
        failures = 0;
        if (job.state === 'queued' || job.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
        else keyRef.current = null;
        setPhase(phaseOf(runningRequest, job));
      } catch (error) {
        if (cancelled) return;
        failures++;
        if (statusOf(error) === 404 || failures >= MAX_POLL_FAILURES) {
          setPhase({ step: 'lost', request: runningRequest });
        } else {
          timer = setTimeout(() => void poll(), POLL_MS);
        }
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [runningJobId, runningRequest]);

  // Once a real import has written its rows, the grid behind the dialog reloads.
  const importedJobId = phase.step === 'completed' && !phase.request.dryRun ? phase.job.id : null;
  const notifiedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!importedJobId || notifiedRef.current === importedJobId) return;
    notifiedRef.current = importedJobId;
    onImported();
  }, [importedJobId, onImported]);

  const chosen = file ? { file, dryRun, mode } : null;
  const busy = phase.step === 'uploading' || phase.step === 'running';

  const chooseStep = phase.step === 'choose' && (
    <Stack spacing={2}>
      <Typography variant="body2">{t('intro')}</Typography>
      {help}
      {noChildData && (
        <Alert severity="info" variant="outlined" role="note">
          {translate('ledger.outcomes.noChildData')}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button variant="outlined" component="label" htmlFor={inputId} startIcon={<UploadFileIcon />}>
          {translate('ledger.imports.chooseFile')}
          <input
            id={inputId}
            type="file"
            hidden
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={translate('ledger.imports.file')}
            onChange={(event) => {
              const picked = event.target.files?.[0] ?? null;
              setFile(picked);
              setDryRun(true);
              setPhase({ step: 'choose' });
              // Choosing the same file again still fires onChange.
              event.target.value = '';
            }}
          />
        </Button>
        <Typography variant="body2" data-testid="import-file-name" color={file ? 'text.primary' : 'text.secondary'}>
          {file
            ? translate('ledger.imports.fileSize', { name: file.name, size: formatSize(file.size) })
            : translate('ledger.imports.noFile')}
        </Typography>
      </Stack>
      <Box>
        <FormControlLabel
          control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />}
          label={translate('ledger.imports.dryRun')}
        />
        <Typography variant="caption" color="text.secondary" component="p" sx={{ ml: 4, mt: -0.5 }}>
          {translate('ledger.imports.dryRunHelp')}
        </Typography>
        {upsert && (
          <>
            <FormControlLabel
              control={
                <Checkbox
                  checked={mode === 'upsert'}
                  onChange={(e) => setMode(e.target.checked ? 'upsert' : 'insert')}
                />
              }
              label={t('upsert')}
              sx={{ mt: 1 }}
            />
            <Typography variant="caption" color="text.secondary" component="p" sx={{ ml: 4, mt: -0.5 }}>
              {t('upsertHelp')}
            </Typography>
          </>
        )}
      </Box>
      {phase.refusal && (
        <Alert severity="error" role="alert">
          <AlertTitle>{t(`refused.${phase.refusal.kind}`)}</AlertTitle>
          {phase.refusal.details.length > 0 ? (
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {phase.refusal.details.map((d, i) => (
                <li key={i}>
                  <Typography variant="body2">{d.message}</Typography>
                </li>
              ))}
            </Box>
          ) : (
            phase.refusal.message && <Typography variant="body2">{phase.refusal.message}</Typography>
          )}
          {phase.refusal.details.some((d) => d.field === 'header') && (
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {t('headerHint')}
            </Typography>
          )}
        </Alert>
      )}
    </Stack>
  );

  const progressStep = (phase.step === 'uploading' || phase.step === 'running') && (
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

  const result = 'job' in phase ? (phase.job.result ?? {}) : {};
  const resultStep =
    phase.step === 'completed' ? (
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
        <ErrorTable job={phase.job} fileName={phase.request.file.name} />
      </Stack>
    ) : phase.step === 'lost' ? (
      <Alert severity="warning" role="alert">
        {translate('ledger.imports.jobLost')}
      </Alert>
    ) : null;

  const backToChoose = () => {
    setFile(null);
    setDryRun(true);
    setPhase({ step: 'choose' });
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
        {chooseStep}
        {progressStep}
        {resultStep}
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
