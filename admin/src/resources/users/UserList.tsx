import {
  AutocompleteInput,
  BooleanField,
  Datagrid,
  DateField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
} from 'react-admin';
import { ListActions } from '../../common/ServerExportButton';
import { roleChoices } from '../../common/roles';
import { toChoices } from '../../common/choices';

const activeChoices = toChoices(['true', 'false'], 'userActive');

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <ReferenceInput
    key="organizationId"
    source="organizationId"
    reference="organizations"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  // The server filters `active` by the strings "true" and "false".
  <SelectInput key="active" source="active" choices={activeChoices} />,
];

export const UserList = () => (
  <List filters={filters} sort={{ field: 'displayName', order: 'ASC' }} actions={<ListActions />} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="displayName" />
      <TextField source="email" />
      <ReferenceField source="organizationId" reference="organizations" link={false} />
      <SelectField source="role" choices={roleChoices} />
      <BooleanField source="active" sortable={false} />
      <DateField source="lastLoginAt" showTime emptyText="ledger.users.neverSignedIn" />
    </Datagrid>
  </List>
);
