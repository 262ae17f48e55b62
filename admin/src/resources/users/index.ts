import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { lazy } from 'react';
import { UserList } from './UserList';

// The show page and the forms load on first use.
const UserShow = lazy(() => import('./UserShow').then((m) => ({ default: m.UserShow })));
const UserEdit = lazy(() => import('./UserEdit').then((m) => ({ default: m.UserEdit })));
const UserCreate = lazy(() => import('./UserCreate').then((m) => ({ default: m.UserCreate })));

export default {
  list: UserList,
  show: UserShow,
  edit: UserEdit,
  create: UserCreate,
  icon: ManageAccountsIcon,
  recordRepresentation: 'displayName',
};
