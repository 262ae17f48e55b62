import ScienceIcon from '@mui/icons-material/Science';
import { lazy } from 'react';
import { EvaluationList } from './EvaluationList';

// The show page (outcome grid, review, history) and the forms load on first use.
const EvaluationShow = lazy(() => import('./EvaluationShow').then((m) => ({ default: m.EvaluationShow })));
const EvaluationEdit = lazy(() => import('./EvaluationEdit').then((m) => ({ default: m.EvaluationEdit })));
const EvaluationCreate = lazy(() => import('./EvaluationCreate').then((m) => ({ default: m.EvaluationCreate })));

export default {
  list: EvaluationList,
  show: EvaluationShow,
  edit: EvaluationEdit,
  create: EvaluationCreate,
  icon: ScienceIcon,
  recordRepresentation: 'title',
};
