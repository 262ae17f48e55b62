import ClearIcon from '@mui/icons-material/Clear';
import { Box, IconButton, InputBase, Stack, Typography } from '@mui/material';
import { type FocusEvent, type KeyboardEvent, useState } from 'react';
import { useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { Arm, Timepoint } from '@vocabulary/evaluations';
import type { Disaggregation } from '../../common/disaggregation';
import { useNumberFormat } from '../../common/format';
import { detailsOf } from '../../providers/ledgerApi';
import { messageOf } from '../../providers/apiErrors';
import type { IndicatorRecord, OutcomeMeasurement } from './types';

export type ValueField = 'n' | 'events' | 'mean' | 'sd' | 'value';

/** The numbers a measurement holds for each measure type (docs/api.md, "Outcome measurements"). */
export const FIELDS_BY_MEASURE: Record<IndicatorRecord['measureType'], readonly ValueField[]> = {
  proportion: ['n', 'events'],
  mean: ['n', 'mean', 'sd'],
  count: ['n', 'value'],
  rate: ['n', 'value'],
};

type Draft = Partial<Record<ValueField, string>>;

const toDraft = (m: OutcomeMeasurement | undefined, fields: readonly ValueField[]): Draft =>
  Object.fromEntries(fields.map((f) => [f, m && m[f] !== null && m[f] !== undefined ? String(m[f]) : '']));

const sameDraft = (a: Draft, b: Draft, fields: readonly ValueField[]) =>
  fields.every((f) => (a[f] ?? '').trim() === (b[f] ?? '').trim());

/** Decimal comma or point; empty is null; anything else that is not a number is undefined. */
const parseNumber = (text: string | undefined): number | null | undefined => {
  const trimmed = (text ?? '').trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
};

/** "must be at most n (120)" → "events must be at most n (120)": the message names its field. */
const withFieldName = (field: string, message: string) =>
  field && !message.toLowerCase().startsWith(field.toLowerCase()) ? `${field} ${message}` : message;

export interface CellPlace {
  evaluationId: Identifier;
  indicator: IndicatorRecord;
  arm: Arm;
  timepoint: Timepoint;
  disaggregation: Disaggregation;
  /** "Treatment · Post", plus the breakdown when not the total: the inputs' accessible names start with it. */
  label: string;
}

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
  const number = useNumberFormat();
  const dataProvider = useDataProvider();
  const fields = FIELDS_BY_MEASURE[place.indicator.measureType] ?? ['n', 'value'];

  // Follows the server's copy unless the user has unsaved edits in this cell.
  const propKey = measurement ? `${measurement.id}:${measurement.version}` : 'none';
  const [synced, setSynced] = useState(propKey);
  const [base, setBase] = useState<OutcomeMeasurement | undefined>(measurement);
  const [draft, setDraft] = useState<Draft>(() => toDraft(measurement, fields));
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<{ field?: string; message: string }[]>([]);
  const [justSaved, setJustSaved] = useState(false);
  if (synced !== propKey) {
    setSynced(propKey);
    if (sameDraft(draft, toDraft(base, fields), fields)) {
      setBase(measurement);
      setDraft(toDraft(measurement, fields));
    }
  }

  const fieldLabel = (f: ValueField) => translate(`ledger.outcomes.field.${f}`);

  const save = async (wanted: Draft = draft) => {
    if (saving || sameDraft(wanted, toDraft(base, fields), fields)) return;
    const values: Partial<Record<ValueField, number | null>> = {};
    const problems: { field: string; message: string }[] = [];
    for (const f of fields) {
      const parsed = parseNumber(wanted[f]);
      if (parsed === undefined)
        problems.push({ field: f, message: translate('ledger.outcomes.notANumber', { field: fieldLabel(f) }) });
      else values[f] = parsed;
    }
    if (problems.length) {
      setErrors(problems);
      return;
    }
    const empty = fields.every((f) => values[f] === null);
    setSaving(true);
    setErrors([]);
    try {
      if (empty) {
        if (base) await dataProvider.delete('outcome-measurements', { id: base.id, previousData: base });
        setBase(undefined);
        setDraft(toDraft(undefined, fields));
      } else if (base) {
        const { data } = await dataProvider.update<OutcomeMeasurement>('outcome-measurements', {
          id: base.id,
          data: { ...values, version: base.version },
          previousData: base,
        });
        setBase(data);
        setDraft(toDraft(data, fields));
      } else {
        const { data } = await dataProvider.create<OutcomeMeasurement>('outcome-measurements', {
          data: {
            evaluationId: place.evaluationId,
            indicatorId: place.indicator.id,
            arm: place.arm,
            timepoint: place.timepoint,
            ...place.disaggregation,
            ...values,
          },
        });
        setBase(data);
        setDraft(toDraft(data, fields));
      }
      setJustSaved(true);
      onSaved();
    } catch (error) {
      const details = detailsOf(error);
      setErrors(
        details.length
          ? details.map((d) => ({ field: d.field, message: withFieldName(d.field, d.message) }))
          : [{ message: translate(messageOf(error), { _: messageOf(error) }) }],
      );
      onSaved(); // a 409 (someone else changed it, or the evaluation is locked) brings the current numbers
    } finally {
      setSaving(false);
    }
  };

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) void save();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      setDraft(toDraft(base, fields));
      setErrors([]);
    }
  };

  const n = parseNumber(draft.n);
  const events = parseNumber(draft.events);
  const share =
    place.indicator.measureType === 'proportion' &&
    typeof n === 'number' &&
    n > 0 &&
    typeof events === 'number' &&
    events >= 0 &&
    events <= n // a share above 100 % is what the server refuses: no derived number beside the error
      ? `${number(Math.round((events / n) * 1000) / 10)} %`
      : null;

  if (!editable) {
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
  }

  const errorFields = new Set(errors.map((e) => e.field));
  const errorId = `${place.label}-errors`.replace(/\W+/g, '-');
  return (
    <Box onBlur={onBlur} sx={{ minWidth: 96 }} data-cell={place.label}>
      <Stack spacing={0.5}>
        {fields.map((f) => {
          const invalid = errorFields.has(f);
          return (
            <Stack key={f} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <Typography
                variant="caption"
                color="text.secondary"
                sx={{ width: 38, textAlign: 'right', flexShrink: 0 }}
                aria-hidden
              >
                {fieldLabel(f)}
              </Typography>
              <InputBase
                value={draft[f] ?? ''}
                onChange={(event) => {
                  const text = event.target.value;
                  setDraft((d) => ({ ...d, [f]: text }));
                  setJustSaved(false);
                }}
                onKeyDown={onKeyDown}
                readOnly={saving}
                inputProps={{
                  'aria-label': `${place.label} · ${fieldLabel(f)}`,
                  'aria-invalid': invalid || undefined,
                  'aria-describedby': errors.length ? errorId : undefined,
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
            {saving ? translate('ledger.outcomes.saving') : justSaved ? translate('ledger.outcomes.saved') : share}
          </Typography>
          {base && (
            <IconButton
              size="small"
              tabIndex={-1}
              aria-label={translate('ledger.outcomes.clear', { where: place.label })}
              title={translate('ledger.outcomes.clear', { where: place.label })}
              onClick={() => {
                const cleared = toDraft(undefined, fields);
                setDraft(cleared);
                void save(cleared);
              }}
              sx={{ p: 0.25 }}
            >
              <ClearIcon sx={{ fontSize: 14 }} />
            </IconButton>
          )}
        </Stack>
        {errors.length > 0 && (
          <Box id={errorId} role="alert" sx={{ maxWidth: 160 }}>
            {errors.map((e, i) => (
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
