import { Alert, Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Strategy } from '@vocabulary/programs';
import { DownloadMenuButton } from '../common/DownloadMenuButton';
import { startDownload } from '../common/serverExport';

const FORMATS = ['csv', 'xlsx', 'datapackage'] as const;
type DatasetFormat = (typeof FORMATS)[number];

/** `GET /api/exports/research-dataset` with the page's strategy and indicator (empty choices left out). */
export function datasetUrl(
  format: DatasetFormat,
  { strategy, indicatorId }: { strategy: string; indicatorId: string },
) {
  const search = new URLSearchParams({ format });
  if (strategy) search.set('strategy', strategy);
  if (indicatorId) search.set('indicatorId', indicatorId);
  return `/api/exports/research-dataset?${search.toString()}`;
}

/**
 * The researcher data set: approved evaluations, one row per measurement, written by the server with small
 * cells suppressed, for the strategy and indicator chosen on the page.
 */
export const DatasetSection = ({
  strategy,
  indicatorId,
  indicatorLabel,
}: {
  strategy: Strategy | '';
  /** The chosen indicator's id, or '' for all. */
  indicatorId: string;
  /** "CODE — name" of the chosen indicator. */
  indicatorLabel?: string;
}) => {
  const translate = useTranslate();
  const filters = [
    strategy ? translate(`ledger.strategy.${strategy}`) : translate('ledger.dataset.allStrategies'),
    indicatorLabel ?? translate('ledger.dataset.allIndicators'),
  ].join(' · ');
  return (
    <Stack spacing={1.5} data-testid="dataset">
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dataset.intro', { filters })}
      </Typography>
      <Box>
        <DownloadMenuButton
          label="ledger.dataset.button"
          heading={translate('ledger.dataset.heading', { filters })}
          variant="outlined"
          choices={FORMATS.map((format) => ({
            label: `ledger.dataset.${format}`,
            help: `ledger.dataset.${format}Help`,
            onSelect: () => startDownload(datasetUrl(format, { strategy, indicatorId })),
          }))}
        />
      </Box>
      <Alert severity="info" variant="outlined" role="note">
        {translate('ledger.dataset.suppression')}
      </Alert>
    </Stack>
  );
};
