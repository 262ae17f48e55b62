import AddIcon from '@mui/icons-material/Add';
import { Stack } from '@mui/material';
import { useState } from 'react';
import {
  DateInput,
  Form,
  maxLength,
  required,
  SaveButton,
  SelectInput,
  TextInput,
  useLogoutIfAccessDenied,
  useNotify,
} from 'react-admin';
import { toChoices } from '../common/choices';
import { fieldErrorsOf, messageOf } from '../providers/apiErrors';
import {
  DEFAULT_EXPIRY_DAYS,
  dateInDays,
  expiryInRange,
  expiryInstant,
  firstExpiryDate,
  lastExpiryDate,
} from './tokenExpiry';
import { tokenApi } from './tokenApi';
import { type CreatedApiToken, TOKEN_SCOPES, type TokenScope } from './types';

const scopeChoices = toChoices(TOKEN_SCOPES, 'tokenScope');

interface Values {
  name: string;
  scope: TokenScope;
  expiresAt: string;
}

/** Name, scope and expiry of a new token; hands the created token (with its secret) to `onCreated`. */
export const NewTokenForm = ({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) => {
  const notify = useNotify();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  // A new key gives a fresh, empty form after each creation.
  const [formKey, setFormKey] = useState(0);

  const submit = async (values: Partial<Values>) => {
    try {
      const created = await tokenApi.create({
        name: (values.name ?? '').trim(),
        scope: values.scope ?? 'read',
        expiresAt: expiryInstant(values.expiresAt ?? ''),
      });
      setFormKey((k) => k + 1);
      onCreated(created);
    } catch (error) {
      // The session ended (401): back to the sign-in page, as for every other request.
      if (await logoutIfAccessDenied(error)) return;
      const fieldErrors = fieldErrorsOf(error);
      if (fieldErrors) return fieldErrors;
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    }
  };

  return (
    <Form
      key={formKey}
      onSubmit={submit}
      defaultValues={{ scope: 'read', expiresAt: dateInDays(DEFAULT_EXPIRY_DAYS) }}
      noValidate
    >
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
        <TextInput
          source="name"
          label="ledger.tokens.name"
          validate={[required(), maxLength(100)]}
          helperText="ledger.tokens.nameHelp"
          sx={{ minWidth: 280 }}
        />
        <SelectInput source="scope" label="ledger.tokens.scope" choices={scopeChoices} validate={required()} />
        <DateInput
          source="expiresAt"
          label="ledger.tokens.expiresAt"
          validate={[required(), expiryInRange]}
          helperText="ledger.tokens.expiryHelp"
          slotProps={{ htmlInput: { min: firstExpiryDate(), max: lastExpiryDate() } }}
        />
      </Stack>
      <SaveButton label="ledger.tokens.create" icon={<AddIcon />} />
    </Form>
  );
};
