/**
 * Effect sizes for one comparison, computed exactly as R's metafor `escalc` computes them with its
 * defaults (Viechtbauer 2010, metafor 3.8 / 4.x; see docs/methods.md, "Effect sizes"). Every
 * measure is oriented so that a positive `yi` means the first group (treatment, or post) is higher.
 */
import type { Direction } from '../vocabulary/indicators';
import { logGamma, twoSidedNormalP, Z_95 } from './distributions';

export const EFFECT_MEASURES = ['RR', 'OR', 'RD', 'SMD', 'SMCR'] as const;
export type EffectMeasure = (typeof EFFECT_MEASURES)[number];

/** Measures that are analysed on the log scale and reported back-transformed as ratios. */
export const RATIO_MEASURES: readonly EffectMeasure[] = ['RR', 'OR'];

export interface EffectSize {
  measure: EffectMeasure;
  /** Observed effect (log RR, log OR, RD, Hedges' g or standardized mean change). */
  yi: number;
  /** Sampling variance of `yi`. */
  vi: number;
  se: number;
  /** 95 % Wald interval yi ± 1.96·se (metafor's `summary.escalc`). */
  ciLow: number;
  ciHigh: number;
  z: number;
  /** Two-sided p-value of z. */
  pValue: number;
  /** RR and OR only: exp(yi) and its interval. */
  estimate?: number;
  estimateCiLow?: number;
  estimateCiHigh?: number;
  /** True when 0.5 was added to every cell because the 2×2 table had a zero cell. */
  zeroCellCorrection?: boolean;
}

/** A 2×2 table given as events and group sizes of the two groups (group 1 = treatment or post). */
export interface TwoByTwo {
  events1: number;
  n1: number;
  events2: number;
  n2: number;
}

export interface MeanSummary {
  mean: number;
  sd: number;
  n: number;
}

/** Thrown when the data cannot give an effect (e.g. zero pooled SD); the message is the reason. */
export class EffectNotEstimable extends Error {}

function withInterval(measure: EffectMeasure, yi: number, vi: number): EffectSize {
  if (!Number.isFinite(yi) || !Number.isFinite(vi) || vi <= 0) {
    throw new EffectNotEstimable(`${measure} cannot be estimated from these data (variance is not positive)`);
  }
  const se = Math.sqrt(vi);
  const z = yi / se;
  const effect: EffectSize = {
    measure,
    yi,
    vi,
    se,
    ciLow: yi - Z_95 * se,
    ciHigh: yi + Z_95 * se,
    z,
    pValue: twoSidedNormalP(z),
  };
  if (RATIO_MEASURES.includes(measure)) {
    effect.estimate = Math.exp(yi);
    effect.estimateCiLow = Math.exp(effect.ciLow);
    effect.estimateCiHigh = Math.exp(effect.ciHigh);
  }
  return effect;
}

/**
 * The cells of a 2×2 table after metafor's default zero-cell handling (`add = 1/2`,
 * `to = "only0"`): 0.5 is added to all four cells of a table with at least one zero cell.
 * metafor applies this to RR, OR and RD alike: its documentation (escalc, "Note") lists the
 * measures for which it sets add = 0 (AS, PHI, ZPHI, RTET, ZTET, IRSD, PAS, PFT, IRS, IRFT), and
 * RD is not among them; escalc("RD", ai=0, n1i=20, ci=5, n2i=20) gives −5/21, not −0.25.
 */
function cells(table: TwoByTwo): { a: number; b: number; c: number; d: number; corrected: boolean } {
  const { events1, n1, events2, n2 } = table;
  if (![events1, n1, events2, n2].every(Number.isFinite) || n1 <= 0 || n2 <= 0) {
    throw new EffectNotEstimable('both groups need a sample size and an event count');
  }
  if (events1 < 0 || events2 < 0 || events1 > n1 || events2 > n2) {
    throw new EffectNotEstimable('event counts must lie between 0 and the group size');
  }
  const a = events1;
  const b = n1 - events1;
  const c = events2;
  const d = n2 - events2;
  const corrected = a === 0 || b === 0 || c === 0 || d === 0;
  const add = corrected ? 0.5 : 0;
  return { a: a + add, b: b + add, c: c + add, d: d + add, corrected };
}

/**
 * Log risk ratio: yi = ln(p1/p2), vi = 1/a − 1/n1 + 1/c − 1/n2 (metafor escalc "RR";
 * Fleiss & Berlin 2009, eq. 13.13–13.14).
 */
export function logRiskRatio(table: TwoByTwo): EffectSize {
  const { a, b, c, d, corrected } = cells(table);
  const n1 = a + b;
  const n2 = c + d;
  const yi = Math.log(a / n1) - Math.log(c / n2);
  const vi = 1 / a - 1 / n1 + 1 / c - 1 / n2;
  return { ...withInterval('RR', yi, vi), zeroCellCorrection: corrected };
}

/**
 * Log odds ratio: yi = ln(ad / bc), vi = 1/a + 1/b + 1/c + 1/d (metafor escalc "OR";
 * Fleiss & Berlin 2009, eq. 13.19–13.20).
 */
export function logOddsRatio(table: TwoByTwo): EffectSize {
  const { a, b, c, d, corrected } = cells(table);
  const p1 = a / (a + b);
  const p2 = c / (c + d);
  const yi = Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2));
  const vi = 1 / a + 1 / b + 1 / c + 1 / d;
  return { ...withInterval('OR', yi, vi), zeroCellCorrection: corrected };
}

/**
 * Risk difference: yi = p1 − p2, vi = p1(1−p1)/n1 + p2(1−p2)/n2 (metafor escalc "RD",
 * vtype = "LS"; Fleiss & Berlin 2009, eq. 13.8–13.9), on the zero-cell-adjusted table.
 */
export function riskDifference(table: TwoByTwo): EffectSize {
  const { a, b, c, d, corrected } = cells(table);
  const n1 = a + b;
  const n2 = c + d;
  const p1 = a / n1;
  const p2 = c / n2;
  const yi = p1 - p2;
  const vi = (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
  return { ...withInterval('RD', yi, vi), zeroCellCorrection: corrected };
}

/**
 * Exact small-sample bias correction of a standardized mean difference with m degrees of
 * freedom: J(m) = Γ(m/2) / (√(m/2) · Γ((m−1)/2)) (Hedges 1981, eq. 6e). Computed on the log scale
 * as metafor's `.cmicalc` does, so that it does not overflow for large m.
 */
export function hedgesCorrection(m: number): number {
  if (!(m > 1)) throw new EffectNotEstimable('too few observations for the small-sample correction');
  return Math.exp(logGamma(m / 2) - Math.log(Math.sqrt(m / 2)) - logGamma((m - 1) / 2));
}

/**
 * Hedges' g: g = J(n1+n2−2)·(m1 − m2)/s_pooled, s_pooled² = ((n1−1)s1² + (n2−1)s2²)/(n1+n2−2),
 * with metafor's default large-sample variance vi = 1/n1 + 1/n2 + g²/(2(n1+n2)) (escalc "SMD",
 * vtype = "LS"; Hedges 1982, eq. 8). Note: Borenstein et al. (2009, eq. 4.20) use J²·V_d instead.
 */
export function standardizedMeanDifference(group1: MeanSummary, group2: MeanSummary): EffectSize {
  const { n: n1, mean: m1, sd: s1 } = group1;
  const { n: n2, mean: m2, sd: s2 } = group2;
  const m = n1 + n2 - 2;
  const pooledSd = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / m);
  if (!(pooledSd > 0)) throw new EffectNotEstimable('SMD needs a positive pooled standard deviation');
  const yi = (hedgesCorrection(m) * (m1 - m2)) / pooledSd;
  const vi = 1 / n1 + 1 / n2 + (yi * yi) / (2 * (n1 + n2));
  return withInterval('SMD', yi, vi);
}

/**
 * Standardized mean change with raw-score standardization: g = J(n−1)·(m_post − m_pre)/sd_pre,
 * vi = 2(1−r)/n + g²/(2n) (metafor escalc "SMCR", vtype = "LS"; Becker 1988; Morris 2000),
 * where r is the pre-post correlation of the evaluation.
 */
export function standardizedMeanChange(
  pre: { mean: number; sd: number },
  post: { mean: number },
  n: number,
  correlation: number,
): EffectSize {
  if (!(pre.sd > 0)) throw new EffectNotEstimable('SMCR needs a positive baseline standard deviation');
  if (!(correlation >= -1 && correlation <= 1))
    throw new EffectNotEstimable('the pre-post correlation must lie in [-1, 1]');
  const yi = (hedgesCorrection(n - 1) * (post.mean - pre.mean)) / pre.sd;
  const vi = (2 * (1 - correlation)) / n + (yi * yi) / (2 * n);
  return withInterval('SMCR', yi, vi);
}

/**
 * Whether an effect points in the indicator's desired direction. Every measure here is oriented
 * so that yi > 0 means group 1 (treatment, or post) is higher; a zero effect is not favorable.
 */
export function isFavorable(direction: Direction, yi: number): boolean {
  return direction === 'increase' ? yi > 0 : yi < 0;
}
