import type { SortPayload } from 'react-admin';

/** The formats the list export buttons offer (the server also writes NDJSON for scripts). */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * `GET /api/<resource>/export?format=…&sort=…&filter=…` with the list's own filter and sort, encoded
 * as ra-data-simple-rest encodes them for the list itself; no range, so every matching row.
 */
export function exportUrl(
  resource: string,
  format: ExportFormat,
  { filter, sort }: { filter?: Record<string, unknown>; sort?: SortPayload },
): string {
  const search = new URLSearchParams({ format });
  if (sort?.field) search.set('sort', JSON.stringify([sort.field, sort.order]));
  if (filter && Object.keys(filter).length > 0) search.set('filter', JSON.stringify(filter));
  return `/api/${encodeURIComponent(resource)}/export?${search.toString()}`;
}

/**
 * Lets the browser download a file the server sends as an attachment. A plain link (the session cookie
 * goes along on a same-origin GET) streams straight to disk, so an export of a million rows never has
 * to fit in the page's memory. `filename` names a file the server sends without one (IATI, DHIS2).
 */
export function startDownload(url: string, filename = ''): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
