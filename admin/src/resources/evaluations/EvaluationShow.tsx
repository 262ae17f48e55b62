import { Alert, AlertTitle, Box, Stack, Typography } from '@mui/material';
import {
  ChipField,
  DateField,
  Labeled,
  Link,
  Loading,
  NumberField,
  ReferenceArrayField,
  ReferenceField,
  SelectField,
  Show,
  SingleFieldList,
  TabbedShowLayout,
  TextField,
  useCreatePath,
  useGetMany,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { DESIGN_ARMS } from '@vocabulary/evaluations';
import { HistoryTab } from '../../common/HistoryTab';
import { useHasPermission } from '../../common/permissions';
import { designChoices, evaluatorTypeChoices } from './choices';
import { OutcomesTab } from './OutcomesTab';
import { evaluationApi } from './api';
import { commentsKey, ReviewTab } from './ReviewTab';
import { StatusChip } from './StatusChip';
import type { Evaluation, IndicatorRecord } from './types';
import { WorkflowActions } from './WorkflowActions';

// Effect sizes and the rating load only when their tab is opened.
const EffectsTab = lazy(() => import('./EffectsTab'));

/** The reviewer's latest "changes requested" comment, quoted in the banner so the coordinator sees it at once. */
const LatestRequest = ({ evaluation }: { evaluation: Evaluation }) => {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: commentsKey(evaluation.id),
    queryFn: () => evaluationApi.comments(evaluation.id),
  });
  const request = [...(data ?? [])].reverse().find((c) => c.kind === 'changes_requested' && c.body);
  if (!request) return null;
  return (
    <Box component="blockquote" sx={{ m: 0, mt: 1, pl: 1.5, borderLeft: 3, borderColor: 'warning.main' }}>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {request.body}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('ledger.evaluations.requestedBy', { name: request.authorName })}
      </Typography>
    </Box>
  );
};

/** Where the evaluation stands in the workflow, and what that means for editing. */
const StatusBanner = () => {
  const record = useRecordContext<Evaluation>();
  const translate = useTranslate();
  if (!record) return null;
  const severity =
    record.status === 'changes_requested' ? 'warning' : record.status === 'approved' ? 'success' : 'info';
  return (
    <Alert severity={severity} sx={{ mx: 2, mt: 2 }} data-testid="status-banner">
      <AlertTitle>
        {translate('ledger.evaluations.statusTitle', {
          status: translate(`ledger.evaluationStatus.${record.status}`),
          revision: record.revision,
        })}
      </AlertTitle>
      {translate(
        record.status === 'draft' && record.previousRevisionId
          ? 'ledger.evaluations.statusHelp.amendment'
          : record.status === 'submitted' && !record.grantId
            ? 'ledger.evaluations.statusHelp.submittedNoGrant'
            : `ledger.evaluations.statusHelp.${record.status}`,
      )}
      {!record.grantId && record.status === 'draft' && <> {translate('ledger.evaluations.noGrantNote')}</>}
      {record.status === 'changes_requested' && <LatestRequest evaluation={record} />}
    </Alert>
  );
};

/** Primary outcomes added or dropped against the pre-registration (amendments). */
const OutcomeSwitchingBanner = () => {
  const record = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const switching = record?.outcomeSwitching;
  const ids = [...(switching?.added ?? []), ...(switching?.removed ?? [])];
  const { data } = useGetMany<IndicatorRecord>('indicators', { ids }, { enabled: ids.length > 0 });
  if (!switching || ids.length === 0) return null;
  const name = (id: unknown) => {
    const i = data?.find((x) => String(x.id) === String(id));
    return i ? `${i.code} — ${i.name}` : `#${String(id)}`;
  };
  return (
    <Alert severity="warning" sx={{ mx: 2, mt: 2 }} data-testid="outcome-switching">
      <AlertTitle>{translate('ledger.evaluations.switchingTitle')}</AlertTitle>
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        {translate('ledger.evaluations.switchingHelp')}
      </Typography>
      {switching.added.length > 0 && (
        <Typography variant="body2">
          <strong>{translate('ledger.evaluations.switchingAdded')}</strong> {switching.added.map(name).join('; ')}
        </Typography>
      )}
      {switching.removed.length > 0 && (
        <Typography variant="body2">
          <strong>{translate('ledger.evaluations.switchingRemoved')}</strong> {switching.removed.map(name).join('; ')}
        </Typography>
      )}
    </Alert>
  );
};

/** Planned and achieved size per arm of the design. */
const SizesField = (_props: { label?: string }) => {
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

const RevisionField = (_props: { label?: string }) => {
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

const CorrelationField = (_props: { label?: string }) => {
  const record = useRecordContext<Evaluation>();
  if (record?.design !== 'pre_post') return null;
  return (
    <Labeled source="prePostCorrelation" resource="evaluations">
      <NumberField source="prePostCorrelation" />
    </Labeled>
  );
};

const Overview = () => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
    <Stack spacing={1.5}>
      <TextField source="title" variant="h5" />
      <Labeled source="status" resource="evaluations">
        <Box>
          <StatusChip />
        </Box>
      </Labeled>
      <Labeled label="resources.evaluations.fields.revision">
        <RevisionField />
      </Labeled>
      <Labeled source="programId" resource="evaluations">
        <ReferenceField source="programId" reference="programs" link="show" />
      </Labeled>
      <Labeled source="grantId" resource="evaluations">
        <ReferenceField source="grantId" reference="grants" link="show" emptyText="ledger.evaluations.noGrant" />
      </Labeled>
      <Labeled source="design" resource="evaluations">
        <SelectField source="design" choices={designChoices} />
      </Labeled>
      <Labeled source="evaluatorType" resource="evaluations">
        <SelectField source="evaluatorType" choices={evaluatorTypeChoices} />
      </Labeled>
      <Labeled source="evaluatorName" resource="evaluations">
        <TextField source="evaluatorName" emptyText="—" />
      </Labeled>
      <Stack direction="row" spacing={4}>
        <Labeled source="startDate" resource="evaluations">
          <DateField source="startDate" />
        </Labeled>
        <Labeled source="endDate" resource="evaluations">
          <DateField source="endDate" emptyText="—" />
        </Labeled>
      </Stack>
    </Stack>
    <Stack spacing={1.5}>
      <Labeled label="ledger.evaluations.sample">
        <SizesField />
      </Labeled>
      <CorrelationField />
      <Labeled source="primaryIndicatorIds" resource="evaluations">
        <ReferenceArrayField source="primaryIndicatorIds" reference="indicators">
          <SingleFieldList linkType="show" empty={<span>—</span>}>
            <ChipField source="code" size="small" />
          </SingleFieldList>
        </ReferenceArrayField>
      </Labeled>
      <Labeled source="summary" resource="evaluations">
        <TextField source="summary" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
      </Labeled>
      <Labeled source="limitations" resource="evaluations">
        <TextField source="limitations" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
      </Labeled>
      <Stack direction="row" spacing={4}>
        <Labeled source="submittedAt" resource="evaluations">
          <DateField source="submittedAt" showTime emptyText="—" />
        </Labeled>
        <Labeled source="reviewedAt" resource="evaluations">
          <DateField source="reviewedAt" showTime emptyText="—" />
        </Labeled>
        <Labeled source="updatedAt" resource="evaluations">
          <DateField source="updatedAt" showTime />
        </Labeled>
      </Stack>
    </Stack>
  </Box>
);

export const EvaluationShow = () => {
  const canReadHistory = useHasPermission('history:read');
  return (
    <Show actions={<WorkflowActions />}>
      <StatusBanner />
      <OutcomeSwitchingBanner />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="ledger.tabs.overview">
          <Overview />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.outcomes" path="outcomes">
          <OutcomesTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.effects" path="effects">
          <Suspense fallback={<Loading />}>
            <EffectsTab />
          </Suspense>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.review" path="review">
          <ReviewTab />
        </TabbedShowLayout.Tab>
        {canReadHistory && (
          <TabbedShowLayout.Tab label="ledger.tabs.history" path="history">
            <HistoryTab subjectType="evaluation" />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
