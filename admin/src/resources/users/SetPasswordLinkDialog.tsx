import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SecretDialog } from '../../common/SecretDialog';
import type { User } from './types';

/** The server may answer with a path (`/#/set-password?token=…`); the admin sends the user a full address. */
const absolute = (url: string) => new URL(url, window.location.href).href;

/** Shows a user's one-time set-password link once, with a copy button. */
export const SetPasswordLinkDialog = ({
  title,
  user,
  url,
  onClose,
}: {
  title: string;
  user: Pick<User, 'displayName' | 'email'>;
  url: string;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  return (
    <SecretDialog title={title} label="ledger.users.link" value={absolute(url)} onClose={onClose}>
      <Alert severity="info">{translate('ledger.users.linkHelp', { name: user.displayName, email: user.email })}</Alert>
      <Alert severity="warning">{translate('ledger.users.linkOnce')}</Alert>
    </SecretDialog>
  );
};
