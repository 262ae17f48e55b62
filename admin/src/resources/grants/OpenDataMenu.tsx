import PublicIcon from '@mui/icons-material/Public';
import { useTranslate } from 'react-admin';
import { fileSafe } from '../../common/download';
import { DownloadMenuButton, type DownloadChoice } from '../../common/DownloadMenuButton';
import { startDownload } from '../../common/serverExport';
import type { Grant } from './types';

/** A grant's results as open data: IATI 2.03 for the IATI Registry, a DHIS2 data value set (JSON or CSV). */
export const OpenDataMenu = ({ grant }: { grant: Grant }) => {
  const translate = useTranslate();
  const base = `/api/grants/${encodeURIComponent(grant.id)}`;
  // The server names no file for these, so the download is named after the grant.
  const name = `grant-${fileSafe(grant.reference)}`;
  const choices: DownloadChoice[] = [
    {
      label: 'ledger.openData.iati',
      help: 'ledger.openData.iatiHelp',
      onSelect: () => startDownload(`${base}/iati.xml`, `${name}-iati.xml`),
    },
    {
      label: 'ledger.openData.dhis2Json',
      help: 'ledger.openData.dhis2JsonHelp',
      onSelect: () => startDownload(`${base}/dhis2?format=json`, `${name}-dhis2.json`),
    },
    {
      label: 'ledger.openData.dhis2Csv',
      help: 'ledger.openData.dhis2CsvHelp',
      onSelect: () => startDownload(`${base}/dhis2?format=csv`, `${name}-dhis2.csv`),
    },
  ];
  return (
    <DownloadMenuButton
      label="ledger.openData.button"
      heading={translate('ledger.openData.heading')}
      icon={<PublicIcon />}
      choices={choices}
    />
  );
};
