import { Alert, AlertTitle, Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { messageOf, statusOf } from '../providers/apiErrors';
import { detailsOf } from '../providers/ledgerApi';

/** A refusal in words: 422 nothing to pool yet, 400 settings that do not fit, anything else as the server said. */
export const PooledError = ({ error }: { error: unknown }) => {
  const translate = useTranslate();
  const status = statusOf(error);
  const message = translate(messageOf(error), { _: messageOf(error) });
  const details = detailsOf(error);
  const [severity, title] =
    status === 422
      ? (['info', 'ledger.analysis.nothingToPool'] as const)
      : status === 400
        ? (['warning', 'ledger.analysis.badSettings'] as const)
        : (['error', 'ledger.analysis.failed'] as const);
  return (
    <Alert severity={severity} data-testid="pooled-error">
      <AlertTitle>{translate(title)}</AlertTitle>
      {message}
      {details.length > 0 && (
        <ul style={{ margin: '0.5em 0 0', paddingLeft: '1.2em' }}>
          {details.map((d, i) => (
            <li key={i}>
              {d.field}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {status === 422 && <Box sx={{ mt: 1 }}>{translate('ledger.analysis.nothingToPoolHelp')}</Box>}
    </Alert>
  );
};
