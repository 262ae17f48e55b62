/**
 * The import file format for outcome measurements: its columns, and streaming readers for
 * CSV (UTF-8, with or without BOM) and XLSX (the sheet named `outcomes`, else the first) that
 * yield one record per data row without holding the file in memory.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { UnsupportedMediaTypeError } from '../common/errors';

export const REQUIRED_COLUMNS = ['indicator_code', 'arm', 'timepoint', 'n'] as const;
export const OPTIONAL_COLUMNS = [
  'sex',
  'age_band',
  'region',
  'events',
  'mean',
  'sd',
  'value',
  'timepoint_label',
  'measured_on',
] as const;
/** The template's column order. */
export const TEMPLATE_COLUMNS = [
  'indicator_code',
  'arm',
  'timepoint',
  'sex',
  'age_band',
  'region',
  'n',
  'events',
  'mean',
  'sd',
  'value',
  'timepoint_label',
  'measured_on',
] as const;

export const COLUMN_HELP: Record<(typeof TEMPLATE_COLUMNS)[number], string> = {
  indicator_code: 'Indicator code from the library, e.g. EDU-RECOG-01',
  arm: 'treatment or comparison (rct, quasi_experimental); single (pre_post, post_only)',
  timepoint: 'baseline, post or follow_up',
  sex: 'total (default), female, male or other',
  age_band: 'total (default), under_12, 12_14, 15_17 or 18_plus',
  region: 'total (default) or an ISO 3166 code such as PH or PH-00',
  n: 'Group size, a whole number ≥ 1 (an aggregate: never one child)',
  events: 'Proportion indicators: how many of n (0 to n)',
  mean: 'Mean indicators: the group mean',
  sd: 'Mean indicators: the standard deviation (≥ 0)',
  value: 'Count and rate indicators: the value',
  timepoint_label: 'Optional label, e.g. 6-month follow-up',
  measured_on: 'Optional date, YYYY-MM-DD',
};

/** The columns one kind of import reads: required, optional, and accepted-but-ignored ones. */
export interface ColumnSpec {
  required: readonly string[];
  optional: readonly string[];
  /** Columns of our own exports that an import accepts and ignores (export → edit → re-import). */
  ignored: readonly string[];
}

export const MEASUREMENT_COLUMNS: ColumnSpec = {
  required: REQUIRED_COLUMNS,
  optional: OPTIONAL_COLUMNS,
  ignored: ['id', 'evaluation_id'],
};

export type ImportFormat = 'csv' | 'xlsx';

/** Header problems: what is missing, unknown or repeated (empty when the header is usable). */
export function headerProblems(header: string[], spec: ColumnSpec = MEASUREMENT_COLUMNS): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const known = new Set<string>([...spec.required, ...spec.optional, ...spec.ignored]);
  const problems: string[] = [];
  const missing = spec.required.filter((c) => !names.includes(c));
  if (missing.length) problems.push(`missing column(s): ${missing.join(', ')}`);
  const unknown = names.filter((n) => n !== '' && !known.has(n));
  if (unknown.length) {
    problems.push(
      `unknown column(s): ${unknown.join(', ')}; the columns are ${[...spec.required, ...spec.optional].join(', ')}`,
    );
  }
  const repeated = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  if (repeated.length) problems.push(`repeated column(s): ${[...new Set(repeated)].join(', ')}`);
  return problems;
}

export interface ImportRecord {
  /** Row number in the file (the header is row 1). */
  row: number;
  values: Record<string, string>;
}

export interface RowSource {
  header: string[];
  rows: AsyncGenerator<ImportRecord>;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  return '';
}

async function* csvRows(source: Readable): AsyncGenerator<string[]> {
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  for await (const record of parser) yield record as string[];
}

async function* xlsxRows(source: Readable): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let used = false;
  for await (const worksheet of reader) {
    const sheets = ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((s) =>
      s.name.toLowerCase(),
    );
    const name = (worksheet as unknown as { name: string }).name.toLowerCase();
    const wanted = !used && (name === 'outcomes' || !sheets.includes('outcomes'));
    for await (const row of worksheet) {
      if (!wanted) continue;
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (values.every((v) => v.trim() === '')) continue;
      yield values.map((v) => v.trim());
    }
    if (wanted) used = true;
  }
}

/** Reads the header, then yields the data rows keyed by lower-case column name. */
export async function openRows(source: Readable, format: ImportFormat): Promise<RowSource> {
  const raw = format === 'csv' ? csvRows(source) : xlsxRows(source);
  const first = await raw.next();
  const header = first.done ? [] : first.value.map((h) => h.trim().toLowerCase());
  async function* rows(): AsyncGenerator<ImportRecord> {
    let row = 1;
    for await (const values of raw) {
      row++;
      const record: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name) record[name] = values[i] ?? '';
      });
      yield { row, values: record };
    }
  }
  return { header, rows: rows() };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** How much of the start of a file decides whether it is XLSX (a ZIP) or CSV (text, no NUL bytes). */
export const SNIFF_BYTES = 512;

/** CSV or XLSX, from the file's first bytes (and a name that gives away another type): else a 415. */
export function sniffFormat(first: Buffer, fileName: string): ImportFormat {
  if (first.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (/\.(docx|pptx|zip|ods|odt)$/i.test(fileName)) throw unsupported(fileName);
    return 'xlsx';
  }
  if (first.includes(0) || /\.(xls|pdf|docx?|json|xml|zip|png|jpe?g)$/i.test(fileName)) throw unsupported(fileName);
  return 'csv';
}

const unsupported = (fileName: string) =>
  new UnsupportedMediaTypeError(
    `"${fileName}" is not a CSV or XLSX file; download the template and save as CSV UTF-8 or XLSX`,
  );
