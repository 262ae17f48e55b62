import { useRefresh, useTranslate } from 'react-admin';
import { INDICATOR_LEVELS, MEASURE_TYPES, SDG_TARGETS } from '@vocabulary/indicators';
import { ImportButton } from '../../common/imports/ImportButton';
import { ImportColumns } from '../../common/imports/ImportColumns';
import { useHasPermission } from '../../common/permissions';

const REQUIRED = ['code', 'name', 'level', 'measure_type', 'direction'];
const OPTIONAL = [
  'definition',
  'unit',
  'min_value',
  'max_value',
  'sdg_target',
  'iati_vocabulary',
  'iati_code',
  'active',
];
const VALUES: Record<string, readonly string[]> = {
  level: INDICATOR_LEVELS,
  measure_type: MEASURE_TYPES,
  sdg_target: SDG_TARGETS,
};

/** The columns `POST /api/indicators/imports` reads (there is no server template for the library). */
const IndicatorColumns = () => {
  const translate = useTranslate();
  return (
    <ImportColumns
      columns={[...REQUIRED, ...OPTIONAL].map((name) => ({
        name,
        required: REQUIRED.includes(name),
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
      endpoint="/api/indicators/imports"
      messages="ledger.imports.indicators"
      help={<IndicatorColumns />}
      noChildData={false}
      onImported={refresh}
    />
  );
};
