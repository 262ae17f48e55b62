import { Typography } from '@mui/material';
import { NumberInput, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../../common/FormDialog';
import { TargetCommentInput } from './TargetCommentInput';
import { numberOrNull, type TargetValues } from './targetValues';
import type { Target } from './types';

/** Coordinators report the actual value (and a comment) of a target; nothing else. */
export const ActualDialog = ({ target, title, onClose }: { target: Target; title: string; onClose: () => void }) => {
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const notify = useNotify();
  const translate = useTranslate();
  const save = async (values: TargetValues) => {
    await dataProvider.update('targets', {
      id: target.id,
      data: { actualValue: numberOrNull(values.actualValue), comment: values.comment ?? '', version: target.version },
      previousData: target,
    });
    notify('ledger.targets.actualSaved', { type: 'success' });
    refresh();
  };
  return (
    <FormDialog<TargetValues>
      title="ledger.targets.actualTitle"
      resource="targets"
      record={target}
      intro={<Typography variant="body2">{title}</Typography>}
      onSubmit={save}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.targets.actualHelp')}
      </Typography>
      <NumberInput source="actualValue" autoFocus />
      <TargetCommentInput />
    </FormDialog>
  );
};
