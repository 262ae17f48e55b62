import LinkIcon from '@mui/icons-material/Link';
import { useState } from 'react';
import { Button, useCanAccess, useLogoutIfAccessDenied, useNotify, useRecordContext } from 'react-admin';
import { messageOf } from '../../providers/apiErrors';
import { userApi } from './api';
import { SetPasswordLinkDialog } from './SetPasswordLinkDialog';
import type { User } from './types';

/** Admins: issue a new one-time set-password link for the user shown (when the first one expired or got lost). */
export const NewSetPasswordLinkButton = () => {
  const user = useRecordContext<User>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'edit', record: user });
  const notify = useNotify();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user || !canAccess) return null;

  const issue = async () => {
    setBusy(true);
    try {
      const { setPasswordUrl } = await userApi.createSetPasswordLink(user.id);
      setUrl(setPasswordUrl);
    } catch (error) {
      if (await logoutIfAccessDenied(error)) return; // the session ended (401)
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button label="ledger.users.newLink" onClick={() => void issue()} disabled={busy}>
        <LinkIcon />
      </Button>
      {url && (
        <SetPasswordLinkDialog title="ledger.users.newLinkTitle" user={user} url={url} onClose={() => setUrl(null)} />
      )}
    </>
  );
};
