import { HttpError } from 'react-admin';
import { statusOf, type ApiErrorBody } from '../../providers/apiErrors';
import type { ImportJob, ImportRequest } from './importApi';

/** Why an upload was refused before any job existed. */
export interface Refusal {
  kind: number | 'network' | 'other';
  message?: string;
  details: { field: string; message: string }[];
}

export type Phase =
  | { step: 'choose'; refusal?: Refusal }
  | { step: 'uploading'; request: ImportRequest }
  | { step: 'running' | 'completed' | 'failed'; request: ImportRequest; job: ImportJob }
  | { step: 'lost'; request: ImportRequest };

const REFUSAL_KINDS = new Set([400, 403, 404, 409, 413, 415, 422]);

export function refusalOf(error: unknown): Refusal {
  const status = statusOf(error);
  if (error instanceof HttpError && status !== undefined) {
    const body = (error.body ?? {}) as ApiErrorBody;
    return {
      kind: REFUSAL_KINDS.has(status) ? status : 'other',
      message: body.message ?? (error.message || undefined),
      details: body.details ?? [],
    };
  }
  return { kind: 'network', details: [] };
}

export const phaseOf = (request: ImportRequest, job: ImportJob): Phase =>
  job.state === 'queued' || job.state === 'running'
    ? { step: 'running', request, job }
    : { step: job.state, request, job };

/** Same file and options: the same submission, sent again under the same Idempotency-Key. */
export const signatureOf = ({ file, dryRun, mode }: ImportRequest) =>
  JSON.stringify([file.name, file.size, file.lastModified, dryRun, mode]);
