import { Box, Stack, Typography } from '@mui/material';
import { useNumberFormat } from '../../common/format';
import type { CellPlace, ValueField } from './measurementDraft';
import type { OutcomeMeasurement } from './types';

/** A cell of the outcome grid when it cannot be edited: the numbers as text, or a dash. */
export const MeasurementReadOnly = ({
  place,
  measurement,
  fields,
  fieldLabel,
  share,
}: {
  place: CellPlace;
  measurement: OutcomeMeasurement | undefined;
  fields: readonly ValueField[];
  fieldLabel: (f: ValueField) => string;
  share: string | null;
}) => {
  const number = useNumberFormat();
  if (!measurement) {
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  }
  return (
    <Stack spacing={0} aria-label={place.label}>
      {fields.map((f) => (
        <Typography key={f} variant="body2" sx={{ whiteSpace: 'nowrap' }}>
          <Box component="span" sx={{ color: 'text.secondary', mr: 0.5 }}>
            {fieldLabel(f)}
          </Box>
          {number(measurement[f])}
        </Typography>
      ))}
      {share && (
        <Typography variant="caption" color="text.secondary">
          {share}
        </Typography>
      )}
    </Stack>
  );
};
