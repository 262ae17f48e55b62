import { Chip, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useCountryName } from './choices';

/** Country codes of the record shown as names in the user's language. */
export const CountriesField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const countryName = useCountryName();
  const value = record?.[source];
  const codes = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
  if (codes.length === 0) return null;
  return (
    <Typography component="span" variant="body2">
      {codes.map(countryName).join(', ')}
    </Typography>
  );
};

/** An array of vocabulary values shown as translated chips. */
export const VocabularyChipsField = ({ source, prefix }: { source: string; prefix: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const translate = useTranslate();
  const values = (record?.[source] as string[] | undefined) ?? [];
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {values.map((v) => (
        <Chip key={v} size="small" label={translate(`ledger.${prefix}.${v}`)} />
      ))}
    </Stack>
  );
};

/** A list of short texts (logic model) as a bulleted list. */
export const TextListField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const values = (record?.[source] as string[] | undefined) ?? [];
  if (values.length === 0) return <Typography variant="body2">—</Typography>;
  return (
    <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
      {values.map((v, i) => (
        <li key={i}>
          <Typography variant="body2">{v}</Typography>
        </li>
      ))}
    </ul>
  );
};
