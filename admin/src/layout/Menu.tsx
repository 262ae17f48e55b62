import QueryStatsIcon from '@mui/icons-material/QueryStats';
import { Fragment } from 'react';
import { Menu, useResourceDefinitions } from 'react-admin';
import { useHasPermission } from '../common/permissions';

/** The sidebar: the dashboard, each listed resource the user may open, and the Analysis page after Evaluations. */
export const LedgerMenu = () => {
  const resources = useResourceDefinitions();
  const canAnalyse = useHasPermission('analysis:read');
  const names = Object.keys(resources).filter((name) => resources[name].hasList);
  const analysis = canAnalyse ? (
    <Menu.Item key="analysis" to="/analysis" primaryText="ledger.analysis.menu" leftIcon={<QueryStatsIcon />} />
  ) : null;
  return (
    <Menu>
      <Menu.DashboardItem />
      {names.map((name) => (
        <Fragment key={name}>
          <Menu.ResourceItem name={name} />
          {name === 'evaluations' && analysis}
        </Fragment>
      ))}
      {!names.includes('evaluations') && analysis}
    </Menu>
  );
};
