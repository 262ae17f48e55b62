import { Alert, Box, Paper, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useGetMany, useTranslate, type Identifier } from 'react-admin';
import { useDisaggregationLabel } from '../../common/disaggregation';
import { useDateTimeFormat } from '../../common/format';
import { messageOf } from '../../providers/apiErrors';
import { evaluationApi } from './api';
import type { Evaluation, IndicatorRecord, MeasurementSnapshot } from './types';

const VALUE_FIELDS = ['n', 'events', 'mean', 'sd', 'value', 'timepointLabel', 'measuredOn'] as const;

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** The reviewer's "what changed since the last submission" (or since the approved revision, for an amendment). */
export const ChangesPanel = ({ evaluation }: { evaluation: Evaluation }) => {
  const translate = useTranslate();
  const formatTime = useDateTimeFormat();
  const disaggregationLabel = useDisaggregationLabel();
  const { data, isPending, error } = useQuery({
    queryKey: ['evaluations', 'changes', String(evaluation.id), evaluation.version],
    queryFn: () => evaluationApi.changes(evaluation.id),
  });
  const m = data?.measurements;
  const all = [...(m?.added ?? []), ...(m?.removed ?? []), ...(m?.changed ?? []).map((c) => c.key)];
  const indicatorIds = [...new Set(all.map((x) => x.indicatorId).filter((id): id is Identifier => id != null))];
  const { data: indicators } = useGetMany<IndicatorRecord>(
    'indicators',
    { ids: indicatorIds },
    { enabled: indicatorIds.length > 0 },
  );
  const indicatorIdSet = new Set(['primaryIndicatorIds', 'registeredPrimaryIndicatorIds']);
  const codeOf = (id: unknown) => indicators?.find((i) => String(i.id) === String(id))?.code ?? `#${show(id)}`;

  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{translate(messageOf(error), { _: messageOf(error) })}</Alert>;
  if (!data) return null;

  const where = (x: MeasurementSnapshot) => {
    const parts = [
      codeOf(x.indicatorId),
      translate(`ledger.arm.${show(x.arm)}`, { _: show(x.arm) }),
      translate(`ledger.timepoint.${show(x.timepoint)}`, { _: show(x.timepoint) }),
    ];
    const breakdown = disaggregationLabel({
      sex: x.sex ?? 'total',
      ageBand: x.ageBand ?? 'total',
      region: x.region ?? 'total',
    });
    if (breakdown) parts.push(breakdown);
    return parts.join(' · ');
  };
  const numbers = (x: MeasurementSnapshot) =>
    VALUE_FIELDS.filter((f) => x[f] !== null && x[f] !== undefined && x[f] !== '')
      .map((f) => `${translate(`ledger.outcomes.field.${f}`, { _: f })} ${show(x[f])}`)
      .join(', ');

  const lines: string[] = [
    ...data.fields.map(
      (f) =>
        `${translate(`resources.evaluations.fields.${f.field}`, { _: f.field })}: ${
          indicatorIdSet.has(f.field) && Array.isArray(f.before) && Array.isArray(f.after)
            ? `${f.before.map(codeOf).join(', ') || '—'} → ${f.after.map(codeOf).join(', ') || '—'}`
            : `${show(f.before)} → ${show(f.after)}`
        }`,
    ),
    ...data.measurements.changed.map(
      (c) =>
        `${where(c.key)}: ${Object.keys(c.after)
          .map((f) => `${translate(`ledger.outcomes.field.${f}`, { _: f })} ${show(c.before[f])} → ${show(c.after[f])}`)
          .join(', ')}`,
    ),
    ...data.measurements.added.map((x) => translate('ledger.review.added', { where: where(x), numbers: numbers(x) })),
    ...data.measurements.removed.map((x) =>
      translate('ledger.review.removed', { where: where(x), numbers: numbers(x) }),
    ),
  ];

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="changes-title">
      <Typography variant="h6" component="h2" id="changes-title">
        {translate('ledger.review.changesTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {data.since
          ? translate('ledger.review.since', {
              revision: data.since.revision,
              time: formatTime(data.since.submittedAt),
            })
          : translate('ledger.review.firstSubmission')}
      </Typography>
      {data.since && lines.length === 0 && (
        <Typography variant="body2">{translate('ledger.review.noChanges')}</Typography>
      )}
      {data.since && lines.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="changes">
          {lines.map((line, i) => (
            <li key={i}>
              <Typography variant="body2">{line}</Typography>
            </li>
          ))}
        </Box>
      )}
    </Paper>
  );
};
