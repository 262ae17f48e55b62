import {
  CanAccess,
  Datagrid,
  DateField,
  EditButton,
  Labeled,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  UrlField,
  useRecordContext,
  useResourceDefinition,
  useTranslate,
} from 'react-admin';
import { CountriesField } from '../../common/fields';
import { programStatusChoices, strategyChoices } from '../programs/choices';
import { organizationKindChoices } from './choices';
import { OrganizationIatiButton } from './OrganizationIatiButton';

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

/** The default show actions (Edit where allowed) and the organization's grants as IATI. */
const OrganizationShowActions = () => {
  const organization = useRecordContext<{ id: number; name: string }>();
  const { hasEdit } = useResourceDefinition();
  return (
    <TopToolbar>
      {organization && <OrganizationIatiButton organization={organization} />}
      {hasEdit && <EditButton />}
    </TopToolbar>
  );
};

export const OrganizationShow = () => (
  <Show actions={<OrganizationShowActions />}>
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
