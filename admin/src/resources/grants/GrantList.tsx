import { Box, Typography } from '@mui/material';
import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  DateField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { ListActions } from '../../common/ServerExportButton';
import { AmountField } from './AmountField';
import { grantConsentChoices, grantStatusChoices, reportingFrequencyChoices } from './choices';

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6">{translate('ledger.grants.empty')}</Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('ledger.grants.emptyHelp')}
      </Typography>
      <CreateButton />
    </Box>
  );
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={grantStatusChoices} />,
  <SelectInput key="consent" source="consent" choices={grantConsentChoices} />,
  <ReferenceInput
    key="funderOrganizationId"
    source="funderOrganizationId"
    reference="organizations"
    filter={{ kind: 'funder' }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <ReferenceInput
    key="granteeOrganizationId"
    source="granteeOrganizationId"
    reference="organizations"
    filter={{ kind: 'ngo' }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

export const GrantList = () => (
  <List
    filters={filters}
    sort={{ field: 'startDate', order: 'DESC' }}
    actions={<ListActions />}
    exporter={false}
    empty={<Empty />}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="title" />
      <TextField source="reference" />
      <ReferenceField source="funderOrganizationId" reference="organizations" link={false} />
      <TextField source="granteeName" label="resources.grants.fields.granteeOrganizationId" sortable={false} />
      <AmountField source="amount" label="resources.grants.fields.amount" />
      <DateField source="startDate" />
      <DateField source="endDate" />
      <SelectField source="reportingFrequency" choices={reportingFrequencyChoices} sortable={false} />
      <SelectField source="status" choices={grantStatusChoices} />
      <SelectField source="consent" choices={grantConsentChoices} />
    </Datagrid>
  </List>
);
