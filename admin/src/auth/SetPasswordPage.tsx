import { Alert, Button, Stack, Typography } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { useState } from 'react';
import { Form, LinkBase, SaveButton, useLocation, useNotify, useTranslate } from 'react-admin';
import { fieldErrorsOf, messageOf } from '../providers/apiErrors';
import { authApi } from '../providers/authApi';
import { AuthCard } from './AuthCard';
import { NewPasswordInputs } from './NewPasswordInputs';

interface Values {
  password: string;
  confirmPassword: string;
}

const SignInLink = () => {
  const translate = useTranslate();
  return (
    <Button component={LinkBase} to="/login" variant="contained">
      {translate('ledger.setPassword.signIn')}
    </Button>
  );
};

/** Public page of the one-time link `/#/set-password?token=…`: the user chooses their password. */
export const SetPasswordPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const [done, setDone] = useState(false);

  const submit = async (values: Partial<Values>) => {
    try {
      await authApi.setPassword(token, values.password ?? '');
      setDone(true);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (fieldErrors?.password) return { password: fieldErrors.password };
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    }
  };

  if (!token) {
    return (
      <AuthCard title="ledger.setPassword.title">
        <Alert severity="error">{translate('ledger.setPassword.missingToken')}</Alert>
      </AuthCard>
    );
  }
  if (done) {
    return (
      <AuthCard title="ledger.setPassword.title">
        <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Alert severity="success">{translate('ledger.setPassword.done')}</Alert>
          <SignInLink />
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="ledger.setPassword.title">
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('ledger.setPassword.intro')}
      </Typography>
      <Form onSubmit={submit} noValidate>
        <NewPasswordInputs
          source="password"
          label="ledger.setPassword.password"
          confirmLabel="ledger.setPassword.confirmPassword"
        />
        <SaveButton label="ledger.setPassword.submit" icon={<KeyIcon />} fullWidth />
      </Form>
    </AuthCard>
  );
};
