import CheckIcon from '@mui/icons-material/Check';
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EVIDENCE_RATINGS, type EvidenceRating, type RatingState } from '../../analysis/types';
import type { Evaluation } from './types';
import { useRatingDecision } from './useRatingDecision';

/** Confirm the suggestion, or choose another rating with a written reason. Refusals are shown in place. */
export const ReviewerControls = ({ evaluation, state }: { evaluation: Evaluation; state: RatingState }) => {
  const translate = useTranslate();
  const form = useRatingDecision(evaluation, state);

  return (
    <Stack spacing={1.5} data-testid="rating-controls">
      {form.failure && (
        <Alert severity="error" role="alert">
          {form.failure}
        </Alert>
      )}
      {!form.overriding && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {!form.alreadyConfirmed && (
            <Button
              variant="contained"
              startIcon={<CheckIcon />}
              disabled={form.busy}
              onClick={() => void form.save(state.suggested, '')}
            >
              {translate('ledger.ratingPanel.confirm', { rating: translate(`ledger.rating.${state.suggested}`) })}
            </Button>
          )}
          <Button variant="outlined" disabled={form.busy} onClick={() => form.setOverriding(true)}>
            {translate('ledger.ratingPanel.override')}
          </Button>
        </Stack>
      )}
      {form.overriding && (
        <Box
          component="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.save(form.rating, form.reason);
          }}
        >
          <Stack spacing={2} sx={{ maxWidth: 560 }}>
            <Typography variant="body2">{translate('ledger.ratingPanel.overrideHelp')}</Typography>
            <TextField
              select
              label={translate('ledger.ratingPanel.rating')}
              value={form.rating}
              onChange={(event) => {
                form.setRating(event.target.value as EvidenceRating);
                form.setReasonError(null);
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
                form.needsReason ? 'ledger.ratingPanel.reasonRequiredLabel' : 'ledger.ratingPanel.reasonLabel',
              )}
              value={form.reason}
              onChange={(event) => {
                form.setReason(event.target.value);
                form.setReasonError(null);
              }}
              multiline
              minRows={3}
              required={form.needsReason}
              error={!!form.reasonError}
              helperText={form.reasonError ?? translate('ledger.ratingPanel.reasonHelp')}
            />
            <Stack direction="row" spacing={1}>
              <Button type="submit" variant="contained" disabled={form.busy}>
                {translate('ledger.ratingPanel.save')}
              </Button>
              <Button
                disabled={form.busy}
                onClick={() => {
                  form.setOverriding(false);
                  form.setReasonError(null);
                  form.setFailure(null);
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
