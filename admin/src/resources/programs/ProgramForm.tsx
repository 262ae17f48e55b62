import { Typography } from '@mui/material';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  CheckboxGroupInput,
  DateInput,
  maxLength,
  Labeled,
  ReferenceField,
  ReferenceInput,
  useGetIdentity,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from 'react-admin';
import { LIMITS, LOGIC_MODEL_PARTS } from '@vocabulary/programs';
import { useCountryChoices } from '../../common/choices';
import { endNotBeforeStart } from '../../common/validators';
import { programStatusChoices, settingChoices, strategyChoices, targetPopulationChoices } from './choices';

/** Logic-model lists are edited as one item per line; blank lines are dropped on save. */
const linesFormat = (value: unknown) => (Array.isArray(value) ? value.join('\n') : '');
const linesParse = (text: string) => (text ? text.split('\n') : []);
const eachLineAtMost = (value: unknown) =>
  Array.isArray(value) && value.some((line) => String(line).length > LIMITS.logicModelItemLength)
    ? { message: 'ledger.validation.lineTooLong', args: { max: LIMITS.logicModelItemLength } }
    : Array.isArray(value) && value.filter((line) => String(line).trim() !== '').length > LIMITS.logicModelItems
      ? { message: 'ledger.validation.tooManyLines', args: { max: LIMITS.logicModelItems } }
      : undefined;

/** Removes blank logic-model lines and surrounding spaces before saving. */
export const cleanProgram = (data: Record<string, unknown>) => {
  const cleaned = { ...data };
  for (const part of LOGIC_MODEL_PARTS) {
    const lines = cleaned[part];
    if (Array.isArray(lines)) cleaned[part] = lines.map((l) => String(l).trim()).filter((l) => l !== '');
  }
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

/**
 * Only administrators choose the NGO; a coordinator's programs always belong to their own
 * NGO (the server takes it from the session), so they see its name instead of a picker.
 */
const OrganizationInput = () => {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  if (identity.role !== 'admin') {
    return (
      <Labeled source="organizationId" resource="programs">
        <ReferenceField
          source="organizationId"
          reference="organizations"
          link={false}
          emptyText={String(identity.organizationName ?? '')}
        />
      </Labeled>
    );
  }
  return (
    <ReferenceInput
      source="organizationId"
      reference="organizations"
      filter={{ kind: 'ngo' }}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <AutocompleteInput optionText="name" validate={required()} sx={{ minWidth: 360 }} />
    </ReferenceInput>
  );
};

export const ProgramForm = () => {
  const countries = useCountryChoices();
  return (
    <SimpleForm defaultValues={{ status: 'planned', targetPopulations: [], countries: [] }}>
      <Section title="ledger.programs.about" />
      <OrganizationInput />
      <TextInput source="name" validate={[required(), maxLength(LIMITS.nameLength)]} fullWidth />
      <TextInput
        source="summary"
        multiline
        minRows={3}
        fullWidth
        validate={maxLength(LIMITS.summaryLength)}
        helperText="ledger.help.noChildData"
      />
      <SelectInput source="strategy" choices={strategyChoices} validate={required()} sx={{ minWidth: 360 }} />
      <SelectInput source="status" choices={programStatusChoices} validate={required()} />

      <Section title="ledger.programs.reach" />
      <CheckboxGroupInput source="targetPopulations" choices={targetPopulationChoices} />
      <SelectInput source="setting" choices={settingChoices} validate={required()} />
      <AutocompleteArrayInput
        source="countries"
        choices={countries}
        translateChoice={false}
        helperText="ledger.programs.countryHelp"
        sx={{ minWidth: 360 }}
      />
      <DateInput source="startDate" validate={required()} />
      <DateInput source="endDate" validate={endNotBeforeStart} />

      <Section title="ledger.programs.logicModel" help="ledger.programs.logicModelHelp" />
      {LOGIC_MODEL_PARTS.map((part) => (
        <TextInput
          key={part}
          source={part}
          multiline
          minRows={2}
          fullWidth
          format={linesFormat}
          parse={linesParse}
          validate={eachLineAtMost}
          helperText="ledger.programs.oneItemPerLine"
        />
      ))}
    </SimpleForm>
  );
};
