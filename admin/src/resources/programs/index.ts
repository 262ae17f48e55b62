import AssignmentIcon from '@mui/icons-material/Assignment';
import { lazy } from 'react';
import { ProgramList } from './ProgramList';

// The show page and the forms load on first use.
const ProgramShow = lazy(() => import('./ProgramShow').then((m) => ({ default: m.ProgramShow })));
const ProgramEdit = lazy(() => import('./ProgramEdit').then((m) => ({ default: m.ProgramEdit })));
const ProgramCreate = lazy(() => import('./ProgramCreate').then((m) => ({ default: m.ProgramCreate })));

export default {
  list: ProgramList,
  show: ProgramShow,
  edit: ProgramEdit,
  create: ProgramCreate,
  icon: AssignmentIcon,
  recordRepresentation: 'name',
};
