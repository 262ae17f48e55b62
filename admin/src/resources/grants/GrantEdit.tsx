import { Edit } from 'react-admin';
import { GrantForm } from './GrantForm';

/** Funder and grantee are not sent: they cannot change after creation. */
const withoutParties = ({ funderOrganizationId: _f, granteeOrganizationId: _g, ...data }: Record<string, unknown>) =>
  data;

export const GrantEdit = () => (
  <Edit mutationMode="pessimistic" transform={withoutParties} redirect="show">
    <GrantForm edit />
  </Edit>
);
