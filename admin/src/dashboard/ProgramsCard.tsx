import { Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useNumberFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import type { DashboardData } from './types';

export const ProgramsCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  return (
    <DashboardSection
      title={translate('ledger.dashboard.programs.title')}
      empty={translate('ledger.dashboard.programs.empty')}
      isEmpty={data.programs.length === 0}
      testId="dashboard-programs"
    >
      <Table size="small" aria-label={translate('ledger.dashboard.programs.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.program')}</TableCell>
            <TableCell>{translate('ledger.dashboard.programs.strategy')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.status')}</TableCell>
            <TableCell align="right">{translate('ledger.dashboard.programs.evaluations')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.programs.map((program) => (
            <TableRow key={program.programId}>
              <TableCell>
                <MuiLink component={Link} to={`/programs/${program.programId}/show`}>
                  {program.name}
                </MuiLink>
              </TableCell>
              <TableCell>{translate(`ledger.strategy.${program.strategy}`, { _: program.strategy })}</TableCell>
              <TableCell>{translate(`ledger.programStatus.${program.status}`, { _: program.status })}</TableCell>
              <TableCell align="right">{number(program.evaluations)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </DashboardSection>
  );
};
