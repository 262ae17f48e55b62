import { Alert, AlertTitle } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { PooledResult } from './types';

/** Evaluations left out of the pooled estimate, with the server's reason. */
export const ExcludedStudies = ({ excluded }: { excluded: PooledResult['excluded'] }) => {
  const translate = useTranslate();
  return (
    <Alert severity="warning" data-testid="excluded">
      <AlertTitle>{translate('ledger.analysis.excludedTitle', { smart_count: excluded.length })}</AlertTitle>
      <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
        {excluded.map((e) => (
          <li key={String(e.evaluationId)}>
            {translate('ledger.analysis.excludedLine', {
              label: e.label ?? translate('ledger.analysis.evaluationNumber', { id: String(e.evaluationId) }),
              reason: e.reason,
            })}
          </li>
        ))}
      </ul>
    </Alert>
  );
};
