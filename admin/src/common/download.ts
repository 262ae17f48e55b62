import { spreadsheetText } from '@vocabulary/text';

/** Saves text as a file in the browser (an object URL and a temporary link). */
export function downloadText(filename: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An SVG element as a standalone file. */
export function svgToFile(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

type CsvValue = string | number | null | undefined;

/**
 * RFC 4180 CSV. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
 * leading apostrophe (OWASP "CSV injection"; the rule is shared with the server's CSV files); numbers are
 * written in full precision.
 */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const cell = (value: CsvValue): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
    const text = spreadsheetText(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A file name made of safe characters only. */
export const fileSafe = (text: string): string =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'analysis';
