import InsightsIcon from '@mui/icons-material/Insights';
import { lazy } from 'react';
import { IndicatorList } from './IndicatorList';

// The show page and the forms load on first use.
const IndicatorShow = lazy(() => import('./IndicatorShow').then((m) => ({ default: m.IndicatorShow })));
const IndicatorEdit = lazy(() => import('./IndicatorEdit').then((m) => ({ default: m.IndicatorEdit })));
const IndicatorCreate = lazy(() => import('./IndicatorCreate').then((m) => ({ default: m.IndicatorCreate })));

export default {
  list: IndicatorList,
  show: IndicatorShow,
  edit: IndicatorEdit,
  create: IndicatorCreate,
  icon: InsightsIcon,
  recordRepresentation: 'code',
};
