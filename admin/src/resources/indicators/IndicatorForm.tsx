import {
  ArrayInput,
  BooleanInput,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';
import { INDICATOR_CODE_PATTERN } from '@vocabulary/indicators';
import { directionChoices, levelChoices, measureTypeChoices, sdgTargetChoices } from './choices';

/** Same rule as the server: the plausible maximum is not below the minimum. */
const maxNotBelowMin = (value: unknown, values: Record<string, unknown>) =>
  typeof value === 'number' && typeof values.minValue === 'number' && value < values.minValue
    ? 'ledger.validation.maxBelowMin'
    : undefined;

/** Same rule as the server (which also upper-cases the code). */
const indicatorCode = (value: unknown) =>
  typeof value === 'string' && value !== '' && !INDICATOR_CODE_PATTERN.test(value.trim().toUpperCase())
    ? 'ledger.validation.indicatorCode'
    : undefined;

export const IndicatorForm = () => (
  <SimpleForm defaultValues={{ active: true, direction: 'increase', level: 'outcome' }}>
    <TextInput
      source="code"
      validate={[required(), maxLength(40), indicatorCode]}
      helperText="ledger.indicators.codeHelp"
    />
    <TextInput source="name" validate={[required(), maxLength(300)]} fullWidth />
    <TextInput source="definition" multiline minRows={2} fullWidth helperText="ledger.help.noChildData" />
    <SelectInput source="level" choices={levelChoices} validate={required()} />
    <SelectInput source="measureType" choices={measureTypeChoices} validate={required()} />
    <TextInput source="unit" validate={maxLength(100)} />
    <SelectInput source="direction" choices={directionChoices} validate={required()} />
    <NumberInput source="minValue" helperText="ledger.indicators.rangeHelp" />
    <NumberInput source="maxValue" validate={maxNotBelowMin} />
    <SelectInput source="sdgTarget" choices={sdgTargetChoices} emptyText="ledger.indicators.noSdg" />
    <TextInput source="iatiVocabulary" validate={maxLength(20)} />
    <TextInput source="iatiCode" validate={maxLength(100)} />
    <BooleanInput source="active" helperText="ledger.indicators.activeHelp" />
    <ArrayInput source="contextSeries" helperText="ledger.indicators.contextHelp">
      <SimpleFormIterator inline disableReordering>
        <NumberInput source="year" step={1} validate={[required(), minValue(1900), maxValue(2100)]} />
        <NumberInput source="value" validate={required()} />
      </SimpleFormIterator>
    </ArrayInput>
    <TextInput source="contextSource" validate={maxLength(1000)} fullWidth />
  </SimpleForm>
);
