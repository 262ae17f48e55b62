import { Typography } from '@mui/material';
import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  ReferenceField,
  SelectField,
  SelectInput,
  TextField,
} from 'react-admin';
import { ListActions } from '../../common/ServerExportButton';
import { toChoices } from '../../common/choices';

const actionChoices = toChoices(
  ['create', 'update', 'delete', 'login', 'logout', 'password_change', 'password_set'],
  'auditAction',
);
const entityChoices = toChoices(['organization', 'program', 'indicator', 'user', 'session'], 'auditEntity');

const filters = [
  <SelectInput key="entityType" source="entityType" choices={entityChoices} alwaysOn />,
  <SelectInput key="action" source="action" choices={actionChoices} alwaysOn />,
];

interface AuditRecord {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** "field: old → new" per changed field; whole records for creates and deletes are summarised. */
function describeChange(record: AuditRecord): string {
  const keys = Object.keys(record.after ?? record.before ?? {});
  if (record.before && record.after) {
    return keys
      .map((k) => `${k}: ${JSON.stringify(record.before?.[k])} → ${JSON.stringify(record.after?.[k])}`)
      .join('; ');
  }
  return keys.length ? `${keys.length} fields` : '';
}

/** The append-only audit log (administrators). */
export const AuditEventList = () => (
  <List filters={filters} sort={{ field: 'at', order: 'DESC' }} perPage={50} actions={<ListActions />} exporter={false}>
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <DateField source="at" showTime />
      <ReferenceField source="actorUserId" reference="users" link="show" emptyText="—" />
      <SelectField source="action" choices={actionChoices} />
      <SelectField source="entityType" choices={entityChoices} />
      <TextField source="entityId" />
      <FunctionField
        source="after"
        sortable={false}
        render={(record: AuditRecord) => <Typography variant="body2">{describeChange(record)}</Typography>}
      />
      <TextField source="requestId" sortable={false} />
    </Datagrid>
  </List>
);
