import { Alert, Box, Button, Chip, Paper, Stack, TextField, Typography, type ChipProps } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { EVALUATION_LIMITS, EVALUATION_MESSAGES, type CommentKind } from '@vocabulary/evaluations';
import { useDateTimeFormat } from '../../common/format';
import { detailsOf } from '../../providers/ledgerApi';
import { useHasPermission } from '../../common/permissions';
import { messageOf } from '../../providers/apiErrors';
import { evaluationApi } from './api';
import { ChangesPanel } from './ChangesPanel';
import type { Evaluation } from './types';

const KIND_COLOR: Record<CommentKind, ChipProps['color']> = {
  comment: 'default',
  submitted: 'info',
  approved: 'success',
  changes_requested: 'warning',
  amended: 'secondary',
};

export const commentsKey = (id: unknown) => ['evaluations', 'comments', String(id)];

/** The review thread, oldest first, and a box to add to it. */
const Thread = ({ evaluation }: { evaluation: Evaluation }) => {
  const translate = useTranslate();
  const formatTime = useDateTimeFormat();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useHasPermission('evaluations:write');
  const canReview = useHasPermission('evaluations:review');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const {
    data,
    isPending,
    error: loadError,
  } = useQuery({
    queryKey: commentsKey(evaluation.id),
    queryFn: () => evaluationApi.comments(evaluation.id),
  });

  const post = async () => {
    if (!body.trim()) {
      setError(translate('ledger.review.emptyComment'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await evaluationApi.addComment(evaluation.id, body);
      setBody('');
      notify('ledger.review.posted', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: commentsKey(evaluation.id) });
    } catch (failure) {
      const field = detailsOf(failure).find((d) => d.field === 'body')?.message;
      setError(field ?? translate(messageOf(failure), { _: messageOf(failure) }));
    } finally {
      setBusy(false);
    }
  };

  if (isPending) return <Loading />;
  if (loadError) return <Alert severity="error">{translate(messageOf(loadError), { _: messageOf(loadError) })}</Alert>;
  const comments = [...(data ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  return (
    <Stack spacing={1.5}>
      <Typography variant="h6" component="h2">
        {translate('ledger.review.thread')}
      </Typography>
      {comments.length === 0 && <Typography variant="body2">{translate('ledger.review.noComments')}</Typography>}
      <Stack
        component="ol"
        spacing={1}
        sx={{ listStyle: 'none', p: 0, m: 0 }}
        aria-label={translate('ledger.review.thread')}
      >
        {comments.map((c) => (
          <Paper component="li" key={c.id} variant="outlined" sx={{ p: 1.5 }} data-comment-kind={c.kind}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
              <Typography variant="subtitle2">{c.authorName}</Typography>
              <Typography variant="body2" color="text.secondary">
                {translate(`ledger.role.${c.authorRole}`, { _: c.authorRole })}
              </Typography>
              <Chip
                size="small"
                color={KIND_COLOR[c.kind] ?? 'default'}
                label={translate(`ledger.commentKind.${c.kind}`, { _: c.kind })}
              />
              <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto' }}>
                {formatTime(c.createdAt)}
              </Typography>
            </Stack>
            {c.body && (
              <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Typography>
            )}
          </Paper>
        ))}
      </Stack>
      {(canWrite || canReview) && (
        <Box>
          <TextField
            label={translate('ledger.review.addComment')}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            multiline
            minRows={2}
            fullWidth
            error={!!error}
            helperText={error ?? EVALUATION_MESSAGES.noChildData}
            slotProps={{ htmlInput: { maxLength: EVALUATION_LIMITS.commentLength } }}
          />
          <Button sx={{ mt: 1 }} variant="outlined" onClick={() => void post()} disabled={busy}>
            {translate('ledger.review.post')}
          </Button>
        </Box>
      )}
    </Stack>
  );
};

/** Review tab: for the reviewer of a submitted evaluation, what changed; for everyone, the thread. */
export const ReviewTab = () => {
  const evaluation = useRecordContext<Evaluation>();
  const canReview = useHasPermission('evaluations:review');
  if (!evaluation) return null;
  return (
    <Stack spacing={3}>
      {canReview && evaluation.status === 'submitted' && <ChangesPanel evaluation={evaluation} />}
      <Thread evaluation={evaluation} />
    </Stack>
  );
};
