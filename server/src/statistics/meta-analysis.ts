/**
 * Fixed-effect and random-effects meta-analysis of k studies' (yi, vi), computed as R's metafor
 * `rma.uni` (intercept-only model) and `predict` compute it (Viechtbauer 2005, 2010; metafor
 * 3.8 source). Formulas and references: docs/methods.md, "Meta-analysis".
 */
import { chiSquareUpperTail, normalQuantile, studentTQuantile, twoSidedNormalP, twoSidedTP } from './distributions';

export const META_METHODS = ['FE', 'DL', 'REML'] as const;
export type MetaMethod = (typeof META_METHODS)[number];
export const META_TESTS = ['z', 'knha'] as const;
export type MetaTest = (typeof META_TESTS)[number];

export interface StudyInput<Id = string | number> {
  id: Id;
  yi: number | null | undefined;
  vi: number | null | undefined;
  /** A reason the caller already knows the study cannot be pooled (e.g. a single-arm design). */
  excludeReason?: string;
}

export interface PooledStudy<Id> {
  id: Id;
  yi: number;
  vi: number;
  /** Percentage weight in the pooled estimate (metafor's `weights()`). */
  weight: number;
}

export interface ExcludedStudy<Id> {
  id: Id;
  reason: string;
}

export interface MetaAnalysisOptions {
  method?: MetaMethod;
  test?: MetaTest;
}

export interface MetaAnalysisResult<Id = string | number> {
  k: number;
  method: MetaMethod;
  /** The test actually used: knha needs k ≥ 2 and falls back to z for a single study. */
  test: MetaTest;
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** z, or t with k − 1 degrees of freedom under knha. */
  statistic: number;
  pValue: number;
  /** Null when k = 1 (no heterogeneity can be estimated); 0 under FE. */
  tau2: number | null;
  tau: number | null;
  i2: number | null;
  h2: number | null;
  q: number | null;
  qDf: number | null;
  qPValue: number | null;
  /** metafor's predict(): estimate ± crit·√(se² + τ²); null under FE and when k = 1. */
  predictionLow: number | null;
  predictionHigh: number | null;
  studies: PooledStudy<Id>[];
  excluded: ExcludedStudy<Id>[];
}

export interface EmptyMetaAnalysis<Id = string | number> {
  k: 0;
  method: MetaMethod;
  test: MetaTest;
  reason: string;
  excluded: ExcludedStudy<Id>[];
}

/** Narrows a meta-analysis result to one with a pooled estimate (k ≥ 1). */
export function isPooled<Id>(result: MetaAnalysisResult<Id> | EmptyMetaAnalysis<Id>): result is MetaAnalysisResult<Id> {
  return !('reason' in result);
}

/** Fisher scoring stops when τ² changes by less than this (metafor's default is 1e-5). */
export const REML_THRESHOLD = 1e-10;
const REML_MAX_ITERATIONS = 1000;
/** metafor's `control$tol` (.Machine$double.eps^0.25) for its check of the likelihood at τ² = 0. */
const LIKELIHOOD_TOLERANCE = Math.pow(2 ** -52, 0.25);

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

function weightedMean(y: readonly number[], w: readonly number[]): number {
  return sum(y.map((yi, i) => w[i] * yi)) / sum(w);
}

/** Cochran's Q with fixed-effect weights 1/vi. */
function cochranQ(y: readonly number[], v: readonly number[]): number {
  const w = v.map((vi) => 1 / vi);
  const mu = weightedMean(y, w);
  return Math.max(0, sum(y.map((yi, i) => w[i] * (yi - mu) ** 2)));
}

/** DerSimonian & Laird (1986): τ² = max(0, (Q − (k−1)) / (Σw − Σw²/Σw)), w = 1/vi. */
export function tau2DerSimonianLaird(y: readonly number[], v: readonly number[]): number {
  const w = v.map((vi) => 1 / vi);
  const sw = sum(w);
  const c = sw - sum(w.map((x) => x * x)) / sw;
  return Math.max(0, (cochranQ(y, v) - (y.length - 1)) / c);
}

/** Restricted log-likelihood of the intercept-only random-effects model at τ². */
function remlLogLikelihood(y: readonly number[], v: readonly number[], tau2: number): number {
  const w = v.map((vi) => 1 / (vi + tau2));
  const mu = weightedMean(y, w);
  const rss = sum(y.map((yi, i) => w[i] * (yi - mu) ** 2));
  return (
    -0.5 * (y.length - 1) * Math.log(2 * Math.PI) -
    0.5 * sum(v.map((vi) => Math.log(vi + tau2))) -
    0.5 * Math.log(sum(w)) -
    0.5 * rss
  );
}

/**
 * REML τ² by Fisher scoring as metafor does it: start at the Hedges (HE) estimate truncated at 0,
 * step τ² += (y'PPy − tr P) / tr(PP) (halving a step that would make τ² negative, or that would
 * lower the restricted likelihood: metafor's fixed step can oscillate) until the change is below
 * 1e-10, then metafor's check that τ² = 0 does not have a higher likelihood
 * (Viechtbauer 2005, eq. 12; metafor rma.uni).
 */
export function tau2Reml(y: readonly number[], v: readonly number[]): number {
  const k = y.length;
  const mean = sum(y) / k;
  const hedges = (sum(y.map((yi) => (yi - mean) ** 2)) - ((k - 1) / k) * sum(v)) / (k - 1);
  let tau2 = Math.max(0, hedges);
  let change = Infinity;
  for (let iteration = 0; change > REML_THRESHOLD; iteration++) {
    if (iteration >= REML_MAX_ITERATIONS) throw new Error('REML: Fisher scoring did not converge');
    const w = v.map((vi) => 1 / (vi + tau2));
    const sw = sum(w);
    const sw2 = sum(w.map((x) => x * x));
    const sw3 = sum(w.map((x) => x * x * x));
    const mu = weightedMean(y, w);
    // With P = W − w wᵀ/Σw: (Py)_i = w_i (y_i − μ̂), tr P = Σw − Σw²/Σw,
    // tr(PP) = Σw² − 2Σw³/Σw + (Σw²/Σw)².
    const yPPy = sum(y.map((yi, i) => (w[i] * (yi - mu)) ** 2));
    const trP = sw - sw2 / sw;
    const trPP = sw2 - (2 * sw3) / sw + (sw2 / sw) ** 2;
    let adj = (yPPy - trP) / trPP;
    if (!Number.isFinite(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    // A full scoring step can overshoot the maximum and oscillate around it for ever (a tiny τ²
    // with one study off the rest): halve a step that lowers the restricted likelihood.
    const here = remlLogLikelihood(y, v, tau2);
    for (let halvings = 0; halvings < 60 && remlLogLikelihood(y, v, tau2 + adj) < here; halvings++) adj /= 2;
    const previous = tau2;
    tau2 += adj;
    change = Math.abs(previous - tau2);
  }
  if (tau2 > REML_THRESHOLD && remlLogLikelihood(y, v, 0) - remlLogLikelihood(y, v, tau2) > LIKELIHOOD_TOLERANCE) {
    tau2 = 0;
  }
  return Math.max(0, tau2);
}

function partition<Id>(studies: readonly StudyInput<Id>[]): {
  kept: { id: Id; yi: number; vi: number }[];
  excluded: ExcludedStudy<Id>[];
} {
  const kept: { id: Id; yi: number; vi: number }[] = [];
  const excluded: ExcludedStudy<Id>[] = [];
  for (const s of studies) {
    if (s.excludeReason) excluded.push({ id: s.id, reason: s.excludeReason });
    else if (s.yi == null || s.vi == null || !Number.isFinite(s.yi) || !Number.isFinite(s.vi)) {
      excluded.push({ id: s.id, reason: 'effect size or sampling variance missing' });
    } else if (s.vi <= 0) excluded.push({ id: s.id, reason: 'sampling variance is not positive' });
    else kept.push({ id: s.id, yi: s.yi, vi: s.vi });
  }
  return { kept, excluded };
}

/**
 * Pools studies' effect sizes: inverse-variance fixed effect (FE) or random effects with τ² by
 * DerSimonian–Laird (DL) or REML, with z tests or the Knapp–Hartung adjustment (knha: variance
 * multiplied by Σw(y−μ̂)²/(k−1), t with k−1 df). Heterogeneity as metafor reports it: Q, I², H²
 * (Higgins & Thompson 2002), and predict()'s prediction interval. Studies with missing data or
 * vi ≤ 0 are excluded and listed.
 */
export function metaAnalysis<Id = string | number>(
  studies: readonly StudyInput<Id>[],
  options: MetaAnalysisOptions = {},
): MetaAnalysisResult<Id> | EmptyMetaAnalysis<Id> {
  const method = options.method ?? 'REML';
  const requestedTest = options.test ?? 'z';
  const { kept, excluded } = partition(studies);
  const k = kept.length;
  if (k === 0) return { k: 0, method, test: requestedTest, reason: 'no study with an effect size to pool', excluded };

  const y = kept.map((s) => s.yi);
  const v = kept.map((s) => s.vi);
  const single = k === 1;
  const tau2 = single || method === 'FE' ? 0 : method === 'DL' ? tau2DerSimonianLaird(y, v) : tau2Reml(y, v);
  const test: MetaTest = single ? 'z' : requestedTest;

  const w = v.map((vi) => 1 / (vi + tau2));
  const sw = sum(w);
  const estimate = weightedMean(y, w);
  let variance = 1 / sw;
  if (test === 'knha') {
    // Knapp & Hartung (2003) as metafor's test = "knha": no truncation of the factor at 1
    // (that is test = "adhoc"); a zero residual sum of squares gives a zero factor.
    const rss = sum(y.map((yi, i) => w[i] * (yi - estimate) ** 2));
    variance *= rss <= Number.EPSILON ? 0 : rss / (k - 1);
  }
  const se = Math.sqrt(variance);
  const statistic = estimate / se;
  const df = k - 1;
  const crit = test === 'knha' ? studentTQuantile(0.975, df) : normalQuantile(0.975);
  const pValue = test === 'knha' ? twoSidedTP(statistic, df) : twoSidedNormalP(statistic);

  const pooled = kept.map((s, i) => ({ id: s.id, yi: s.yi, vi: s.vi, weight: (100 * w[i]) / sw }));
  const base = {
    k,
    method,
    test,
    estimate,
    se,
    ciLow: estimate - crit * se,
    ciHigh: estimate + crit * se,
    statistic,
    pValue,
    studies: pooled,
    excluded,
  };
  if (single) {
    return {
      ...base,
      ...{ tau2: null, tau: null, i2: null, h2: null, q: null, qDf: null, qPValue: null },
      ...{ predictionLow: null, predictionHigh: null },
    };
  }

  const q = cochranQ(y, v);
  const fixedWeights = v.map((vi) => 1 / vi);
  const swFixed = sum(fixedWeights);
  // metafor's "typical" within-study variance: s² = (k−1)Σw / ((Σw)² − Σw²) (Higgins & Thompson 2002).
  const typicalVariance = (df * swFixed) / (swFixed ** 2 - sum(fixedWeights.map((x) => x * x)));
  const fixed = method === 'FE';
  const i2 = fixed ? Math.max(0, (100 * (q - df)) / q) : (100 * tau2) / (typicalVariance + tau2);
  const h2 = fixed ? q / df : tau2 / typicalVariance + 1;
  const predictionSe = Math.sqrt(variance + tau2);
  return {
    ...base,
    tau2,
    tau: Math.sqrt(tau2),
    i2,
    h2,
    q,
    qDf: df,
    qPValue: chiSquareUpperTail(q, df),
    predictionLow: fixed ? null : estimate - crit * predictionSe,
    predictionHigh: fixed ? null : estimate + crit * predictionSe,
  };
}
