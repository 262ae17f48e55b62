import DownloadIcon from '@mui/icons-material/Download';
import {
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
import { downloadText, fileSafe, toCsv } from '../download';
import type { ImportJob } from './importApi';

/** The row problems of a failed import, with a CSV download of what is listed. */
export const ImportErrorTable = ({ job, fileName }: { job: ImportJob; fileName: string }) => {
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
