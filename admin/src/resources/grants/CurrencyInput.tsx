import { Autocomplete, TextField } from '@mui/material';
import { FieldTitle, useInput, useTranslate, type Validator } from 'react-admin';
import { currencyOptions } from './choices';

const ISO_4217 = /^[A-Z]{3}$/;

/** Same rule as the server, in the browser: three capital letters that Intl knows as a currency. */
export const isoCurrency: Validator = (value: unknown) => {
  if (typeof value !== 'string' || value === '') return undefined;
  if (!ISO_4217.test(value)) return 'ledger.validation.currency';
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: value });
    return undefined;
  } catch {
    return 'ledger.validation.currency';
  }
};

/** An ISO 4217 code: the common ones offered first, any other code typed freely (upper-cased). */
export const CurrencyInput = ({ source, validate }: { source: string; validate?: Validator[] }) => {
  const translate = useTranslate();
  const { field, fieldState, isRequired } = useInput({ source, validate });
  const value = typeof field.value === 'string' ? field.value : '';
  const errorMessage = fieldState.error?.message;
  return (
    <Autocomplete
      freeSolo
      options={currencyOptions}
      value={value}
      inputValue={value}
      onInputChange={(_event, text) => field.onChange(text.trim().toUpperCase())}
      onChange={(_event, chosen) => field.onChange(typeof chosen === 'string' ? chosen.toUpperCase() : '')}
      onBlur={field.onBlur}
      sx={{ width: 200 }}
      renderInput={(params) => (
        <TextField
          {...params}
          name={field.name}
          size="small"
          label={<FieldTitle source={source} resource="grants" isRequired={isRequired} />}
          error={fieldState.invalid}
          helperText={
            errorMessage ? translate(errorMessage, { _: errorMessage }) : translate('ledger.grants.currencyHelp')
          }
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, maxLength: 3, autoCapitalize: 'characters' },
          }}
        />
      )}
    />
  );
};
