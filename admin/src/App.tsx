import { Admin, Resource } from 'react-admin';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { Layout } from './layout/Layout';
import organizations from './resources/organizations';
import programs from './resources/programs';

export const App = () => (
  <Admin
    title="Outcome Ledger"
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    disableTelemetry
    requireAuth={false}
  >
    <Resource name="programs" {...programs} />
    <Resource name="organizations" {...organizations} />
  </Admin>
);
