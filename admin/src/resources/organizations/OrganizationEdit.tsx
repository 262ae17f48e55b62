import { Edit } from 'react-admin';
import { OrganizationForm } from './OrganizationForm';

export const OrganizationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <OrganizationForm />
  </Edit>
);
