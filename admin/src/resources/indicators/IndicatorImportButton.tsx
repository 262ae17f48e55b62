import { useRefresh, useTranslate } from 'react-admin';
import {
  INDICATOR_IMPORT_OPTIONAL,
  INDICATOR_IMPORT_REQUIRED,
  INDICATOR_LEVELS,
  MEASURE_TYPES,
  RATE_BASES,
  SDG_TARGETS,
} from '@vocabulary/indicators';
import { ImportButton } from '../../common/imports/ImportButton';
import { ImportColumns } from '../../common/imports/ImportColumns';
import { useHasPermission } from '../../common/permissions';

const VALUES: Record<string, readonly string[]> = {
  level: INDICATOR_LEVELS,
  measure_type: MEASURE_TYPES,
  rate_base: RATE_BASES.map(String),
  sdg_target: SDG_TARGETS,
};

/** The columns `POST /api/indicators/imports` reads (the server's own lists; there is no server template). */
const IndicatorColumns = () => {
  const translate = useTranslate();
  return (
    <ImportColumns
      columns={[...INDICATOR_IMPORT_REQUIRED, ...INDICATOR_IMPORT_OPTIONAL].map((name) => ({
        name,
        required: INDICATOR_IMPORT_REQUIRED.includes(name),
        help: translate(`ledger.imports.indicators.column.${name}`, { values: VALUES[name]?.join(', ') }),
      }))}
      template={{ fileName: 'indicators.csv' }}
    />
  );
};

/** "Import" on the indicator list, for those who may edit the library (administrators). */
export const IndicatorImportButton = () => {
  const canWrite = useHasPermission('indicators:write');
  const refresh = useRefresh();
  if (!canWrite) return null;
  return (
    <ImportButton
      label="ledger.imports.indicators.open"
      variant="text"
      endpoint="/indicators/imports"
      messages="ledger.imports.indicators"
      help={<IndicatorColumns />}
      noChildData={false}
      onImported={refresh}
    />
  );
};
