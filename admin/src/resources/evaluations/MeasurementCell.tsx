import ClearIcon from '@mui/icons-material/Clear';
import { Box, IconButton, InputBase, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { toDraft, type CellPlace } from './measurementDraft';
import { MeasurementReadOnly } from './MeasurementReadOnly';
import type { OutcomeMeasurement } from './types';
import { useMeasurementCell } from './useMeasurementCell';

/**
 * One cell of the outcome grid: the numbers of one measurement. Editing saves when focus leaves the
 * cell or on Enter (create, update with its version, or delete when emptied); the server's refusal is
 * shown under the cell, and the input it names is marked invalid.
 */
export const MeasurementCell = ({
  place,
  measurement,
  editable,
  onSaved,
}: {
  place: CellPlace;
  measurement: OutcomeMeasurement | undefined;
  editable: boolean;
  onSaved: () => void;
}) => {
  const translate = useTranslate();
  const cell = useMeasurementCell(place, measurement, onSaved);

  if (!editable) {
    return (
      <MeasurementReadOnly
        place={place}
        measurement={measurement}
        fields={cell.fields}
        fieldLabel={cell.fieldLabel}
        share={cell.share}
      />
    );
  }

  const errorFields = new Set(cell.errors.map((e) => e.field));
  const errorId = `${place.label}-errors`.replace(/\W+/g, '-');
  return (
    <Box onBlur={cell.onBlur} sx={{ minWidth: 96 }} data-cell={place.label}>
      <Stack spacing={0.5}>
        {cell.fields.map((f) => {
          const invalid = errorFields.has(f);
          return (
            <Stack key={f} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <Typography
                variant="caption"
                color="text.secondary"
                sx={{ width: 38, textAlign: 'right', flexShrink: 0 }}
                aria-hidden
              >
                {cell.fieldLabel(f)}
              </Typography>
              <InputBase
                value={cell.draft[f] ?? ''}
                onChange={(event) => {
                  const text = event.target.value;
                  cell.setDraft((d) => ({ ...d, [f]: text }));
                  cell.setJustSaved(false);
                }}
                onKeyDown={cell.onKeyDown}
                readOnly={cell.saving}
                inputProps={{
                  'aria-label': `${place.label} · ${cell.fieldLabel(f)}`,
                  'aria-invalid': invalid || undefined,
                  'aria-describedby': cell.errors.length ? errorId : undefined,
                  inputMode: f === 'n' || f === 'events' ? 'numeric' : 'decimal',
                  autoComplete: 'off',
                }}
                sx={{
                  width: 72,
                  px: 0.75,
                  border: 1,
                  borderRadius: 1,
                  fontSize: '0.875rem',
                  borderColor: invalid ? 'error.main' : 'divider',
                  borderWidth: invalid ? 2 : 1,
                  bgcolor: 'background.paper',
                  '&.Mui-focused': { borderColor: 'primary.main', boxShadow: 1 },
                  '& input': { textAlign: 'right', py: 0.25 },
                }}
              />
            </Stack>
          );
        })}
        <Stack direction="row" sx={{ alignItems: 'center', minHeight: 20 }}>
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1, textAlign: 'right', pr: 0.5 }}>
            {cell.saving
              ? translate('ledger.outcomes.saving')
              : cell.justSaved
                ? translate('ledger.outcomes.saved')
                : cell.share}
          </Typography>
          {cell.base && (
            <IconButton
              size="small"
              tabIndex={-1}
              aria-label={translate('ledger.outcomes.clear', { where: place.label })}
              title={translate('ledger.outcomes.clear', { where: place.label })}
              onClick={() => {
                const cleared = toDraft(undefined, cell.fields);
                cell.setDraft(cleared);
                void cell.save(cleared);
              }}
              sx={{ p: 0.25 }}
            >
              <ClearIcon sx={{ fontSize: 14 }} />
            </IconButton>
          )}
        </Stack>
        {cell.errors.length > 0 && (
          <Box id={errorId} role="alert" sx={{ maxWidth: 160 }}>
            {cell.errors.map((e, i) => (
              <Typography key={i} variant="caption" color="error" component="div">
                {e.message}
              </Typography>
            ))}
          </Box>
        )}
      </Stack>
    </Box>
  );
};
