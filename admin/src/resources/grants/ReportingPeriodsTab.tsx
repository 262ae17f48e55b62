import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { Box, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Confirm,
  Datagrid,
  DateField,
  DateInput,
  FunctionField,
  maxLength,
  ReferenceManyField,
  required,
  TextField,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { GRANT_LIMITS } from '@vocabulary/grants';
import { FormDialog } from '../../common/FormDialog';
import { useHasPermission } from '../../common/permissions';
import { endNotBeforeStart, notBefore } from '../../common/validators';
import { messageOf } from '../../providers/apiErrors';
import type { Grant, ReportingPeriod } from './types';

const dueNotBeforeEnd = notBefore('endDate', 'ledger.validation.dueBeforeEnd');

type PeriodValues = Pick<ReportingPeriod, 'label' | 'startDate' | 'endDate' | 'dueDate'> & { version?: number };

/** Adds a period (no `period`) or edits one; the server checks it lies within the grant and overlaps none. */
const PeriodDialog = ({ grant, period, onClose }: { grant: Grant; period?: ReportingPeriod; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const notify = useNotify();
  const save = async ({ label, startDate, endDate, dueDate }: PeriodValues) => {
    const data = { label, startDate, endDate, dueDate };
    if (period) {
      await dataProvider.update('reporting-periods', {
        id: period.id,
        data: { ...data, version: period.version },
        previousData: period,
      });
    } else {
      await dataProvider.create('reporting-periods', { data: { ...data, grantId: grant.id } });
    }
    notify(period ? 'ledger.periods.saved' : 'ledger.periods.added', { type: 'success' });
    refresh();
  };
  return (
    <FormDialog<PeriodValues>
      title={period ? 'ledger.periods.editTitle' : 'ledger.periods.addTitle'}
      resource="reporting-periods"
      record={period ?? { startDate: grant.startDate, endDate: grant.endDate }}
      intro={
        <Typography variant="body2" color="text.secondary">
          {translate('ledger.periods.dialogHelp')}
        </Typography>
      }
      onSubmit={save}
      onClose={onClose}
    >
      <TextInput source="label" validate={[required(), maxLength(GRANT_LIMITS.labelLength)]} />
      <DateInput source="startDate" validate={required()} />
      <DateInput source="endDate" validate={[required(), endNotBeforeStart]} />
      <DateInput source="dueDate" validate={[required(), dueNotBeforeEnd]} />
    </FormDialog>
  );
};

const DeletePeriodButton = ({ period }: { period: ReportingPeriod }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const remove = async () => {
    setOpen(false);
    try {
      await dataProvider.delete('reporting-periods', { id: period.id, previousData: period });
      notify('ledger.periods.deleted', { type: 'info' });
      refresh();
    } catch (error) {
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    }
  };
  const label = translate('ledger.periods.delete', { label: period.label });
  return (
    <>
      <Tooltip title={label}>
        <IconButton aria-label={label} size="small" onClick={() => setOpen(true)}>
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Confirm
        isOpen={open}
        title="ledger.periods.deleteTitle"
        translateOptions={{ label: period.label }}
        content="ledger.periods.deleteContent"
        onConfirm={() => void remove()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/** The grant's reporting periods (generated at creation); funders and admins can add, edit and delete them. */
export const ReportingPeriodsTab = () => {
  const grant = useRecordContext<Grant>();
  const translate = useTranslate();
  const canEdit = useHasPermission('grants:write');
  const [editing, setEditing] = useState<ReportingPeriod | 'new' | null>(null);
  if (!grant) return null;
  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="body2" color="text.secondary">
          {translate('ledger.periods.intro')}
        </Typography>
        {canEdit && (
          <Button label="ledger.periods.add" onClick={() => setEditing('new')}>
            <AddIcon />
          </Button>
        )}
      </Stack>
      <ReferenceManyField
        reference="reporting-periods"
        target="grantId"
        sort={{ field: 'startDate', order: 'ASC' }}
        perPage={200}
      >
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<span>{translate('ledger.periods.empty')}</span>}>
          <TextField source="label" />
          <DateField source="startDate" />
          <DateField source="endDate" />
          <DateField source="dueDate" />
          {canEdit && (
            <FunctionField
              label="ledger.periods.actions"
              render={(period: ReportingPeriod) => {
                const editLabel = translate('ledger.periods.edit', { label: period.label });
                return (
                  <Stack direction="row">
                    <Tooltip title={editLabel}>
                      <IconButton aria-label={editLabel} size="small" onClick={() => setEditing(period)}>
                        <EditIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <DeletePeriodButton period={period} />
                  </Stack>
                );
              }}
            />
          )}
        </Datagrid>
      </ReferenceManyField>
      {editing && (
        <PeriodDialog grant={grant} period={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Box>
  );
};
