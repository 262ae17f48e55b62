import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useTranslate } from 'react-admin';
import { evaluationApi } from './api';
import { commentsKey } from './ReviewTab';
import type { Evaluation } from './types';

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
export const StatusBanner = () => {
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
