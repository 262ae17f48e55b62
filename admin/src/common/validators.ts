import { endsBeforeStart } from '@vocabulary/dates';

/**
 * A react-admin field validator: the value (an ISO date) must not come before the date in `otherField`
 * (ISO dates compare as text). An empty value or an empty other field passes: `required()` says so.
 */
export const notBefore = (otherField: string, message: string) => (value: unknown, values: Record<string, unknown>) => {
  const other = values[otherField];
  return typeof value === 'string' && value !== '' && typeof other === 'string' && value < other ? message : undefined;
};

const dateText = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** The server's own rule (vocabulary/dates.ts): the end date is on or after the start date. */
export const endNotBeforeStart = (value: unknown, values: Record<string, unknown>) =>
  endsBeforeStart(dateText(values.startDate), dateText(value)) ? 'ledger.validation.endBeforeStart' : undefined;
