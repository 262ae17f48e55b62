import {
  BooleanField,
  Datagrid,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
} from 'react-admin';
import { ListActions } from '../../common/ServerExportButton';
import { IndicatorImportButton } from './IndicatorImportButton';
import { directionChoices, levelChoices, measureTypeChoices, sdgTargetChoices } from './choices';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="level" source="level" choices={levelChoices} />,
  <SelectInput key="measureType" source="measureType" choices={measureTypeChoices} />,
  <SelectInput key="sdgTarget" source="sdgTarget" choices={sdgTargetChoices} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const IndicatorList = () => (
  <List
    filters={filters}
    sort={{ field: 'code', order: 'ASC' }}
    perPage={25}
    actions={
      <ListActions>
        <IndicatorImportButton />
      </ListActions>
    }
    exporter={false}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="code" />
      <TextField source="name" />
      <SelectField source="level" choices={levelChoices} />
      <SelectField source="measureType" choices={measureTypeChoices} />
      <SelectField source="direction" choices={directionChoices} />
      <SelectField source="sdgTarget" choices={sdgTargetChoices} emptyText="—" sortable={false} />
      <BooleanField source="active" sortable={false} />
    </Datagrid>
  </List>
);
