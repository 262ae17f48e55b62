import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

export default {
  list: UserList,
  show: UserShow,
  edit: UserEdit,
  create: UserCreate,
  icon: ManageAccountsIcon,
  recordRepresentation: 'displayName',
};
