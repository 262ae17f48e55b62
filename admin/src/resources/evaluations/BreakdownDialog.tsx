import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { AGE_BANDS, REGION_PATTERN, SEXES } from '@vocabulary/evaluations';
import { isTotal, normalizeRegion, TOTAL, type Disaggregation } from '../../common/disaggregation';
import type { IndicatorRecord } from './types';

/** Asks for a sex / age band / region combination to add as a row under one indicator. */
export const BreakdownDialog = ({
  indicator,
  onAdd,
  onClose,
}: {
  indicator: IndicatorRecord;
  onAdd: (d: Disaggregation) => void;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const titleId = useId();
  const [value, setValue] = useState<Disaggregation>(TOTAL);
  const region = normalizeRegion(value.region);
  const regionInvalid = !REGION_PATTERN.test(region);
  const add = () => {
    if (regionInvalid || isTotal({ ...value, region })) return;
    onAdd({ ...value, region });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>
        {translate('ledger.outcomes.breakdownTitle', { indicator: indicator.code })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {translate('ledger.outcomes.breakdownHelp')}
          </Typography>
          <TextField
            select
            label={translate('ledger.outcomes.sex')}
            value={value.sex}
            onChange={(e) => setValue({ ...value, sex: e.target.value as Disaggregation['sex'] })}
          >
            {SEXES.map((s) => (
              <MenuItem key={s} value={s}>
                {translate(`ledger.sex.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={translate('ledger.outcomes.ageBand')}
            value={value.ageBand}
            onChange={(e) => setValue({ ...value, ageBand: e.target.value as Disaggregation['ageBand'] })}
          >
            {AGE_BANDS.map((a) => (
              <MenuItem key={a} value={a}>
                {translate(`ledger.ageBand.${a}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={translate('ledger.outcomes.region')}
            value={value.region}
            onChange={(e) => setValue({ ...value, region: e.target.value })}
            error={regionInvalid}
            helperText={translate('ledger.outcomes.regionHelp')}
          />
          {isTotal({ ...value, region }) && (
            <Typography variant="caption" color="text.secondary">
              {translate('ledger.outcomes.breakdownNeedsOne')}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={add} disabled={regionInvalid || isTotal({ ...value, region })}>
          {translate('ledger.outcomes.addRow')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
