import { AutocompleteInput, maxLength, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { LIMITS } from '@vocabulary/programs';
import { useCountryChoices } from '../../common/choices';
import { organizationKindChoices } from './choices';

/** Same rule as the server: an http(s) address. */
const httpAddress = (value: unknown) =>
  typeof value === 'string' && value !== '' && !/^https?:\/\/\S+$/.test(value)
    ? 'ledger.validation.invalidUrl'
    : undefined;

export const OrganizationForm = () => {
  const countries = useCountryChoices();
  return (
    <SimpleForm>
      <TextInput source="name" validate={[required(), maxLength(LIMITS.nameLength)]} fullWidth />
      <SelectInput
        source="kind"
        choices={organizationKindChoices}
        validate={required()}
        helperText="ledger.organizations.kindHelp"
      />
      <AutocompleteInput source="country" choices={countries} translateChoice={false} sx={{ minWidth: 320 }} />
      <TextInput source="website" type="url" fullWidth validate={[maxLength(500), httpAddress]} />
    </SimpleForm>
  );
};
