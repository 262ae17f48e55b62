import DownloadIcon from '@mui/icons-material/Download';
import {
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { downloadText, toCsv } from '../download';

export interface ImportColumn {
  /** The column's header in the file. */
  name: string;
  required?: boolean;
  /** What the column holds, already translated. */
  help: string;
}

/**
 * The columns an import expects (for imports without a server template), and a CSV with that header to
 * start from, optionally with rows already filled in.
 */
export const ImportColumns = ({
  columns,
  template,
}: {
  columns: ImportColumn[];
  template?: { fileName: string; rows?: (string | number | null)[][] };
}) => {
  const translate = useTranslate();
  const download = () =>
    template &&
    downloadText(
      template.fileName,
      'text/csv;charset=utf-8',
      '\uFEFF' +
        toCsv(
          columns.map((c) => c.name),
          template.rows ?? [],
        ),
    );
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="subtitle2" component="h3">
          {translate('ledger.imports.columnsTitle')}
        </Typography>
        {template && (
          <Button size="small" variant="outlined" startIcon={<DownloadIcon />} onClick={download} sx={{ ml: 'auto' }}>
            {translate(template.rows?.length ? 'ledger.imports.startingFile' : 'ledger.imports.emptyFile')}
          </Button>
        )}
      </Stack>
      <TableContainer sx={{ maxHeight: 260, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" stickyHeader aria-label={translate('ledger.imports.columnsTitle')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('ledger.imports.column')}</TableCell>
              <TableCell>{translate('ledger.imports.columnHelp')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {columns.map((c) => (
              <TableRow key={c.name} sx={{ verticalAlign: 'top' }}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Box component="code" sx={{ fontFamily: 'monospace' }}>
                    {c.name}
                  </Box>
                  {c.required && (
                    <Typography variant="caption" color="text.secondary" component="span">
                      {' '}
                      {translate('ledger.imports.required')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{c.help}</Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
};
