import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { downloadText } from '../common/download';
import { useHasPermission } from '../common/permissions';
import { AnalysisSection } from './AnalysisSection';
import { FitWidth } from './FitWidth';
import { studiesCsv } from './studiesCsv';
import { isRatio, type PooledResult } from './types';
import { usePooledFormat } from './usePooledFormat';
import { WithheldRows } from './Withheld';

/** The pooled studies, one row each, with a CSV download (`studies-<baseName>.csv`). */
export const StudyTable = ({ result, baseName }: { result: PooledResult; baseName: string }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const canOpenEvaluations = useHasPermission('evaluations:read');
  const { measure } = result;
  const { format, shown, interval } = usePooledFormat(measure);
  const downloadCsv = () => downloadText(`studies-${baseName}.csv`, 'text/csv;charset=utf-8', studiesCsv(result));
  return (
    <AnalysisSection nested title={translate('ledger.analysis.studiesTitle')}>
      <FitWidth>
        <Table size="small" aria-label={translate('ledger.analysis.studiesTitle')} data-testid="study-table">
          <TableHead>
            <TableRow>
              <TableCell>{translate('ledger.forest.study')}</TableCell>
              <TableCell align="right">{translate('ledger.analysis.yi', { measure })}</TableCell>
              <TableCell align="right">{translate('ledger.analysis.se')}</TableCell>
              <TableCell>{translate('ledger.forest.estimateHeader', { measure })}</TableCell>
              <TableCell align="right">{translate('ledger.forest.weight')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.studies.map((s) => (
              <TableRow key={String(s.evaluationId)} data-testid="study-row">
                <TableCell>
                  {canOpenEvaluations ? (
                    <Link to={createPath({ resource: 'evaluations', type: 'show', id: s.evaluationId })}>
                      {s.label}
                    </Link>
                  ) : (
                    s.label
                  )}
                </TableCell>
                <TableCell align="right">{format.fixed(s.yi, 4)}</TableCell>
                <TableCell align="right">{format.fixed(Math.sqrt(s.vi), 4)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {shown(s.yi)} {interval(s.ciLow, s.ciHigh)}
                </TableCell>
                <TableCell align="right">{format.percent(s.weight / 100)}</TableCell>
              </TableRow>
            ))}
            <WithheldRows withheld={result.withheld ?? []} columns={5} />
          </TableBody>
        </Table>
      </FitWidth>
      <Box>
        <Button variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCsv}>
          {translate('ledger.analysis.downloadCsv')}
        </Button>
      </Box>
      {isRatio(measure) && (
        <Typography variant="caption" color="text.secondary">
          {translate('ledger.analysis.yiHelpRatio')}
        </Typography>
      )}
    </AnalysisSection>
  );
};
