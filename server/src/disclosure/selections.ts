/**
 * Which pooled results an outsider may see (docs/methods.md#disclosure-control). Pure functions.
 *
 * Outsiders pool over fixed selections only: for one indicator, timepoint and measure, all
 * strategies together, or one strategy. The strategies partition the evaluations, so every
 * released result is a sum of per-strategy parts, and any linear combination of released results
 * (a difference of two, or the all-strategies result minus several strategies) can isolate at most
 * the union of the withheld strategies. A result is released only when it rests on at least
 * `minStudies` evaluations, and the all-strategies result only when the withheld strategy results
 * together hold 0 or at least `minStudies` evaluations (complementary withholding, as for table
 * cells). Withholding the all-strategies result, rather than more strategies, keeps every strategy
 * cell of the evidence map that can be shown; strategy results are disjoint, so no difference of
 * them isolates anything.
 */
export interface ReleaseDecision {
  released: boolean;
  /** Why the result is withheld (only when `released` is false), in words and as a stable code. */
  reason?: string;
  code?: WithheldCode;
}

/** Why something is withheld from an outsider: a stable code the admin app translates. */
export type WithheldCode = 'small_numbers' | 'too_few_studies' | 'differencing';

export interface ReleasePlan<S extends string> {
  all: ReleaseDecision;
  byStrategy: Map<S, ReleaseDecision>;
}

const RELEASED: ReleaseDecision = { released: true };

export function tooFewReason(k: number, minStudies: number): string {
  return (
    `withheld: rests on ${k} evaluation${k === 1 ? '' : 's'} that outsiders may see; ` +
    `pooled results need at least ${minStudies}`
  );
}

export const DIFFERENCING_REASON =
  'withheld: the strategy results shown could be subtracted from it to single out fewer evaluations ' +
  'than pooled results need (complementary withholding against differencing)';

/**
 * Decides, for one indicator × timepoint × measure, which selections an outsider gets, from the
 * number of evaluations each strategy would pool (strategies with none may be left out).
 */
export function releasePlan<S extends string>(
  studiesByStrategy: ReadonlyMap<S, number>,
  minStudies: number,
): ReleasePlan<S> {
  const byStrategy = new Map<S, ReleaseDecision>();
  let withheldStudies = 0;
  let total = 0;
  for (const [strategy, k] of studiesByStrategy) {
    if (k <= 0) continue;
    total += k;
    if (k < minStudies) {
      byStrategy.set(strategy, { released: false, reason: tooFewReason(k, minStudies), code: 'too_few_studies' });
      withheldStudies += k;
    } else {
      byStrategy.set(strategy, RELEASED);
    }
  }
  if (total < minStudies) {
    return { all: { released: false, reason: tooFewReason(total, minStudies), code: 'too_few_studies' }, byStrategy };
  }
  // The all-strategies result minus every released strategy would single out the withheld ones.
  if (withheldStudies > 0 && withheldStudies < minStudies) {
    return { all: { released: false, reason: DIFFERENCING_REASON, code: 'differencing' }, byStrategy };
  }
  return { all: RELEASED, byStrategy };
}
