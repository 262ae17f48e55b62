import {
  BooleanField,
  DateField,
  EditButton,
  EmailField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { roleChoices } from '../../common/roles';
import { NewSetPasswordLinkButton } from './NewSetPasswordLinkButton';

const UserShowActions = () => (
  <TopToolbar>
    <NewSetPasswordLinkButton />
    <EditButton />
  </TopToolbar>
);

export const UserShow = () => (
  <Show actions={<UserShowActions />}>
    <SimpleShowLayout>
      <TextField source="displayName" variant="h5" />
      <EmailField source="email" />
      <ReferenceField source="organizationId" reference="organizations" link="show" />
      <SelectField source="role" choices={roleChoices} />
      <BooleanField source="active" />
      <DateField source="lastLoginAt" showTime emptyText="ledger.users.neverSignedIn" />
      <DateField source="createdAt" showTime />
      <DateField source="updatedAt" showTime />
    </SimpleShowLayout>
  </Show>
);
