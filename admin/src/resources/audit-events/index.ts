import HistoryIcon from '@mui/icons-material/History';
import { AuditEventList } from './AuditEventList';

export default { list: AuditEventList, icon: HistoryIcon };
