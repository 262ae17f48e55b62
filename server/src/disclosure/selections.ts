/**
 * Which pooled results an outsider may see (docs/methods.md#disclosure-control). Pure functions.
 *
 * Outsiders pool over fixed selections only: for one indicator, timepoint and measure, all
 * strategies together, or one strategy. The strategies partition the evaluations, so every
 * released result is a sum of per-strategy parts, and any linear combination of released results
 * (a difference of two, or the all-strategies result minus several strategies) can isolate at most
 * the union of the withheld strategies. A result is released only when it rests on at least
 * `minStudies` evaluations, and, while the all-strategies result is released, the withheld strategy
 * results together hold 0 or at least `minStudies` evaluations: otherwise more strategy results are
 * withheld, smallest first (complementary withholding, as for table cells).
 */
export interface ReleaseDecision {
  released: boolean;
  /** Why the result is withheld (only when `released` is false). */
  reason?: string;
}

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
  'withheld: with the all-strategies result it would isolate fewer evaluations than pooled results need ' +
  '(complementary withholding against differencing)';

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
      byStrategy.set(strategy, { released: false, reason: tooFewReason(k, minStudies) });
      withheldStudies += k;
    } else {
      byStrategy.set(strategy, RELEASED);
    }
  }
  if (total < minStudies) return { all: { released: false, reason: tooFewReason(total, minStudies) }, byStrategy };
  while (withheldStudies > 0 && withheldStudies < minStudies) {
    const smallest = [...byStrategy]
      .filter(([, decision]) => decision.released)
      .map(([strategy]) => [strategy, studiesByStrategy.get(strategy)!] as const)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    byStrategy.set(smallest[0], { released: false, reason: DIFFERENCING_REASON });
    withheldStudies += smallest[1];
  }
  return { all: RELEASED, byStrategy };
}
