import InsightsIcon from '@mui/icons-material/Insights';
import { IndicatorCreate } from './IndicatorCreate';
import { IndicatorEdit } from './IndicatorEdit';
import { IndicatorList } from './IndicatorList';
import { IndicatorShow } from './IndicatorShow';

export default {
  list: IndicatorList,
  show: IndicatorShow,
  edit: IndicatorEdit,
  create: IndicatorCreate,
  icon: InsightsIcon,
  recordRepresentation: 'code',
};
