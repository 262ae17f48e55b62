import type { Identifier } from 'react-admin';
import { ledgerRequest } from '../../providers/ledgerApi';
import type { Evaluation, EvaluationChanges, EvaluationComment } from './types';

const base = (id: Identifier) => `/evaluations/${encodeURIComponent(id)}`;

/** The review workflow and thread of an evaluation (docs/api.md, "Evaluations"). */
export const evaluationApi = {
  submit: (e: Evaluation) => ledgerRequest<Evaluation>('POST', `${base(e.id)}/submit`, { version: e.version }),
  approve: (e: Evaluation, comment: string) =>
    ledgerRequest<Evaluation>('POST', `${base(e.id)}/approve`, {
      version: e.version,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    }),
  requestChanges: (e: Evaluation, comment: string) =>
    ledgerRequest<Evaluation>('POST', `${base(e.id)}/request-changes`, { version: e.version, comment: comment.trim() }),
  /** Answers with the new draft revision. */
  amend: (e: Evaluation, comment: string) =>
    ledgerRequest<Evaluation>('POST', `${base(e.id)}/amend`, comment.trim() ? { comment: comment.trim() } : {}),
  comments: (id: Identifier) => ledgerRequest<EvaluationComment[]>('GET', `${base(id)}/comments`),
  addComment: (id: Identifier, body: string) =>
    ledgerRequest<EvaluationComment>('POST', `${base(id)}/comments`, { body: body.trim() }),
  changes: (id: Identifier) => ledgerRequest<EvaluationChanges>('GET', `${base(id)}/changes`),
};
