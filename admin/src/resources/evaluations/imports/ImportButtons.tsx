import { Stack } from '@mui/material';
import type { Identifier } from 'react-admin';
import { DownloadMenuButton } from '../../../common/DownloadMenuButton';
import { ImportButton } from '../../../common/imports/ImportButton';
import { startDownload } from '../../../common/serverExport';

const base = (id: Identifier) => `/api/evaluations/${encodeURIComponent(id)}`;

export const templateUrl = (evaluationId: Identifier, format: 'csv' | 'xlsx') =>
  `${base(evaluationId)}/import-template?format=${format}`;

/** "Download template" and "Import from file" above an editable outcome grid. */
export const ImportButtons = ({ evaluationId, onImported }: { evaluationId: Identifier; onImported: () => void }) => (
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
    <ImportButton
      label="ledger.imports.open"
      endpoint={`/evaluations/${encodeURIComponent(evaluationId)}/imports`}
      onImported={onImported}
    />
  </Stack>
);
