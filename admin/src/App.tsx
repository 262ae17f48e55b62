import { lazy } from 'react';
import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import { LoginPage } from './auth/LoginPage';
import { Dashboard } from './dashboard/Dashboard';
import { Layout } from './layout/Layout';
import { darkTheme, lightTheme } from './layout/theme';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import auditEvents from './resources/audit-events';
import evaluations from './resources/evaluations';
import grants from './resources/grants';
import indicators from './resources/indicators';
import organizations from './resources/organizations';
import outcomeMeasurements from './resources/outcome-measurements';
import programs from './resources/programs';
import reportingPeriods from './resources/reporting-periods';
import targets from './resources/targets';
import users from './resources/users';

// Pooled estimates, the evidence map and their plots load on first use.
const AnalysisPage = lazy(() => import('./analysis/AnalysisPage'));
// Pages outside the resources, also on first use.
const TokensPage = lazy(() => import('./auth/TokensPage').then((m) => ({ default: m.TokensPage })));
const PasswordPage = lazy(() => import('./auth/PasswordPage').then((m) => ({ default: m.PasswordPage })));
const SetPasswordPage = lazy(() => import('./auth/SetPasswordPage').then((m) => ({ default: m.SetPasswordPage })));

// The router's own <Route> (react-admin's default router is react-router).
const { Route } = reactRouterProvider;

export const App = () => (
  <Admin
    title="Outcome Ledger"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    loginPage={LoginPage}
    theme={lightTheme}
    darkTheme={darkTheme}
    dashboard={Dashboard}
    requireAuth
    disableTelemetry
  >
    <Resource name="programs" {...programs} />
    <Resource name="grants" {...grants} />
    <Resource name="evaluations" {...evaluations} />
    <Resource name="indicators" {...indicators} />
    <Resource name="organizations" {...organizations} />
    <Resource name="users" {...users} />
    <Resource name="audit-events" {...auditEvents} />
    {/* Edited inside their grant's or evaluation's page: no menu entries. */}
    <Resource name="reporting-periods" {...reportingPeriods} />
    <Resource name="targets" {...targets} />
    <Resource name="outcome-measurements" {...outcomeMeasurements} />
    <CustomRoutes>
      <Route path="/analysis" element={<AnalysisPage />} />
      <Route path="/tokens" element={<TokensPage />} />
      <Route path="/password" element={<PasswordPage />} />
    </CustomRoutes>
    <CustomRoutes noLayout>
      <Route path="/set-password" element={<SetPasswordPage />} />
    </CustomRoutes>
  </Admin>
);
