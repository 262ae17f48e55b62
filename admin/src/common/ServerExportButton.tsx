import type { ReactNode } from 'react';
import {
  CreateButton,
  FilterButton,
  TopToolbar,
  useFilterContext,
  useListContext,
  useResourceDefinition,
  useTranslate,
} from 'react-admin';
import { DownloadMenuButton } from './DownloadMenuButton';
import { EXPORT_FORMATS, exportUrl, startDownload } from './serverExport';

/**
 * "Export" for a list: the server writes every row that matches the list's current filters and sort
 * (CSV or XLSX), under the same access rules; nothing is assembled in the browser.
 */
export const ServerExportButton = () => {
  const translate = useTranslate();
  const { resource, sort, total, ...list } = useListContext();
  // The filters shown in the list, plus its permanent `filter` prop.
  const filter = { ...(list.filterValues as Record<string, unknown>), ...(list.filter as Record<string, unknown>) };
  return (
    <DownloadMenuButton
      label="ra.action.export"
      disabled={!total}
      heading={total ? translate('ledger.export.heading', { smart_count: total }) : undefined}
      choices={EXPORT_FORMATS.map((format) => ({
        label: `ledger.export.${format}`,
        help: `ledger.export.${format}Help`,
        onSelect: () => startDownload(exportUrl(resource, format, { filter, sort })),
      }))}
    />
  );
};

/**
 * The list toolbar: filters, create (when the resource has a create view and the user may), the resource's own
 * buttons (`children`, e.g. an import) and the server export.
 */
export const ListActions = ({ children }: { children?: ReactNode }) => {
  const filters = useFilterContext();
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      {filters && filters.length > 0 && <FilterButton />}
      {hasCreate && <CreateButton />}
      {children}
      <ServerExportButton />
    </TopToolbar>
  );
};
