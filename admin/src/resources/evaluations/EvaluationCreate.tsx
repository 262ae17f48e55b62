import { Create } from 'react-admin';
import { cleanEvaluation, EvaluationForm } from './EvaluationForm';

export const EvaluationCreate = () => (
  <Create transform={cleanEvaluation} redirect="show">
    <EvaluationForm />
  </Create>
);
