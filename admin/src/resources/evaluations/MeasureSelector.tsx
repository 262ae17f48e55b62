import { Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { MEASURES_FOR, type EffectMeasure } from '../../analysis/types';

export const PROPORTION_MEASURES = MEASURES_FOR.proportion;

/** Choose how proportions are compared: risk ratio (default), odds ratio or risk difference. */
export const MeasureSelector = ({
  value,
  onChange,
}: {
  value: EffectMeasure;
  onChange: (m: EffectMeasure) => void;
}) => {
  const translate = useTranslate();
  const labelId = useId();
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <Typography variant="body2" id={labelId}>
        {translate('ledger.effects.proportionMeasure')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={value}
        aria-labelledby={labelId}
        onChange={(_event, next: EffectMeasure | null) => next && onChange(next)}
      >
        {PROPORTION_MEASURES.map((m) => (
          <ToggleButton key={m} value={m} aria-label={translate(`ledger.measure.${m}`)}>
            {m}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
};
