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
import { useWatch } from 'react-hook-form';
import { INDICATOR_CODE_PATTERN } from '@vocabulary/indicators';
import { directionChoices, levelChoices, measureTypeChoices, rateBaseChoices, sdgTargetChoices } from './choices';

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

/** Rates only: what the rate is per (required for a rate, as on the server). */
const RateBaseInput = () => {
  const measureType: unknown = useWatch({ name: 'measureType' });
  if (measureType !== 'rate') return null;
  return (
    <SelectInput
      source="rateBase"
      choices={rateBaseChoices}
      validate={required()}
      helperText="ledger.indicators.rateBaseHelp"
    />
  );
};

/**
 * What the form sends: a base only for a rate. The select is hidden for other measure types but
 * keeps its value, so switching a rate to another type would otherwise still send the old base.
 */
export const withRateBase = <T extends { measureType?: unknown; rateBase?: unknown }>(data: T): T => ({
  ...data,
  rateBase: data.measureType === 'rate' ? (data.rateBase ?? null) : null,
});

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
    <RateBaseInput />
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
