import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import { PasswordPage } from './auth/PasswordPage';
import { SetPasswordPage } from './auth/SetPasswordPage';
import { TokensPage } from './auth/TokensPage';
import { Dashboard } from './dashboard/Dashboard';
import { Layout } from './layout/Layout';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import auditEvents from './resources/audit-events';
import indicators from './resources/indicators';
import organizations from './resources/organizations';
import programs from './resources/programs';
import users from './resources/users';

// The router's own <Route> (react-admin's default router is react-router).
const { Route } = reactRouterProvider;

export const App = () => (
  <Admin
    title="Outcome Ledger"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    dashboard={Dashboard}
    requireAuth
    disableTelemetry
  >
    <Resource name="programs" {...programs} />
    <Resource name="indicators" {...indicators} />
    <Resource name="organizations" {...organizations} />
    <Resource name="users" {...users} />
    <Resource name="audit-events" {...auditEvents} />
    <CustomRoutes>
      <Route path="/tokens" element={<TokensPage />} />
      <Route path="/password" element={<PasswordPage />} />
    </CustomRoutes>
    <CustomRoutes noLayout>
      <Route path="/set-password" element={<SetPasswordPage />} />
    </CustomRoutes>
  </Admin>
);
