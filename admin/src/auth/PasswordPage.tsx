import LockResetIcon from '@mui/icons-material/LockReset';
import { Card, CardContent, Typography } from '@mui/material';
import {
  Form,
  maxLength,
  PasswordInput,
  required,
  SaveButton,
  Title,
  useLogout,
  useNotify,
  useTranslate,
} from 'react-admin';
import { fieldErrorsOf, messageOf } from '../providers/apiErrors';
import { authApi } from '../providers/authApi';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength, repeats } from './passwordRules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** `/password`: the signed-in user changes their password; the server ends every session, so we log out. */
export const PasswordPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const logout = useLogout();

  const submit = async (values: Partial<Values>) => {
    try {
      await authApi.changePassword(values.currentPassword ?? '', values.newPassword ?? '');
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (fieldErrors?.currentPassword || fieldErrors?.newPassword) return fieldErrors;
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
      return;
    }
    notify('ledger.password.changed', { type: 'success' });
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
          <PasswordInput
            source="newPassword"
            label="ledger.password.newPassword"
            autoComplete="new-password"
            validate={[required(), passwordLength, maxLength(PASSWORD_MAX_LENGTH)]}
            helperText={translate('ledger.password.help', { min: PASSWORD_MIN_LENGTH })}
            fullWidth
          />
          <PasswordInput
            source="confirmPassword"
            label="ledger.password.confirmPassword"
            autoComplete="new-password"
            validate={[required(), repeats('newPassword')]}
            fullWidth
          />
          <SaveButton label="ledger.password.submit" icon={<LockResetIcon />} />
        </Form>
      </CardContent>
    </Card>
  );
};
