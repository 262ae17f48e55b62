import type { Identifier } from 'react-admin';
import type { Timepoint } from '@vocabulary/evaluations';
import type { Direction, MeasureType } from '@vocabulary/indicators';
import type { Strategy } from '@vocabulary/programs';

/** Effect measures (docs/methods.md): log risk ratio, log odds ratio, risk difference, Hedges' g, standardized mean change. */
export const EFFECT_MEASURES = ['RR', 'OR', 'RD', 'SMD', 'SMCR'] as const;
export type EffectMeasure = (typeof EFFECT_MEASURES)[number];
/** Measures analysed on the log scale and shown back-transformed as ratios. */
export const RATIO_MEASURES: readonly EffectMeasure[] = ['RR', 'OR'];
/** The measures that fit an indicator's measure type; the first is the default. Counts and rates have none. */
export const MEASURES_FOR: Record<MeasureType, readonly EffectMeasure[]> = {
  proportion: ['RR', 'OR', 'RD'],
  mean: ['SMD', 'SMCR'],
  count: [],
  rate: [],
};
export const META_METHODS = ['FE', 'DL', 'REML'] as const;
export type MetaMethod = (typeof META_METHODS)[number];
export const META_TESTS = ['z', 'knha'] as const;
export type MetaTest = (typeof META_TESTS)[number];
export const EVIDENCE_RATINGS = ['effective', 'promising', 'no_effects', 'insufficient'] as const;
export type EvidenceRating = (typeof EVIDENCE_RATINGS)[number];

export const isRatio = (measure: string): boolean => (RATIO_MEASURES as readonly string[]).includes(measure);

/** One row of `GET /evaluations/:id/effects` (docs/api.md, "Analysis"). */
export interface EffectRow {
  indicatorId: Identifier;
  indicatorCode: string;
  indicatorName: string;
  measureType: MeasureType;
  timepoint: Timepoint;
  /** Present on the server's answer: which groups the effect compares. */
  comparison?: 'treatment_vs_comparison' | 'post_vs_baseline';
  measure: EffectMeasure;
  yi: number;
  vi: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  favorable: boolean;
  significant: boolean;
  primary: boolean;
  note?: string;
  nTreatment: number | null;
  nComparison: number | null;
  estimate?: number;
  estimateCiLow?: number;
  estimateCiHigh?: number;
  baselineEquivalence: { g: number | null; status: string; reason?: string } | null;
  attrition: { overall: number | null; differential: number | null; status: string; reason?: string } | null;
}

export interface SkippedCell {
  indicatorId: Identifier;
  indicatorCode?: string;
  timepoint: Timepoint;
  reason: string;
}

export interface EffectsResponse {
  effects: EffectRow[];
  skipped: SkippedCell[];
}

/** `GET /evaluations/:id/rating`. */
export interface RatingState {
  suggested: EvidenceRating;
  reasons: string[];
  confirmed: EvidenceRating | null;
  override: { rating: EvidenceRating; reason: string } | null;
  decidedBy: unknown;
  decidedAt: string | null;
  version?: number | null;
}

export interface PooledStudy {
  evaluationId: Identifier;
  programId: Identifier;
  label: string;
  yi: number;
  vi: number;
  ciLow: number;
  ciHigh: number;
  /** Percentage weight in the pooled estimate. */
  weight: number;
}

export interface BackTransformed {
  estimate: number;
  ciLow: number;
  ciHigh: number;
  predictionLow?: number | null;
  predictionHigh?: number | null;
}

/** Why something is withheld from an outsider (docs/methods.md, "Disclosure control"). */
export type WithheldCode = 'small_numbers' | 'too_few_studies' | 'differencing';

/** An evaluation (with `evaluationId`) or a whole result withheld from an outsider. */
export interface WithheldEntry {
  evaluationId?: Identifier;
  label?: string;
  design?: string;
  year?: number;
  reason: string;
  code?: WithheldCode;
}

/** How the answer was made for this user: exact numbers (owner) or what outsiders may see. */
export interface Disclosure {
  view: 'owner' | 'outsider';
  /** Counts from 1 to threshold − 1 are hidden from outsiders. */
  threshold: number;
  /** Pooled results for outsiders rest on at least this many evaluations. */
  minStudies: number;
  /** Evidence map only: cells withheld, and evaluations whose post effect rests on a hidden count. */
  withheldCells?: number;
  withheldEvaluations?: number;
}

/** `GET /analysis/pooled` when the pooled result is withheld from an outsider: no statistics. */
export interface WithheldPooledResult {
  released: false;
  k: number;
  measure: EffectMeasure;
  method: MetaMethod;
  test: MetaTest;
  studies: [];
  excluded: PooledResult['excluded'];
  withheld: WithheldEntry[];
  disclosure?: Disclosure;
}

/** `GET /analysis/pooled`. */
export interface PooledResult {
  released?: true;
  withheld?: WithheldEntry[];
  disclosure?: Disclosure;
  k: number;
  measure: EffectMeasure;
  method: MetaMethod;
  test: MetaTest;
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  statistic: number;
  pValue: number;
  tau2: number | null;
  tau: number | null;
  i2: number | null;
  h2: number | null;
  q: number | null;
  qDf: number | null;
  qPValue: number | null;
  predictionLow: number | null;
  predictionHigh: number | null;
  backTransformed?: BackTransformed | null;
  studies: PooledStudy[];
  excluded: { evaluationId: Identifier; label?: string; reason: string }[];
}

/** The timepoints whose effects can be pooled (baseline is what they are compared against). */
export const POOLED_TIMEPOINTS = ['post', 'follow_up'] as const;
export type PooledTimepoint = (typeof POOLED_TIMEPOINTS)[number];

export interface PooledQuery {
  indicatorId: Identifier;
  timepoint: PooledTimepoint;
  strategy?: Strategy | '';
  measure: EffectMeasure;
  method: MetaMethod;
  test: MetaTest;
}

export interface EvidenceCell {
  strategy: Strategy;
  indicatorId: Identifier;
  k: number;
  measure: EffectMeasure;
  /** Withheld from an outsider: no estimate, only k and the reason. */
  withheld?: boolean;
  reason?: string;
  code?: WithheldCode;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  favorable?: boolean;
  backTransformed?: BackTransformed | null;
}

/** `GET /analysis/evidence-map`. */
export interface EvidenceMap {
  strategies: Strategy[];
  indicators: { id: Identifier; code: string; name: string; measureType?: MeasureType; direction?: Direction }[];
  cells: EvidenceCell[];
  disclosure?: Disclosure;
}
