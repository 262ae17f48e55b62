import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { EvaluationStatus } from '@vocabulary/evaluations';
import type { Evaluation } from './types';

const COLOR: Record<EvaluationStatus, ChipProps['color']> = {
  draft: 'default',
  submitted: 'info',
  changes_requested: 'warning',
  approved: 'success',
  superseded: 'default',
};

/** The evaluation's workflow status as a coloured chip. */
export const StatusChip = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<Evaluation>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={COLOR[record.status] ?? 'default'}
      variant={record.status === 'superseded' ? 'outlined' : 'filled'}
      label={translate(`ledger.evaluationStatus.${record.status}`, { _: record.status })}
    />
  );
};
