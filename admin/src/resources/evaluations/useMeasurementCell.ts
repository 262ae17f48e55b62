import { type FocusEvent, type KeyboardEvent, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { useNumberFormat } from '../../common/format';
import { detailsOf } from '../../providers/ledgerApi';
import { messageOf } from '../../providers/apiErrors';
import {
  FIELDS_BY_MEASURE,
  parseNumber,
  sameDraft,
  toDraft,
  withFieldName,
  type CellPlace,
  type Draft,
  type ValueField,
} from './measurementDraft';
import type { OutcomeMeasurement } from './types';

/**
 * The state of one cell of the outcome grid: the draft numbers, following the server's copy unless
 * edited, and the save (create, update with its version, or delete when emptied) with its refusals.
 */
export const useMeasurementCell = (
  place: CellPlace,
  measurement: OutcomeMeasurement | undefined,
  onSaved: () => void,
) => {
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

  return {
    fields,
    fieldLabel,
    base,
    draft,
    setDraft,
    saving,
    errors,
    justSaved,
    setJustSaved,
    save,
    onBlur,
    onKeyDown,
    share,
  };
};
