import { useState } from 'react';
import { Create, useNotify, useRedirect } from 'react-admin';
import { SetPasswordLinkDialog } from './SetPasswordLinkDialog';
import type { CreatedUser } from './types';
import { toUserPayload, UserForm } from './UserForm';

/** After creation, the one-time set-password link is shown once; closing it opens the new user's page. */
export const UserCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const onSuccess = (user: CreatedUser) => {
    notify('ra.notification.created', { type: 'info', messageArgs: { smart_count: 1 } });
    setCreated(user);
  };
  return (
    <>
      <Create transform={toUserPayload} mutationOptions={{ onSuccess }}>
        <UserForm />
      </Create>
      {created && (
        <SetPasswordLinkDialog
          title="ledger.users.createdTitle"
          user={created}
          url={created.setPasswordUrl}
          onClose={() => redirect('show', 'users', created.id)}
        />
      )}
    </>
  );
};
