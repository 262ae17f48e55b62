/**
 * A react-admin field validator: the value (an ISO date) must not come before the date in `otherField`
 * (ISO dates compare as text). An empty value or an empty other field passes: `required()` says so.
 */
export const notBefore = (otherField: string, message: string) => (value: unknown, values: Record<string, unknown>) => {
  const other = values[otherField];
  return typeof value === 'string' && value !== '' && typeof other === 'string' && value < other ? message : undefined;
};

/** Same rule as the server: the end date is on or after the start date. */
export const endNotBeforeStart = notBefore('startDate', 'ledger.validation.endBeforeStart');
