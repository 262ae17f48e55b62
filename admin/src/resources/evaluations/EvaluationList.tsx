import { Box, Typography } from '@mui/material';
import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  DateField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { ListActions } from '../../common/ServerExportButton';
import { designChoices, evaluationStatusChoices } from './choices';
import { StatusChip } from './StatusChip';

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6">{translate('ledger.evaluations.empty')}</Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('ledger.evaluations.emptyHelp')}
      </Typography>
      <CreateButton />
    </Box>
  );
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={evaluationStatusChoices} alwaysOn />,
  <SelectInput key="design" source="design" choices={designChoices} />,
  <ReferenceInput key="programId" source="programId" reference="programs">
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="grantId" source="grantId" reference="grants">
    <AutocompleteInput optionText="title" />
  </ReferenceInput>,
];

export const EvaluationList = () => (
  <List
    filters={filters}
    sort={{ field: 'updatedAt', order: 'DESC' }}
    actions={<ListActions />}
    exporter={false}
    empty={<Empty />}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="title" />
      <ReferenceField source="programId" reference="programs" link={false} sortable={false} />
      <SelectField source="design" choices={designChoices} />
      <StatusChip source="status" label="resources.evaluations.fields.status" />
      <NumberField source="revision" />
      <DateField source="submittedAt" showTime emptyText="—" />
      <DateField source="updatedAt" showTime />
    </Datagrid>
  </List>
);
