import { Chip, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EVALUATION_STATUSES } from '@vocabulary/evaluations';
import { useNumberFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import type { DashboardData } from './types';

export const StatusCountsCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  const total = EVALUATION_STATUSES.reduce((sum, s) => sum + (data.evaluationsByStatus[s] ?? 0), 0);
  return (
    <DashboardSection
      title={translate('ledger.dashboard.byStatus.title')}
      empty={translate(`ledger.dashboard.byStatus.empty.${data.role === 'coordinator' ? 'coordinator' : 'other'}`)}
      isEmpty={total === 0}
      testId="dashboard-by-status"
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {EVALUATION_STATUSES.map((status) => (
          <Chip
            key={status}
            variant={(data.evaluationsByStatus[status] ?? 0) > 0 ? 'filled' : 'outlined'}
            label={`${translate(`ledger.evaluationStatus.${status}`)}: ${number(data.evaluationsByStatus[status] ?? 0)}`}
          />
        ))}
      </Stack>
    </DashboardSection>
  );
};
