/**
 * Suggested evidence rating of one evaluation, modelled on CrimeSolutions' ratings (Effective,
 * Promising, No Effects, Insufficient evidence) and the WWC's study ratings (Meets Standards
 * Without / With Reservations). A pure function over effects and checks computed elsewhere; the
 * rules are written out in docs/methods.md, "Evidence rating". A reviewer confirms or overrides it.
 */
import type { Design } from '../vocabulary/evaluations';
import type { AttritionResult, BaselineEquivalence } from './wwc';

export const EVIDENCE_RATINGS = ['effective', 'promising', 'no_effects', 'insufficient'] as const;
export type EvidenceRating = (typeof EVIDENCE_RATINGS)[number];

/** Conventional two-sided significance level for "statistically significant". */
export const SIGNIFICANCE_LEVEL = 0.05;

export interface PrimaryOutcomeEvidence {
  indicatorId: number;
  /** A label for the reasons, e.g. the indicator code. */
  label: string;
  /** The effect at the post timepoint (default measure), or null when none could be computed. */
  effect: { yi: number; pValue: number; favorable: boolean } | null;
  /** Why there is no effect, shown as a reason. */
  missingReason?: string;
  baselineEquivalence?: BaselineEquivalence;
}

export interface RatingInput {
  design: Design;
  primaryOutcomes: readonly PrimaryOutcomeEvidence[];
  attrition?: AttritionResult;
}

export interface RatingSuggestion {
  suggested: EvidenceRating;
  /** Design strength after the WWC checks: strong (≈ meets without reservations), moderate, weak. */
  evidenceTier: 'strong' | 'moderate' | 'weak';
  reasons: string[];
}

type Tier = RatingSuggestion['evidenceTier'];

/** Design strength, then the WWC checks that can lower it: attrition (RCT) and baseline equivalence. */
function tierOf(input: RatingInput, reasons: string[]): Tier {
  const { design } = input;
  if (design === 'pre_post') {
    reasons.push('pre-post design: no comparison group, so change cannot be attributed to the program');
    return 'weak';
  }
  if (design === 'rct') {
    const attrition = input.attrition;
    if (attrition?.status === 'low') {
      reasons.push(`randomized design with low attrition (WWC ${attrition.boundary} boundary)`);
      return 'strong';
    }
    reasons.push(
      attrition?.status === 'high'
        ? `randomized design with high attrition (WWC ${attrition.boundary} boundary): baseline equivalence must be shown`
        : 'randomized design whose attrition could not be assessed: baseline equivalence must be shown',
    );
  } else {
    reasons.push('quasi-experimental design: baseline equivalence must be shown');
  }
  const checks = input.primaryOutcomes.map((o) => ({ label: o.label, check: o.baselineEquivalence }));
  const failing = checks.filter((c) => c.check?.status !== 'satisfied' && c.check?.status !== 'requires_adjustment');
  if (checks.length === 0 || failing.length > 0) {
    const labels = failing.map((c) => c.label).join(', ');
    reasons.push(`baseline equivalence not shown${labels ? ` for ${labels}` : ''} (|g| > 0.25 or not assessed)`);
    return 'weak';
  }
  const adjusted = checks.filter((c) => c.check?.status === 'requires_adjustment').map((c) => c.label);
  if (adjusted.length > 0) {
    reasons.push(
      `baseline differences of 0.05 < |g| ≤ 0.25 on ${adjusted.join(', ')}: ` +
        'the reviewer must confirm the analysis adjusted for them',
    );
  } else {
    reasons.push('baseline equivalence satisfied on every primary outcome (|g| ≤ 0.05)');
  }
  return 'moderate';
}

/**
 * Suggests effective / promising / no_effects / insufficient with the reasons:
 * post-only and qualitative designs, weak evidence tiers and missing primary effects give
 * insufficient; a significant harmful effect on a primary outcome gives no_effects; otherwise
 * significant favorable effects give effective (strong tier, at least half of the primary
 * outcomes) or promising, and none gives no_effects.
 */
export function suggestRating(input: RatingInput): RatingSuggestion {
  const reasons: string[] = [];
  if (input.design === 'post_only' || input.design === 'qualitative') {
    const what = input.design === 'post_only' ? 'a post-only design' : 'a qualitative design';
    return {
      suggested: 'insufficient',
      evidenceTier: 'weak',
      reasons: [`${what} has neither a comparison group nor a baseline to estimate an effect against`],
    };
  }
  if (input.primaryOutcomes.length === 0) {
    return { suggested: 'insufficient', evidenceTier: 'weak', reasons: ['no pre-registered primary outcome'] };
  }

  const tier = tierOf(input, reasons);
  const withEffect = input.primaryOutcomes.filter((o) => o.effect !== null);
  for (const o of input.primaryOutcomes.filter((x) => x.effect === null)) {
    reasons.push(`no effect size for primary outcome ${o.label}${o.missingReason ? `: ${o.missingReason}` : ''}`);
  }
  const significant = (o: PrimaryOutcomeEvidence) => o.effect !== null && o.effect.pValue < SIGNIFICANCE_LEVEL;
  const favorable = withEffect.filter((o) => significant(o) && o.effect?.favorable);
  const harmful = withEffect.filter((o) => significant(o) && !o.effect?.favorable && o.effect?.yi !== 0);
  if (favorable.length > 0) {
    reasons.push(`statistically significant favorable effect on ${favorable.map((o) => o.label).join(', ')}`);
  }
  if (harmful.length > 0) {
    reasons.push(`statistically significant harmful effect on ${harmful.map((o) => o.label).join(', ')}`);
  }
  const rest = withEffect.length - favorable.length - harmful.length;
  if (rest > 0) reasons.push(`${rest} primary outcome(s) without a statistically significant effect (p ≥ 0.05)`);

  if (withEffect.length === 0) return { suggested: 'insufficient', evidenceTier: tier, reasons };
  if (tier === 'weak') {
    reasons.push('the design cannot support a rating beyond insufficient evidence');
    return { suggested: 'insufficient', evidenceTier: tier, reasons };
  }
  if (harmful.length > 0) return { suggested: 'no_effects', evidenceTier: tier, reasons };
  if (favorable.length === 0) return { suggested: 'no_effects', evidenceTier: tier, reasons };
  const mostly = favorable.length * 2 >= input.primaryOutcomes.length;
  if (tier === 'strong' && mostly) return { suggested: 'effective', evidenceTier: tier, reasons };
  if (tier === 'strong') {
    reasons.push('fewer than half of the primary outcomes improved significantly');
  }
  return { suggested: 'promising', evidenceTier: tier, reasons };
}
