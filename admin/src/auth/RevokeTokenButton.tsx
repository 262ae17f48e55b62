import BlockIcon from '@mui/icons-material/Block';
import { Button } from '@mui/material';
import { useState } from 'react';
import { Confirm, useLogoutIfAccessDenied, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { messageOf } from '../providers/apiErrors';
import { tokenApi } from './tokenApi';
import { tokenStatus } from './tokens';
import type { ApiToken } from './types';

/** "Revoke" with a confirmation, for an active token of the row. */
export const RevokeTokenButton = ({ onRevoked }: { onRevoked: () => void }) => {
  const token = useRecordContext<ApiToken>();
  const notify = useNotify();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!token || tokenStatus(token) !== 'active') return null;

  const revoke = async () => {
    setBusy(true);
    try {
      await tokenApi.revoke(token.id);
      notify('ledger.tokens.revoked', { type: 'info' });
      onRevoked();
    } catch (error) {
      if (await logoutIfAccessDenied(error)) return; // the session ended (401)
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button color="error" size="small" startIcon={<BlockIcon />} onClick={() => setOpen(true)}>
        {translate('ledger.tokens.revoke')}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="ledger.tokens.revokeTitle"
        titleTranslateOptions={{ name: token.name }}
        content="ledger.tokens.revokeContent"
        confirm="ledger.tokens.revoke"
        confirmColor="warning"
        onConfirm={() => void revoke()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
