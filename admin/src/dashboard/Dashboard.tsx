import { Card, CardContent, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { isRole } from '../auth/roles';

/** Home page: who is signed in and, in one sentence, what their role lets them do. */
export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  const role: unknown = identity.role;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate('ledger.dashboard.welcome', { name: identity.fullName })}
        </Typography>
        {isRole(role) && (
          <>
            <Typography variant="subtitle1" color="text.secondary" gutterBottom>
              {translate('ledger.dashboard.roleAt', {
                role: translate(`ledger.role.${role}`),
                organization: String(identity.organizationName ?? ''),
              })}
            </Typography>
            <Typography variant="body1">{translate(`ledger.dashboard.intro.${role}`)}</Typography>
          </>
        )}
      </CardContent>
    </Card>
  );
};
