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

/** The trigger characters as a regular-expression bracket (PostgreSQL ARE: `-` last, tab and CR escaped). */
const TRIGGER_CLASS = `[${FORMULA_TRIGGERS.filter((c) => c !== '-')
  .map((c) => (c === '\t' ? '\\t' : c === '\r' ? '\\r' : c))
  .join('')}-]`;

/**
 * `spreadsheetText` in SQL, for a text expression of a COPY export: one anchored regular expression
 * that evaluates the expression once and leaves other text untouched.
 */
export const spreadsheetTextSql = (sql: string): string => `regexp_replace(${sql}, '^(${TRIGGER_CLASS})', '''\\1')`;
