/**
 * The distribution functions the analysis needs, taken from stdlib (@stdlib/stats-base-dists-*,
 * @stdlib/math-base-special-*): maintained, tested against R and Boost to near machine precision.
 * We write none of our own, so that p-values and critical values agree with R's pnorm / qnorm /
 * pt / qt / pchisq, which is what metafor calls.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal cumulative distribution function Φ(x) (R: `pnorm(x)`). */
export function normalCdf(x: number): number {
  return normalCdfImpl(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`). */
export function normalQuantile(p: number): number {
  return normalQuantileImpl(p, 0, 1);
}

/** Student t cumulative distribution function with `df` degrees of freedom (R: `pt(x, df)`). */
export function studentTCdf(x: number, df: number): number {
  return tCdfImpl(x, df);
}

/** Student t quantile with `df` degrees of freedom (R: `qt(p, df)`). */
export function studentTQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df);
}

/**
 * Upper tail of the chi-square distribution, P(X ≥ x) with `df` degrees of freedom
 * (R: `pchisq(x, df, lower.tail = FALSE)`). Computed as the regularized upper incomplete gamma
 * function Q(df/2, x/2) rather than 1 − cdf, so that tiny p-values (e.g. 2·10⁻²⁶ for the BCG
 * data's Q) do not round to 0.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** Two-sided p-value of a standard normal test statistic: 2·Φ(−|z|). */
export function twoSidedNormalP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: 2·P(T ≤ −|t|). */
export function twoSidedTP(t: number, df: number): number {
  return 2 * studentTCdf(-Math.abs(t), df);
}

/** Natural logarithm of the gamma function (R: `lgamma`). */
export function logGamma(x: number): number {
  return gammaln(x);
}

/** The two-sided 95 % critical value of the standard normal, qnorm(0.975) = 1.959964…. */
export const Z_95 = normalQuantile(0.975);
