import SummarizeIcon from '@mui/icons-material/Summarize';
import { useTranslate, type Identifier } from 'react-admin';
import { DownloadMenuButton } from '../../common/DownloadMenuButton';
import { startDownload } from '../../common/serverExport';

/** The evaluation summary for boards and funders, written by the server (PDF or XLSX); for anyone who can read it. */
export const SummaryMenu = ({ evaluationId }: { evaluationId: Identifier }) => {
  const translate = useTranslate();
  const url = (format: 'pdf' | 'xlsx') => `/api/evaluations/${encodeURIComponent(evaluationId)}/summary.${format}`;
  return (
    <DownloadMenuButton
      label="ledger.summary.button"
      heading={translate('ledger.summary.heading')}
      icon={<SummarizeIcon />}
      choices={(['pdf', 'xlsx'] as const).map((format) => ({
        label: `ledger.summary.${format}`,
        help: `ledger.summary.${format}Help`,
        onSelect: () => startDownload(url(format)),
      }))}
    />
  );
};
