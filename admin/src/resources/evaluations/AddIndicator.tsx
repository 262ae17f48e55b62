import { Autocomplete, TextField } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { IndicatorRecord } from './types';

/** Picks an active indicator from the library to add as a (secondary) outcome row. */
export const AddIndicator = ({ exclude, onAdd }: { exclude: Set<string>; onAdd: (i: IndicatorRecord) => void }) => {
  const translate = useTranslate();
  const { data = [], isPending } = useGetList<IndicatorRecord>('indicators', {
    filter: { active: true },
    sort: { field: 'code', order: 'ASC' },
    pagination: { page: 1, perPage: 1000 },
  });
  const options = data.filter((i) => !exclude.has(String(i.id)));
  return (
    <Autocomplete
      options={options}
      loading={isPending}
      value={null}
      blurOnSelect
      onChange={(_event, chosen) => chosen && onAdd(chosen)}
      getOptionLabel={(i) => `${i.code} — ${i.name}`}
      sx={{ width: 480, maxWidth: '100%' }}
      renderInput={(params) => (
        <TextField
          {...params}
          size="small"
          label={translate('ledger.outcomes.addIndicator')}
          helperText={translate('ledger.outcomes.addIndicatorHelp')}
        />
      )}
    />
  );
};
