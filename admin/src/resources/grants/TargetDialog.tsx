import { Stack } from '@mui/material';
import {
  AutocompleteInput,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
  useDataProvider,
  useNotify,
  useRefresh,
} from 'react-admin';
import { ageBandChoices, normalizeRegion, regionFormat, sexChoices, TOTAL } from '../../common/disaggregation';
import { FormDialog } from '../../common/FormDialog';
import { TargetCommentInput } from './TargetCommentInput';
import { numberOrNull, type TargetValues } from './targetValues';
import type { ReportingPeriod, Target, TargetIndicator } from './types';

/** Funders and admins set everything but the actual value (new target, or an existing one). */
export const TargetDialog = ({
  periods,
  target,
  initial,
  onClose,
}: {
  periods: ReportingPeriod[];
  target?: Target;
  initial?: Partial<Target>;
  onClose: () => void;
}) => {
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const notify = useNotify();
  const save = async (values: TargetValues) => {
    const data = {
      reportingPeriodId: values.reportingPeriodId,
      indicatorId: values.indicatorId,
      sex: values.sex ?? 'total',
      ageBand: values.ageBand ?? 'total',
      region: normalizeRegion(values.region),
      baselineValue: numberOrNull(values.baselineValue),
      targetValue: values.targetValue,
      comment: values.comment ?? '',
    };
    if (target) {
      await dataProvider.update('targets', {
        id: target.id,
        data: { ...data, version: target.version },
        previousData: target,
      });
    } else {
      // The grant follows from the reporting period (the server refuses a grantId in the body).
      await dataProvider.create('targets', { data });
    }
    notify('ledger.targets.saved', { type: 'success' });
    refresh();
  };
  return (
    <FormDialog<TargetValues>
      title={target ? 'ledger.targets.editTitle' : 'ledger.targets.addTitle'}
      resource="targets"
      record={target ?? { ...TOTAL, ...initial }}
      onSubmit={save}
      onClose={onClose}
    >
      <SelectInput
        source="reportingPeriodId"
        choices={periods.map((p) => ({ id: p.id, name: p.label }))}
        translateChoice={false}
        validate={required()}
      />
      <ReferenceInput
        source="indicatorId"
        reference="indicators"
        filter={{ active: true }}
        sort={{ field: 'code', order: 'ASC' }}
      >
        <AutocompleteInput
          optionText={(i: TargetIndicator) => `${i.code} — ${i.name}`}
          validate={required()}
          fullWidth
        />
      </ReferenceInput>
      <NumberInput source="baselineValue" helperText="ledger.targets.baselineHelp" />
      <NumberInput source="targetValue" validate={required()} helperText="ledger.targets.rangeHelp" />
      <Stack direction="row" spacing={1}>
        <SelectInput source="sex" choices={sexChoices} validate={required()} />
        <SelectInput source="ageBand" choices={ageBandChoices} validate={required()} />
        <TextInput source="region" validate={[required(), regionFormat]} helperText="ledger.outcomes.regionHelp" />
      </Stack>
      <TargetCommentInput />
    </FormDialog>
  );
};
