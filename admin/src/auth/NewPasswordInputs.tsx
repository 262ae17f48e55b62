import { maxLength, PasswordInput, required, useTranslate } from 'react-admin';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength, repeats } from './passwordRules';

/** A new password and its confirmation, with the server's rules (set-password and change-password pages). */
export const NewPasswordInputs = ({
  source,
  label,
  confirmLabel,
}: {
  source: string;
  label: string;
  confirmLabel: string;
}) => {
  const translate = useTranslate();
  return (
    <>
      <PasswordInput
        source={source}
        label={label}
        autoComplete="new-password"
        validate={[required(), passwordLength, maxLength(PASSWORD_MAX_LENGTH)]}
        helperText={translate('ledger.password.help', { min: PASSWORD_MIN_LENGTH })}
        fullWidth
      />
      <PasswordInput
        source="confirmPassword"
        label={confirmLabel}
        autoComplete="new-password"
        validate={[required(), repeats(source)]}
        fullWidth
      />
    </>
  );
};
