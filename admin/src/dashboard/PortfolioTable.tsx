import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useNumberFormat } from '../common/format';
import { usePortfolioAmounts } from './portfolioAmounts';
import type { PortfolioRow } from './types';

export const PortfolioTable = <T extends PortfolioRow>({
  label,
  rows,
  name,
}: {
  label: string;
  rows: T[];
  name: (row: T) => string;
}) => {
  const translate = useTranslate();
  const amounts = usePortfolioAmounts();
  const number = useNumberFormat();
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{label}</TableCell>
          <TableCell align="right">{translate('ledger.dashboard.columns.grants')}</TableCell>
          <TableCell align="right">{translate('ledger.dashboard.columns.amount')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={name(row)}>
            <TableCell>{name(row)}</TableCell>
            <TableCell align="right">{number(row.grants)}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {amounts(row)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
