import { Card, CardContent, Stack, Typography } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Loading, Title, useGetIdentity, useTranslate } from 'react-admin';
import { isRole } from '../common/roles';

// The role dashboards (tables, progress bars) load after the greeting.
const RoleDashboard = lazy(() => import('./RoleDashboard'));

/** Home page: who is signed in, what their role lets them do, then what waits for them. */
export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  const role: unknown = identity.role;
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title="ra.page.dashboard" />
      <Card>
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
      <Suspense fallback={<Loading />}>
        <RoleDashboard />
      </Suspense>
    </Stack>
  );
};
