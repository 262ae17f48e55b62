import { Alert, Box, Paper, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Loading, useTranslate } from 'react-admin';
import { analysisApi, ratingKey } from '../../analysis/api';
import { useHasPermission } from '../../common/permissions';
import { messageOf } from '../../providers/apiErrors';
import { Decision, RatingChip } from './RatingDecision';
import { ReviewerControls } from './ReviewerControls';
import type { Evaluation } from './types';

/** The reviewer decides the rating while the evaluation is in review or once it is approved. */
const RATEABLE: readonly string[] = ['submitted', 'approved'];

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
