/**
 * CSV exports through PostgreSQL's own `COPY (query) TO STDOUT (FORMAT csv)`: the database
 * writes the file and the server only pipes bytes (issue 8, B2). COPY takes no bind parameters,
 * so the query's parameters are inlined as literals (escaped by the driver), and each column is
 * converted to the text the other formats show (ISO timestamps, `true`/`false`, lists joined by "; ").
 * Text columns (and joined lists) are neutralized against spreadsheet formulas in the same SELECT
 * (csv-text.ts); number columns are left as PostgreSQL writes them.
 */
import type { PoolClient } from 'pg';
import { spreadsheetTextSql } from './csv-text';

/** PostgreSQL type OIDs that need a conversion to match the NDJSON/XLSX cells. */
const BOOL = 16;
const TIMESTAMPS = new Set([1114, 1184]);
const ARRAYS = new Set([1000, 1005, 1007, 1009, 1015, 1016, 1021, 1022, 1182, 1231]);
/** name, bpchar, varchar, text: free text a user may have typed. (Enums are closed vocabularies.) */
const TEXTS = new Set([19, 1042, 1043, 25]);

/** The SQL for one column's CSV text, given its type (`sql` a column reference: it may be read more than once). */
export function csvColumn(sql: string, typeId: number, closed = false): string {
  if (typeId === BOOL) return `CASE WHEN ${sql} THEN 'true' WHEN NOT ${sql} THEN 'false' END`;
  if (TIMESTAMPS.has(typeId)) {
    return `to_char((${sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  if (ARRAYS.has(typeId)) return spreadsheetTextSql(`array_to_string(${sql}, '; ')`);
  if (TEXTS.has(typeId)) return closed ? sql : spreadsheetTextSql(sql);
  return sql;
}

/** One bind parameter as an SQL literal. */
function literal(value: unknown, escape: (text: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot inline the number ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return escape(value.toISOString());
  if (Array.isArray(value)) return value.length ? `ARRAY[${value.map((v) => literal(v, escape)).join(', ')}]` : `'{}'`;
  if (typeof value === 'string') return escape(value);
  throw new Error(`cannot inline a parameter of type ${typeof value}`);
}

/** Replaces `$1 … $n` with the parameters as literals (largest first, so `$1` never eats `$10`). */
export function inlineParameters(
  sql: string,
  parameters: readonly unknown[],
  escape: (text: string) => string,
): string {
  return sql.replace(/\$(\d+)\b/g, (match, index: string) => {
    const i = Number(index) - 1;
    if (i < 0 || i >= parameters.length) throw new Error(`no parameter for ${match}`);
    return literal(parameters[i], escape);
  });
}

/** The type of each result column of `sql` (runs it with LIMIT 0). */
export async function columnTypes(client: PoolClient, sql: string, parameters: readonly unknown[]): Promise<number[]> {
  const described = await client.query({ text: `SELECT * FROM (${sql}) described LIMIT 0`, values: [...parameters] });
  return described.fields.map((f) => f.dataTypeID);
}
