import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import { lazy } from 'react';
import { OrganizationList } from './OrganizationList';

// The show page and the forms load on first use.
const OrganizationShow = lazy(() => import('./OrganizationShow').then((m) => ({ default: m.OrganizationShow })));
const OrganizationEdit = lazy(() => import('./OrganizationEdit').then((m) => ({ default: m.OrganizationEdit })));
const OrganizationCreate = lazy(() => import('./OrganizationCreate').then((m) => ({ default: m.OrganizationCreate })));

export default {
  list: OrganizationList,
  show: OrganizationShow,
  edit: OrganizationEdit,
  create: OrganizationCreate,
  icon: CorporateFareIcon,
  recordRepresentation: 'name',
};
