import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import { lazy } from 'react';
import { GrantList } from './GrantList';

// The show page (periods, targets grid, history) and the forms load on first use.
const GrantShow = lazy(() => import('./GrantShow').then((m) => ({ default: m.GrantShow })));
const GrantEdit = lazy(() => import('./GrantEdit').then((m) => ({ default: m.GrantEdit })));
const GrantCreate = lazy(() => import('./GrantCreate').then((m) => ({ default: m.GrantCreate })));

export default {
  list: GrantList,
  show: GrantShow,
  edit: GrantEdit,
  create: GrantCreate,
  icon: RequestQuoteIcon,
  recordRepresentation: 'title',
};
