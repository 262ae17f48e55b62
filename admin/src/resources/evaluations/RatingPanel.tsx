import CheckIcon from '@mui/icons-material/Check';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
  type ChipProps,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Loading, useNotify, useTranslate } from 'react-admin';
import { analysisApi, ratingKey } from '../../analysis/api';
import { EVIDENCE_RATINGS, type EvidenceRating, type RatingState } from '../../analysis/types';
import { useDateTimeFormat } from '../../common/format';
import { detailsOf } from '../../providers/ledgerApi';
import { useHasPermission } from '../../common/permissions';
import { messageOf, statusOf } from '../../providers/apiErrors';
import type { Evaluation } from './types';

/** The reviewer decides the rating while the evaluation is in review or once it is approved. */
const RATEABLE: readonly string[] = ['submitted', 'approved'];

const RATING_COLOR: Record<EvidenceRating, ChipProps['color']> = {
  effective: 'success',
  promising: 'info',
  no_effects: 'warning',
  insufficient: 'default',
};

const RatingChip = ({ rating, testId }: { rating: EvidenceRating; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Chip
      color={RATING_COLOR[rating] ?? 'default'}
      label={translate(`ledger.rating.${rating}`, { _: rating })}
      data-testid={testId}
    />
  );
};

/** Who decided, from whatever the server sends: a name, or a user record, or an id. */
const nameOf = (who: unknown): string | null => {
  if (typeof who === 'string' && who) return who;
  if (typeof who === 'number') return `#${who}`;
  if (who && typeof who === 'object') {
    const record = who as Record<string, unknown>;
    const name = record.displayName ?? record.name ?? record.fullName;
    if (typeof name === 'string') return name;
  }
  return null;
};

/** The reviewer's decision as it stands: confirmed, overridden with a reason, or still open. */
const Decision = ({ state }: { state: RatingState }) => {
  const translate = useTranslate();
  const formatTime = useDateTimeFormat();
  const who = nameOf(state.decidedBy) ?? translate('ledger.ratingPanel.someone');
  const when = formatTime(state.decidedAt);
  if (state.override) {
    return (
      <Alert severity="warning" data-testid="rating-decision">
        <AlertTitle>
          {translate('ledger.ratingPanel.overridden', {
            rating: translate(`ledger.rating.${state.override.rating}`),
            who,
            when,
          })}
        </AlertTitle>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {translate('ledger.ratingPanel.overrideReason', { reason: state.override.reason })}
        </Typography>
      </Alert>
    );
  }
  if (state.confirmed) {
    return (
      <Alert severity="success" data-testid="rating-decision">
        {translate('ledger.ratingPanel.confirmed', {
          rating: translate(`ledger.rating.${state.confirmed}`),
          who,
          when,
        })}
      </Alert>
    );
  }
  return (
    <Alert severity="info" data-testid="rating-decision">
      {translate('ledger.ratingPanel.undecided')}
    </Alert>
  );
};

/** Confirm the suggestion, or choose another rating with a written reason. Refusals are shown in place. */
const ReviewerControls = ({ evaluation, state }: { evaluation: Evaluation; state: RatingState }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [overriding, setOverriding] = useState(false);
  const [rating, setRating] = useState<EvidenceRating>(state.suggested);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = rating !== state.suggested;
  const alreadyConfirmed = state.confirmed === state.suggested && !state.override;

  const save = async (chosen: EvidenceRating, why: string) => {
    if (chosen !== state.suggested && !why.trim()) {
      setReasonError(translate('ledger.ratingPanel.reasonRequired'));
      return;
    }
    setBusy(true);
    setFailure(null);
    setReasonError(null);
    try {
      await analysisApi.setRating(evaluation.id, { rating: chosen, reason: why, version: state.version });
      notify(chosen === state.suggested ? 'ledger.ratingPanel.savedConfirm' : 'ledger.ratingPanel.savedOverride', {
        type: 'success',
      });
      setOverriding(false);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ratingKey(evaluation.id) });
    } catch (error) {
      const status = statusOf(error);
      const fieldMessage = detailsOf(error).find((d) => d.field === 'reason')?.message;
      if (fieldMessage) setReasonError(fieldMessage);
      const message = translate(messageOf(error), { _: messageOf(error) });
      setFailure(
        status === 403 || status === 404 ? `${translate('ledger.ratingPanel.notAllowed')} ${message}` : message,
      );
      if (status === 409) await queryClient.invalidateQueries({ queryKey: ratingKey(evaluation.id) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1.5} data-testid="rating-controls">
      {failure && (
        <Alert severity="error" role="alert">
          {failure}
        </Alert>
      )}
      {!overriding && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {!alreadyConfirmed && (
            <Button
              variant="contained"
              startIcon={<CheckIcon />}
              disabled={busy}
              onClick={() => void save(state.suggested, '')}
            >
              {translate('ledger.ratingPanel.confirm', { rating: translate(`ledger.rating.${state.suggested}`) })}
            </Button>
          )}
          <Button variant="outlined" disabled={busy} onClick={() => setOverriding(true)}>
            {translate('ledger.ratingPanel.override')}
          </Button>
        </Stack>
      )}
      {overriding && (
        <Box
          component="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save(rating, reason);
          }}
        >
          <Stack spacing={2} sx={{ maxWidth: 560 }}>
            <Typography variant="body2">{translate('ledger.ratingPanel.overrideHelp')}</Typography>
            <TextField
              select
              label={translate('ledger.ratingPanel.rating')}
              value={rating}
              onChange={(event) => {
                setRating(event.target.value as EvidenceRating);
                setReasonError(null);
              }}
            >
              {EVIDENCE_RATINGS.map((r) => (
                <MenuItem key={r} value={r}>
                  {translate(`ledger.rating.${r}`)}
                  {r === state.suggested ? ` ${translate('ledger.ratingPanel.suggestedMark')}` : ''}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={translate(
                needsReason ? 'ledger.ratingPanel.reasonRequiredLabel' : 'ledger.ratingPanel.reasonLabel',
              )}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                setReasonError(null);
              }}
              multiline
              minRows={3}
              required={needsReason}
              error={!!reasonError}
              helperText={reasonError ?? translate('ledger.ratingPanel.reasonHelp')}
            />
            <Stack direction="row" spacing={1}>
              <Button type="submit" variant="contained" disabled={busy}>
                {translate('ledger.ratingPanel.save')}
              </Button>
              <Button
                disabled={busy}
                onClick={() => {
                  setOverriding(false);
                  setReasonError(null);
                  setFailure(null);
                }}
              >
                {translate('ra.action.cancel')}
              </Button>
            </Stack>
          </Stack>
        </Box>
      )}
    </Stack>
  );
};

/** The suggested evidence rating with its reasons, the reviewer's decision, and (for reviewers) the controls. */
export const RatingPanel = ({ evaluation }: { evaluation: Evaluation }) => {
  const translate = useTranslate();
  const canReview = useHasPermission('evaluations:review');
  const titleId = useId();
  const { data, isPending, error } = useQuery({
    queryKey: ratingKey(evaluation.id),
    queryFn: () => analysisApi.rating(evaluation.id),
    retry: false,
  });
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={titleId} data-testid="rating-panel">
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2" id={titleId}>
          {translate('ledger.ratingPanel.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('ledger.ratingPanel.intro')}
        </Typography>
        {isPending ? (
          <Loading />
        ) : error ? (
          <Alert severity="error">{translate(messageOf(error), { _: messageOf(error) })}</Alert>
        ) : (
          <>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="subtitle1">{translate('ledger.ratingPanel.suggested')}</Typography>
              <RatingChip rating={data.suggested} testId="rating-suggested" />
            </Stack>
            {data.reasons.length > 0 && (
              <Box>
                <Typography variant="subtitle2" component="h3">
                  {translate('ledger.ratingPanel.reasons')}
                </Typography>
                <ul style={{ margin: 0, paddingLeft: '1.2em' }} data-testid="rating-reasons">
                  {data.reasons.map((reason, i) => (
                    <li key={i}>
                      <Typography variant="body2">{reason}</Typography>
                    </li>
                  ))}
                </ul>
              </Box>
            )}
            <Decision state={data} />
            {canReview && RATEABLE.includes(evaluation.status) && (
              <ReviewerControls key={String(data.version ?? '')} evaluation={evaluation} state={data} />
            )}
            {canReview && !RATEABLE.includes(evaluation.status) && (
              <Typography variant="body2" color="text.secondary" data-testid="rating-not-yet">
                {translate('ledger.ratingPanel.notYet')}
              </Typography>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
};
