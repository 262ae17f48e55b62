import { Alert } from '@mui/material';
import { Edit, Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { EDITABLE_STATUSES } from '@vocabulary/evaluations';
import { cleanEvaluation, EvaluationForm } from './EvaluationForm';
import type { Evaluation } from './types';

/** Only draft and changes-requested evaluations can be edited; anything else explains why not. */
const EditBody = () => {
  const record = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!record) return null;
  if (!EDITABLE_STATUSES.includes(record.status)) {
    return (
      <Alert severity="info" sx={{ m: 2 }}>
        {translate(`ledger.evaluations.locked.${record.status}`)}{' '}
        <Link to={createPath({ resource: 'evaluations', type: 'show', id: record.id })}>
          {translate('ledger.evaluations.backToEvaluation')}
        </Link>
      </Alert>
    );
  }
  return <EvaluationForm edit />;
};

export const EvaluationEdit = () => (
  <Edit mutationMode="pessimistic" transform={cleanEvaluation} redirect="show">
    <EditBody />
  </Edit>
);
