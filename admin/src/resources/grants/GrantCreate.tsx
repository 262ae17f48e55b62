import { Create } from 'react-admin';
import { GrantForm } from './GrantForm';

export const GrantCreate = () => (
  <Create redirect="show">
    <GrantForm />
  </Create>
);
