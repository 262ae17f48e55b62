import { Edit } from 'react-admin';
import { IndicatorForm } from './IndicatorForm';

export const IndicatorEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <IndicatorForm />
  </Edit>
);
