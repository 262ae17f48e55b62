import { Alert, AlertTitle, Chip, Typography, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { EvidenceRating, RatingState } from '../../analysis/types';
import { useDateTimeFormat } from '../../common/format';

const RATING_COLOR: Record<EvidenceRating, ChipProps['color']> = {
  effective: 'success',
  promising: 'info',
  no_effects: 'warning',
  insufficient: 'default',
};

export const RatingChip = ({ rating, testId }: { rating: EvidenceRating; testId?: string }) => {
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
export const Decision = ({ state }: { state: RatingState }) => {
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
