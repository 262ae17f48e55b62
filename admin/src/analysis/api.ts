import type { Identifier } from 'react-admin';
import { ledgerRequest } from '../providers/ledgerApi';
import type {
  EffectMeasure,
  EffectsResponse,
  EvidenceMap,
  EvidenceRating,
  PooledQuery,
  PooledResult,
  RatingState,
  WithheldPooledResult,
} from './types';

const evaluation = (id: Identifier) => `/evaluations/${encodeURIComponent(id)}`;

/** Effects, ratings and pooled estimates (docs/api.md, "Analysis"). */
export const analysisApi = {
  effects: (id: Identifier, measure?: EffectMeasure) =>
    ledgerRequest<EffectsResponse>(
      'GET',
      `${evaluation(id)}/effects${measure ? `?${new URLSearchParams({ measure }).toString()}` : ''}`,
    ),
  rating: (id: Identifier) => ledgerRequest<RatingState>('GET', `${evaluation(id)}/rating`),
  setRating: (id: Identifier, body: { rating: EvidenceRating; reason?: string; version?: number | null }) =>
    ledgerRequest<RatingState>('POST', `${evaluation(id)}/rating`, {
      rating: body.rating,
      ...(body.reason?.trim() ? { reason: body.reason.trim() } : {}),
      ...(typeof body.version === 'number' ? { version: body.version } : {}),
    }),
  pooled: (query: PooledQuery) => {
    const params = new URLSearchParams({
      indicatorId: String(query.indicatorId),
      measure: query.measure,
      method: query.method,
      test: query.test,
    });
    if (query.strategy) params.set('strategy', query.strategy);
    if (query.timepoint !== 'post') params.set('timepoint', query.timepoint);
    return ledgerRequest<PooledResult | WithheldPooledResult>('GET', `/analysis/pooled?${params.toString()}`);
  },
  evidenceMap: () => ledgerRequest<EvidenceMap>('GET', '/analysis/evidence-map'),
};

export const effectsKey = (id: Identifier, measure?: string) => ['evaluations', 'effects', String(id), measure ?? ''];
export const ratingKey = (id: Identifier) => ['evaluations', 'rating', String(id)];
