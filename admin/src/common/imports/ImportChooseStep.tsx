import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, AlertTitle, Box, Button, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import { useId, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { formatSize } from './formatSize';
import type { ImportMode } from './importApi';
import type { Refusal } from './importPhase';
import { useImportTranslate } from './useImportTranslate';

/** The first step: the file, "check only" (dry run), "replace existing" (upsert), and why the last upload was refused. */
export const ImportChooseStep = ({
  messages,
  help,
  noChildData,
  upsert,
  file,
  onFile,
  dryRun,
  onDryRun,
  mode,
  onMode,
  refusal,
}: {
  messages: string;
  help?: ReactNode;
  noChildData: boolean;
  upsert: boolean;
  file: File | null;
  onFile: (file: File | null) => void;
  dryRun: boolean;
  onDryRun: (dryRun: boolean) => void;
  mode: ImportMode;
  onMode: (mode: ImportMode) => void;
  refusal?: Refusal;
}) => {
  const translate = useTranslate();
  const t = useImportTranslate(messages);
  const inputId = useId();
  return (
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
              onFile(picked);
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
          control={<Checkbox checked={dryRun} onChange={(e) => onDryRun(e.target.checked)} />}
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
                  onChange={(e) => onMode(e.target.checked ? 'upsert' : 'insert')}
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
      {refusal && (
        <Alert severity="error" role="alert">
          <AlertTitle>{t(`refused.${refusal.kind}`)}</AlertTitle>
          {refusal.details.length > 0 ? (
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {refusal.details.map((d, i) => (
                <li key={i}>
                  <Typography variant="body2">{d.message}</Typography>
                </li>
              ))}
            </Box>
          ) : (
            refusal.message && <Typography variant="body2">{refusal.message}</Typography>
          )}
          {refusal.details.some((d) => d.field === 'header') && (
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {t('headerHint')}
            </Typography>
          )}
        </Alert>
      )}
    </Stack>
  );
};
