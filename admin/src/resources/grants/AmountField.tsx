import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { useMoneyFormat } from '../../common/format';
import type { Grant } from './types';

/** The grant's amount with its currency, formatted for the user's language. */
export const AmountField = (_props: { label?: string; source?: string }) => {
  const grant = useRecordContext<Grant>();
  const money = useMoneyFormat();
  if (!grant) return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {money(grant.amount, grant.currency)}
    </Typography>
  );
};
