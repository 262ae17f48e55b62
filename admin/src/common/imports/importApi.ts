import { ledgerRequest } from '../../providers/ledgerApi';

export type ImportMode = 'insert' | 'upsert';

export interface ImportRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** The import's outcome (docs/api.md, "Imports and jobs"); which fields are present depends on how it ended. */
export interface ImportResult {
  rows?: number;
  valid?: number;
  invalid?: number;
  fileName?: string;
  dryRun?: boolean;
  written?: number;
  wouldInsert?: number;
  wouldReplace?: number;
  inserted?: number;
  replaced?: number;
  message?: string;
}

/** `GET /api/jobs/:id`. */
export interface ImportJob {
  id: string;
  state: 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  processedRows: number;
  totalRows: number | null;
  result: ImportResult | null;
  errors: ImportRowError[] | null;
  errorCount: number;
}

export interface ImportRequest {
  file: File;
  dryRun: boolean;
  mode: ImportMode;
}

/** A fresh Idempotency-Key; `crypto.randomUUID` exists only on secure origins, so fall back to random bytes. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const importApi = {
  /**
   * Uploads the file to an import endpoint (`/evaluations/:id/imports`, `/indicators/imports`,
   * `/grants/:id/imports` under `/api`; multipart, field `file`); answers with the job (202, or 200 for a retried key).
   */
  upload: (path: string, request: ImportRequest, idempotencyKey: string) => {
    const body = new FormData();
    body.append('file', request.file, request.file.name);
    const query = new URLSearchParams({ dryRun: String(request.dryRun), mode: request.mode });
    return ledgerRequest<ImportJob>('POST', `${path}?${query.toString()}`, body, { 'Idempotency-Key': idempotencyKey });
  },
  job: (id: string) => ledgerRequest<ImportJob>('GET', `/jobs/${encodeURIComponent(id)}`),
};
