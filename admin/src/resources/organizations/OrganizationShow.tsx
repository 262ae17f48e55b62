import {
  CanAccess,
  Datagrid,
  DateField,
  Labeled,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  UrlField,
  useTranslate,
} from 'react-admin';
import { CountriesField } from '../../common/fields';
import { programStatusChoices, strategyChoices } from '../programs/choices';
import { organizationKindChoices } from './choices';

const ProgramsOfOrganization = () => {
  const translate = useTranslate();
  return (
    <Labeled label={translate('ledger.organizations.programs')} fullWidth>
      <ReferenceManyField reference="programs" target="organizationId" sort={{ field: 'name', order: 'ASC' }}>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<span>—</span>}>
          <TextField source="name" />
          <SelectField source="strategy" choices={strategyChoices} />
          <SelectField source="status" choices={programStatusChoices} />
          <DateField source="startDate" />
        </Datagrid>
      </ReferenceManyField>
    </Labeled>
  );
};

export const OrganizationShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" variant="h5" />
      <SelectField source="kind" choices={organizationKindChoices} />
      <CountriesField source="country" label="resources.organizations.fields.country" />
      <UrlField source="website" emptyText="—" />
      {/* Researchers may read organizations but not programs. */}
      <CanAccess resource="programs" action="list">
        <ProgramsOfOrganization />
      </CanAccess>
    </SimpleShowLayout>
  </Show>
);
