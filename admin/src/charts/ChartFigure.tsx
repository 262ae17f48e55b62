import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useId, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
  /** Columns (by index) aligned right: numbers. */
  numeric?: number[];
}

/**
 * A chart with its text alternative: the drawing is hidden from assistive technology, the
 * caption says in words what it shows, and the same numbers are one click away as a table.
 */
export const ChartFigure = ({
  title,
  summary,
  table,
  height = 220,
  testId,
  children,
}: {
  title: string;
  summary: string;
  table: ChartTable;
  height?: number;
  testId?: string;
  children: ReactNode;
}) => {
  const translate = useTranslate();
  const captionId = useId();
  return (
    <Box component="figure" aria-labelledby={captionId} data-testid={testId} sx={{ m: 0, minWidth: 0 }}>
      <Typography id={captionId} component="figcaption" variant="subtitle2">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="chart-summary">
        {summary}
      </Typography>
      <Box aria-hidden sx={{ height, mt: 1 }}>
        {children}
      </Box>
      <Box component="details" sx={{ mt: 0.5, '& summary': { cursor: 'pointer', fontSize: 14 } }}>
        <Typography component="summary" variant="body2">
          {translate('ledger.charts.showTable')}
        </Typography>
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              {table.columns.map((column, i) => (
                <TableCell key={column} align={table.numeric?.includes(i) ? 'right' : 'left'}>
                  {column}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((row, r) => (
              <TableRow key={r}>
                {row.map((cell, i) => (
                  <TableCell key={i} align={table.numeric?.includes(i) ? 'right' : 'left'}>
                    {cell}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};
