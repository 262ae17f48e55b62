import AssignmentIcon from '@mui/icons-material/Assignment';
import { ProgramCreate } from './ProgramCreate';
import { ProgramEdit } from './ProgramEdit';
import { ProgramList } from './ProgramList';
import { ProgramShow } from './ProgramShow';

export default {
  list: ProgramList,
  show: ProgramShow,
  edit: ProgramEdit,
  create: ProgramCreate,
  icon: AssignmentIcon,
  recordRepresentation: 'name',
};
