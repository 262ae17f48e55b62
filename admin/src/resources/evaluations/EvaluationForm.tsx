import { Stack, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  DateInput,
  Labeled,
  maxLength,
  maxValue,
  minValue,
  number,
  NumberInput,
  ReferenceArrayInput,
  ReferenceField,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DESIGN_ARMS, DESIGNS, EVALUATION_LIMITS, EVALUATION_MESSAGES, type Design } from '@vocabulary/evaluations';
import { endNotBeforeStart } from '../../common/validators';
import { designChoices, evaluatorTypeChoices } from './choices';
import type { Evaluation, IndicatorRecord } from './types';

const wholeNumber = (value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? 'ledger.validation.wholeNumber' : undefined;

const WRITABLE = [
  'programId',
  'grantId',
  'title',
  'design',
  'evaluatorType',
  'evaluatorName',
  'startDate',
  'endDate',
  'plannedSizes',
  'achievedSizes',
  'prePostCorrelation',
  'primaryIndicatorIds',
  'summary',
  'limitations',
] as const;

const isDesign = (value: unknown): value is Design => DESIGNS.includes(value as Design);

/** Keeps the sizes of the design's arms only, dropping empty ones. */
function sizesFor(design: unknown, sizes: unknown): Record<string, number> {
  const arms = isDesign(design) ? DESIGN_ARMS[design] : [];
  const result: Record<string, number> = {};
  const given = (sizes ?? {}) as Record<string, unknown>;
  for (const arm of arms) {
    const value = given[arm];
    if (typeof value === 'number' && Number.isFinite(value)) result[arm] = value;
  }
  return result;
}

/** The writable fields only (the server refuses read-only ones), with sizes fitted to the design. */
export const cleanEvaluation = (data: Record<string, unknown>) => {
  const cleaned: Record<string, unknown> = {};
  for (const key of WRITABLE) if (key in data) cleaned[key] = data[key];
  cleaned.plannedSizes = sizesFor(data.design, data.plannedSizes);
  cleaned.achievedSizes = sizesFor(data.design, data.achievedSizes);
  if (cleaned.grantId === '' || cleaned.grantId === undefined) cleaned.grantId = null;
  if (cleaned.endDate === '') cleaned.endDate = null;
  if (typeof data.version === 'number') cleaned.version = data.version;
  return cleaned;
};

const Section = ({ title, help }: { title: string; help?: string }) => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate(title)}
      </Typography>
      {help && (
        <Typography variant="body2" color="text.secondary">
          {translate(help)}
        </Typography>
      )}
    </>
  );
};

/** Grants that fund the chosen program (its funder reviews the evaluation). */
const GrantInput = () => {
  const programId: unknown = useWatch({ name: 'programId' });
  const hasProgram = programId !== undefined && programId !== null && programId !== '';
  return (
    <ReferenceInput
      source="grantId"
      reference="grants"
      filter={hasProgram ? { programId } : { id: [] }}
      sort={{ field: 'title', order: 'ASC' }}
    >
      <AutocompleteInput
        optionText="title"
        disabled={!hasProgram}
        helperText={hasProgram ? 'ledger.evaluations.grantHelp' : 'ledger.evaluations.chooseProgramFirst'}
        sx={{ minWidth: 360 }}
      />
    </ReferenceInput>
  );
};

/** Planned and achieved sample sizes for the arms of the chosen design. */
const SizesInputs = () => {
  const translate = useTranslate();
  const design: unknown = useWatch({ name: 'design' });
  if (!isDesign(design)) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.evaluations.chooseDesignFirst')}
      </Typography>
    );
  }
  return (
    <>
      {DESIGN_ARMS[design].map((arm) => {
        const armName = translate(`ledger.arm.${arm}`);
        return (
          <Stack key={arm} direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <NumberInput
              source={`plannedSizes.${arm}`}
              label={translate('ledger.evaluations.plannedSize', { arm: armName })}
              validate={[minValue(0), wholeNumber]}
              step={1}
            />
            <NumberInput
              source={`achievedSizes.${arm}`}
              label={translate('ledger.evaluations.achievedSize', { arm: armName })}
              validate={[minValue(0), wholeNumber]}
              step={1}
              helperText="ledger.evaluations.achievedHelp"
            />
          </Stack>
        );
      })}
      {design === 'pre_post' && (
        <NumberInput
          source="prePostCorrelation"
          validate={[required(), number(), minValue(-1), maxValue(1)]}
          step={0.05}
          helperText="ledger.evaluations.correlationHelp"
        />
      )}
    </>
  );
};

/** Primary outcomes: fixed once the revision has been submitted (an amendment may change them). */
const PrimaryIndicatorsInput = () => {
  const record = useRecordContext<Evaluation>();
  const registered = record?.status === 'changes_requested';
  return (
    <ReferenceArrayInput
      source="primaryIndicatorIds"
      reference="indicators"
      filter={{ active: true }}
      sort={{ field: 'code', order: 'ASC' }}
      perPage={200}
    >
      <AutocompleteArrayInput
        optionText={(i: IndicatorRecord) => `${i.code} — ${i.name}`}
        disabled={registered}
        helperText={registered ? 'ledger.evaluations.primaryLocked' : 'ledger.evaluations.primaryHelp'}
        fullWidth
      />
    </ReferenceArrayInput>
  );
};

/** Evaluation create/edit form. `edit`: the program is shown, not changed. */
export const EvaluationForm = ({ edit = false }: { edit?: boolean }) => (
  <SimpleForm
    defaultValues={{
      evaluatorType: 'external',
      prePostCorrelation: 0.5,
      plannedSizes: {},
      achievedSizes: {},
      primaryIndicatorIds: [],
    }}
  >
    <Section title="ledger.evaluations.study" />
    {edit ? (
      <Labeled source="programId" resource="evaluations">
        <ReferenceField source="programId" reference="programs" link={false} />
      </Labeled>
    ) : (
      <ReferenceInput source="programId" reference="programs" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput optionText="name" validate={required()} sx={{ minWidth: 360 }} />
      </ReferenceInput>
    )}
    <GrantInput />
    <TextInput source="title" validate={[required(), maxLength(EVALUATION_LIMITS.titleLength)]} fullWidth />
    <SelectInput
      source="design"
      choices={designChoices}
      validate={required()}
      helperText="ledger.evaluations.designHelp"
      sx={{ minWidth: 300 }}
    />
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      <SelectInput source="evaluatorType" choices={evaluatorTypeChoices} validate={required()} />
      <TextInput
        source="evaluatorName"
        validate={maxLength(EVALUATION_LIMITS.evaluatorNameLength)}
        helperText="ledger.evaluations.evaluatorHelp"
        sx={{ minWidth: 300 }}
      />
    </Stack>
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      <DateInput source="startDate" validate={required()} />
      <DateInput source="endDate" validate={endNotBeforeStart} />
    </Stack>

    <Section title="ledger.evaluations.sample" help="ledger.evaluations.sampleHelp" />
    <SizesInputs />

    <Section title="ledger.evaluations.outcomes" />
    <PrimaryIndicatorsInput />

    <Section title="ledger.evaluations.findings" />
    <TextInput
      source="summary"
      multiline
      minRows={3}
      fullWidth
      validate={maxLength(EVALUATION_LIMITS.textLength)}
      helperText={EVALUATION_MESSAGES.noChildData}
    />
    <TextInput
      source="limitations"
      multiline
      minRows={2}
      fullWidth
      validate={maxLength(EVALUATION_LIMITS.textLength)}
      helperText={EVALUATION_MESSAGES.noChildData}
    />
  </SimpleForm>
);
