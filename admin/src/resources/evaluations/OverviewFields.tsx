import { Stack, Typography } from '@mui/material';
import { Labeled, Link, NumberField, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { DESIGN_ARMS } from '@vocabulary/evaluations';
import type { Evaluation } from './types';

/** Planned and achieved size per arm of the design. */
export const SizesField = (_props: { label?: string }) => {
  const record = useRecordContext<Evaluation>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack spacing={0.25}>
      {(DESIGN_ARMS[record.design] ?? []).map((arm) => (
        <Typography key={arm} variant="body2">
          {translate('ledger.evaluations.sizesLine', {
            arm: translate(`ledger.arm.${arm}`),
            planned: record.plannedSizes?.[arm] ?? '—',
            achieved: record.achievedSizes?.[arm] ?? '—',
          })}
        </Typography>
      ))}
    </Stack>
  );
};

export const RevisionField = (_props: { label?: string }) => {
  const record = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Typography variant="body2" component="div">
      {record.revision}
      {record.previousRevisionId && (
        <>
          {' · '}
          <Link to={createPath({ resource: 'evaluations', type: 'show', id: record.previousRevisionId })}>
            {translate('ledger.evaluations.previousRevision', { revision: record.revision - 1 })}
          </Link>
        </>
      )}
      {record.nextRevisionId && (
        <>
          {' · '}
          <Link to={createPath({ resource: 'evaluations', type: 'show', id: record.nextRevisionId })}>
            {translate('ledger.evaluations.nextRevision', { revision: record.revision + 1 })}
          </Link>
        </>
      )}
    </Typography>
  );
};

export const CorrelationField = (_props: { label?: string }) => {
  const record = useRecordContext<Evaluation>();
  if (record?.design !== 'pre_post') return null;
  return (
    <Labeled source="prePostCorrelation" resource="evaluations">
      <NumberField source="prePostCorrelation" />
    </Labeled>
  );
};
