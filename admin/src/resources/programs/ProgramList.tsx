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
import { Box, Typography } from '@mui/material';
import { CountriesField } from '../../common/fields';
import { useCountryChoices } from '../../common/choices';
import { programStatusChoices, settingChoices, strategyChoices } from './choices';

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6">{translate('ledger.programs.empty')}</Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('ledger.programs.emptyHelp')}
      </Typography>
      <CreateButton />
    </Box>
  );
};

export const ProgramList = () => {
  const countries = useCountryChoices();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="strategy" source="strategy" choices={strategyChoices} />,
    <SelectInput key="status" source="status" choices={programStatusChoices} />,
    <AutocompleteInput key="country" source="country" choices={countries} translateChoice={false} />,
    <ReferenceInput key="organizationId" source="organizationId" reference="organizations" filter={{ kind: 'ngo' }}>
      <AutocompleteInput optionText="name" />
    </ReferenceInput>,
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={<ListActions />}
      exporter={false}
      empty={<Empty />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <ReferenceField source="organizationId" reference="organizations" link="show" />
        <SelectField source="strategy" choices={strategyChoices} />
        <SelectField source="setting" choices={settingChoices} />
        <CountriesField source="countries" label="resources.programs.fields.countries" />
        <SelectField source="status" choices={programStatusChoices} />
        <DateField source="startDate" />
        <DateField source="endDate" />
      </Datagrid>
    </List>
  );
};
