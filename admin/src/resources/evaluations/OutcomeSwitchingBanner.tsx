import { Alert, AlertTitle, Typography } from '@mui/material';
import { useGetMany, useRecordContext, useTranslate } from 'react-admin';
import type { Evaluation, IndicatorRecord } from './types';

/** Primary outcomes added or dropped against the pre-registration (amendments). */
export const OutcomeSwitchingBanner = () => {
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
