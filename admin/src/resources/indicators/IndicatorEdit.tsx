import { Edit } from 'react-admin';
import { IndicatorForm, withRateBase } from './IndicatorForm';

export const IndicatorEdit = () => (
  <Edit mutationMode="pessimistic" transform={withRateBase} redirect="show">
    <IndicatorForm />
  </Edit>
);
