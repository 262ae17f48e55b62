import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Stack } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { Button, type Identifier } from 'react-admin';
import { DownloadMenuButton } from '../../../common/DownloadMenuButton';
import { startDownload } from '../../../common/serverExport';
import { templateUrl } from './importApi';

// The dialog, its progress and error table load when it is first opened.
const ImportDialog = lazy(() => import('./ImportDialog'));

/** "Download template" and "Import from file" above an editable outcome grid. */
export const ImportButtons = ({ evaluationId, onImported }: { evaluationId: Identifier; onImported: () => void }) => {
  const [open, setOpen] = useState(false);
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', mb: 2 }} useFlexGap>
      <DownloadMenuButton
        label="ledger.imports.template"
        variant="outlined"
        choices={[
          {
            label: 'ledger.imports.templateCsv',
            help: 'ledger.imports.templateCsvHelp',
            onSelect: () => startDownload(templateUrl(evaluationId, 'csv')),
          },
          {
            label: 'ledger.imports.templateXlsx',
            help: 'ledger.imports.templateXlsxHelp',
            onSelect: () => startDownload(templateUrl(evaluationId, 'xlsx')),
          },
        ]}
      />
      <Button label="ledger.imports.open" variant="outlined" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog
            evaluationId={evaluationId}
            onImported={onImported}
            onClose={() => {
              setOpen(false);
              onImported();
            }}
          />
        </Suspense>
      )}
    </Stack>
  );
};
