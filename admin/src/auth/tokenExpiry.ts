const DAY_MS = 86_400_000;

export const DEFAULT_EXPIRY_DAYS = 90;
/** The last day to choose: a token ending on it still expires less than a year from now, as the server requires. */
const MAX_EXPIRY_DAYS = 364;

const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar date `YYYY-MM-DD`, `days` after today. */
export function dateInDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const firstExpiryDate = () => dateInDays(0);
export const lastExpiryDate = () => dateInDays(MAX_EXPIRY_DAYS);

/** Today up to a year ahead (ISO dates compare as text). */
export const expiryInRange = (value: unknown) =>
  typeof value !== 'string' || value === ''
    ? undefined
    : value < firstExpiryDate()
      ? 'ledger.validation.expiryInPast'
      : value > lastExpiryDate()
        ? 'ledger.validation.expiryTooFar'
        : undefined;

/** The token expires at the end of the chosen local day, and never more than a year from now. */
export function expiryInstant(date: string): string {
  const endOfDay = new Date(`${date}T23:59:59`).getTime();
  return new Date(Math.min(endOfDay, Date.now() + 365 * DAY_MS - 60_000)).toISOString();
}
