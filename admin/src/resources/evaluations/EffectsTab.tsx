import { Alert, Box, Stack, Typography } from '@mui/material';
import { Loading, useRecordContext, useTranslate } from 'react-admin';
import { messageOf } from '../../providers/apiErrors';
import { EffectsTable } from './EffectsTable';
import { MeasureSelector } from './MeasureSelector';
import { RatingPanel } from './RatingPanel';
import type { Evaluation } from './types';
import { useEffects } from './useEffects';

/** The Effects tab: effect sizes per indicator and timepoint with the WWC checks, then the evidence rating. */
const EffectsTab = () => {
  const evaluation = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const { measure, setMeasure, isPending, error, rows, skipped, hasProportions } = useEffects(evaluation);
  if (!evaluation) return null;
  const emptyKey =
    evaluation.design === 'qualitative'
      ? 'ledger.effects.emptyQualitative'
      : evaluation.design === 'pre_post' || evaluation.design === 'post_only'
        ? 'ledger.effects.emptySingle'
        : 'ledger.effects.emptyArms';

  return (
    <Stack spacing={3}>
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2">
          {translate('ledger.effects.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('ledger.effects.intro')}
        </Typography>
        {(hasProportions || measure !== 'RR') && <MeasureSelector value={measure} onChange={setMeasure} />}
        {isPending ? (
          <Loading />
        ) : error ? (
          <Alert severity="error">{translate(messageOf(error), { _: messageOf(error) })}</Alert>
        ) : rows.length === 0 ? (
          <Alert severity="info" data-testid="effects-empty">
            {translate(emptyKey)}
          </Alert>
        ) : (
          <EffectsTable rows={rows} evaluation={evaluation} />
        )}
        {skipped.length > 0 && (
          <Box data-testid="effects-skipped">
            <Typography variant="subtitle2" component="h3">
              {translate('ledger.effects.skippedTitle')}
            </Typography>
            <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
              {skipped.map((s) => (
                <li key={`${s.indicatorId}|${s.timepoint}`}>
                  <Typography variant="body2">
                    {translate('ledger.effects.skippedLine', {
                      indicator: s.indicatorCode ?? `#${String(s.indicatorId)}`,
                      timepoint: translate(`ledger.timepoint.${s.timepoint}`, { _: s.timepoint }),
                      reason: s.reason,
                    })}
                  </Typography>
                </li>
              ))}
            </ul>
          </Box>
        )}
      </Stack>
      <RatingPanel evaluation={evaluation} />
    </Stack>
  );
};

export default EffectsTab;
