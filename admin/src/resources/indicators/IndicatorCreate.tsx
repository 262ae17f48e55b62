import { Create } from 'react-admin';
import { IndicatorForm } from './IndicatorForm';

export const IndicatorCreate = () => (
  <Create redirect="show">
    <IndicatorForm />
  </Create>
);
