/**
 * One rule for every date range (programs, grants, reporting periods, evaluations): the end is on
 * or after the start. ISO dates (YYYY-MM-DD) compare as text. The server's checks
 * (rules/date-range.ts) and the admin's forms use this one definition.
 */
export function endsBeforeStart(startDate: string | null | undefined, endDate: string | null | undefined): boolean {
  return Boolean(startDate && endDate && endDate < startDate);
}
