import { Alert, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { SecretDialog } from '../common/SecretDialog';
import { messageOf } from '../providers/apiErrors';
import { NewTokenForm } from './NewTokenForm';
import { TokenTable } from './TokenTable';
import { useApiTokens } from './tokens';
import type { CreatedApiToken } from './types';

/** `/tokens`: the signed-in user's personal API tokens. */
export const TokensPage = () => {
  const translate = useTranslate();
  const { tokens, isPending, error, reload } = useApiTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="ledger.tokens.title" />
      <Card>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('ledger.tokens.intro')}
          </Typography>
          {isPending ? (
            <CircularProgress size={24} />
          ) : error ? (
            <Alert severity="error">{translate(messageOf(error), { _: messageOf(error) })}</Alert>
          ) : (
            <TokenTable tokens={tokens} onRevoked={reload} />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {translate('ledger.tokens.newToken')}
          </Typography>
          <NewTokenForm
            onCreated={(token) => {
              setCreated(token);
              reload();
            }}
          />
        </CardContent>
      </Card>
      {created && (
        <SecretDialog
          title="ledger.tokens.createdTitle"
          label="ledger.tokens.token"
          value={created.token}
          onClose={() => setCreated(null)}
        >
          <Alert severity="warning">{translate('ledger.tokens.onceWarning')}</Alert>
        </SecretDialog>
      )}
    </Stack>
  );
};
