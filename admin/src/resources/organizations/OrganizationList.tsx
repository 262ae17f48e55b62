import { Datagrid, List, SearchInput, SelectField, SelectInput, TextField, UrlField } from 'react-admin';
import { ListActions } from '../../common/ServerExportButton';
import { CountriesField } from '../../common/fields';
import { organizationKindChoices } from './choices';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={organizationKindChoices} />,
];

export const OrganizationList = () => (
  <List filters={filters} sort={{ field: 'name', order: 'ASC' }} actions={<ListActions />} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" />
      <SelectField source="kind" choices={organizationKindChoices} />
      <CountriesField source="country" label="resources.organizations.fields.country" />
      <UrlField source="website" emptyText="—" />
    </Datagrid>
  </List>
);
