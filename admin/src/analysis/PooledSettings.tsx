import { Box, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STRATEGIES, type Strategy } from '@vocabulary/programs';
import { META_METHODS, META_TESTS, POOLED_TIMEPOINTS } from './types';
import type { PooledSettingsState } from './usePooledSettings';

/** A select of fixed values, each labelled by the translation key `<labelPrefix>.<value>`. */
function KeyChoice<T extends string>({
  label,
  value,
  values,
  labelPrefix,
  onChange,
  disabled,
  helperText,
}: {
  label: string;
  value: T | '';
  values: readonly T[];
  labelPrefix: string;
  onChange: (value: T) => void;
  disabled?: boolean;
  helperText?: string;
}) {
  const translate = useTranslate();
  return (
    <TextField
      select
      label={translate(label)}
      value={value}
      onChange={(e) => onChange(e.target.value as T)}
      disabled={disabled}
      helperText={helperText}
    >
      {values.map((v) => (
        <MenuItem key={v} value={v}>
          {translate(`${labelPrefix}.${v}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Strategy, indicator, timepoint, measure, method and test of the pooled estimate. */
export const PooledSettings = ({ settings }: { settings: PooledSettingsState }) => {
  const translate = useTranslate();
  const { choices, choose, poolable, indicatorsPending, indicator, fitting, measure } = settings;
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', md: 'repeat(12, 1fr)' },
        '& > :nth-of-type(1)': { gridColumn: { md: 'span 4' } },
        '& > :nth-of-type(2)': { gridColumn: { md: 'span 8' } },
        '& > :nth-of-type(3)': { gridColumn: { md: 'span 2' } },
        '& > :nth-of-type(4), & > :nth-of-type(6)': { gridColumn: { md: 'span 3' } },
        '& > :nth-of-type(5)': { gridColumn: { md: 'span 4' } },
      }}
    >
      <TextField
        select
        label={translate('ledger.analysis.strategy')}
        value={choices.strategy}
        onChange={(e) => choose({ strategy: e.target.value as Strategy | '' })}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">{translate('ledger.analysis.allStrategies')}</MenuItem>
        {STRATEGIES.map((s) => (
          <MenuItem key={s} value={s}>
            {translate(`ledger.strategy.${s}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={translate('ledger.analysis.indicator')}
        value={indicator ? String(indicator.id) : ''}
        onChange={(e) => choose({ indicatorId: e.target.value, chosenMeasure: '' })}
        disabled={indicatorsPending}
        helperText={translate('ledger.analysis.indicatorHelp')}
      >
        {poolable.map((i) => (
          <MenuItem key={String(i.id)} value={String(i.id)}>
            {i.code} — {i.name}
          </MenuItem>
        ))}
      </TextField>
      <KeyChoice
        label="ledger.analysis.timepoint"
        value={choices.timepoint}
        values={POOLED_TIMEPOINTS}
        labelPrefix="ledger.timepoint"
        onChange={(timepoint) => choose({ timepoint })}
      />
      <KeyChoice
        label="ledger.analysis.measure"
        value={measure ?? ''}
        values={fitting}
        labelPrefix="ledger.measure"
        onChange={(chosenMeasure) => choose({ chosenMeasure })}
        disabled={!indicator}
        helperText={indicator ? undefined : translate('ledger.analysis.chooseIndicatorFirst')}
      />
      <KeyChoice
        label="ledger.analysis.method"
        value={choices.method}
        values={META_METHODS}
        labelPrefix="ledger.analysis.methodName"
        onChange={(method) => choose({ method })}
      />
      <KeyChoice
        label="ledger.analysis.test"
        value={choices.test}
        values={META_TESTS}
        labelPrefix="ledger.analysis.testName"
        onChange={(test) => choose({ test })}
      />
    </Box>
  );
};
