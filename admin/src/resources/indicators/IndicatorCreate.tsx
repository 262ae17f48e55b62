import { Create } from 'react-admin';
import { IndicatorForm, withRateBase } from './IndicatorForm';

export const IndicatorCreate = () => (
  <Create transform={withRateBase} redirect="show">
    <IndicatorForm />
  </Create>
);
