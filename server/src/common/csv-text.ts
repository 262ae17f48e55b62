/**
 * Every CSV file the server writes goes through here (or, for exports PostgreSQL writes itself with
 * COPY, through `spreadsheetTextSql`): text cells that a spreadsheet would run as a formula are
 * neutralized with a leading apostrophe (OWASP, "CSV Injection"; the rule is vocabulary/text.ts,
 * shared with the admin app's own CSV files). Numbers are written as numbers, so a negative effect
 * size stays -0.25.
 */
import { stringify } from 'csv-stringify/sync';
import { FORMULA_TRIGGERS, spreadsheetText } from '../vocabulary/text';

export type CsvCell = string | number | boolean | null | undefined;

/** RFC 4180 CSV of rows (the first is the header); string cells neutralized, numbers left as they are. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], { cast: { string: spreadsheetText } });
}

/** The trigger characters' code points, for SQL's `ascii()` (the code point of the first character). */
const TRIGGER_CODES = FORMULA_TRIGGERS.map((c) => c.codePointAt(0)).join(', ');

/**
 * `spreadsheetText` in SQL, for a text column of a COPY export. `column` should be a plain column
 * reference (it is read three times); `ascii()` looks at the first character only, so long text
 * costs nothing extra.
 */
export const spreadsheetTextSql = (column: string): string =>
  `CASE WHEN ascii(${column}) IN (${TRIGGER_CODES}) THEN '''' || ${column} ELSE ${column} END`;
