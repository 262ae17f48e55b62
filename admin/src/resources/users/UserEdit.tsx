import { Edit } from 'react-admin';
import { toUserPayload, UserForm } from './UserForm';

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={toUserPayload}>
    <UserForm />
  </Edit>
);
