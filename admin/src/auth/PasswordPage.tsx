import LockResetIcon from '@mui/icons-material/LockReset';
import { Card, CardContent, Typography } from '@mui/material';
import { Form, PasswordInput, required, SaveButton, Title, useLogout, useNotify, useTranslate } from 'react-admin';
import { fieldErrorsOf, messageOf } from '../providers/apiErrors';
import { authApi, type PasswordChanged } from '../providers/authApi';
import { NewPasswordInputs } from './NewPasswordInputs';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * `/password`: the signed-in user changes their password; the server ends every session and revokes
 * every API token, so we say how many tokens went and log out.
 */
export const PasswordPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const logout = useLogout();

  const submit = async (values: Partial<Values>) => {
    let changed: PasswordChanged;
    try {
      changed = await authApi.changePassword(values.currentPassword ?? '', values.newPassword ?? '');
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (fieldErrors?.currentPassword || fieldErrors?.newPassword) return fieldErrors;
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
      return;
    }
    notify(changed.tokensRevoked > 0 ? 'ledger.password.changedTokensRevoked' : 'ledger.password.changed', {
      type: 'success',
      messageArgs: { smart_count: changed.tokensRevoked },
    });
    await logout({}, undefined, false);
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 560 }}>
      <Title title="ledger.password.title" />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('ledger.password.signOutNote')}
        </Typography>
        <Form onSubmit={submit} noValidate>
          <PasswordInput
            source="currentPassword"
            label="ledger.password.currentPassword"
            autoComplete="current-password"
            validate={required()}
            fullWidth
          />
          <NewPasswordInputs
            source="newPassword"
            label="ledger.password.newPassword"
            confirmLabel="ledger.password.confirmPassword"
          />
          <SaveButton label="ledger.password.submit" icon={<LockResetIcon />} />
        </Form>
      </CardContent>
    </Card>
  );
};
