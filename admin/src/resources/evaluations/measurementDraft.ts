import type { Identifier } from 'react-admin';
import type { Arm, Timepoint } from '@vocabulary/evaluations';
import type { Disaggregation } from '../../common/disaggregation';
import type { IndicatorRecord, OutcomeMeasurement } from './types';

export type ValueField = 'n' | 'events' | 'mean' | 'sd' | 'value';

/** The numbers a measurement holds for each measure type (docs/api.md, "Outcome measurements"). */
export const FIELDS_BY_MEASURE: Record<IndicatorRecord['measureType'], readonly ValueField[]> = {
  proportion: ['n', 'events'],
  mean: ['n', 'mean', 'sd'],
  count: ['n', 'value'],
  rate: ['n', 'value'],
};

export type Draft = Partial<Record<ValueField, string>>;

export const toDraft = (m: OutcomeMeasurement | undefined, fields: readonly ValueField[]): Draft =>
  Object.fromEntries(fields.map((f) => [f, m && m[f] !== null && m[f] !== undefined ? String(m[f]) : '']));

export const sameDraft = (a: Draft, b: Draft, fields: readonly ValueField[]) =>
  fields.every((f) => (a[f] ?? '').trim() === (b[f] ?? '').trim());

/** Decimal comma or point; empty is null; anything else that is not a number is undefined. */
export const parseNumber = (text: string | undefined): number | null | undefined => {
  const trimmed = (text ?? '').trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
};

/** "must be at most n (120)" → "events must be at most n (120)": the message names its field. */
export const withFieldName = (field: string, message: string) =>
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
