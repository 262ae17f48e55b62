import { suggestRating, type PrimaryOutcomeEvidence } from './rating';
import type { AttritionResult } from './wwc';

/*
 * The rules are ours (docs/methods.md, "Evidence rating"), modelled on CrimeSolutions' rating
 * categories and the WWC's group-design standards; there is no published reference value, so
 * these specs check each rule and its reason.
 */
const low: AttritionResult = { overall: 0.1, differential: 0.02, status: 'low', boundary: 'cautious' };
const high: AttritionResult = { overall: 0.4, differential: 0.1, status: 'high', boundary: 'cautious' };
const satisfied = { status: 'satisfied' as const, g: 0.01, index: 'hedges_g' as const };
const adjust = { status: 'requires_adjustment' as const, g: 0.1, index: 'hedges_g' as const };
const notSatisfied = { status: 'not_satisfied' as const, g: 0.4, index: 'hedges_g' as const };

function outcome(label: string, pValue: number, favorable: boolean, extra: Partial<PrimaryOutcomeEvidence> = {}) {
  return { indicatorId: label.length, label, effect: { yi: favorable ? 0.3 : -0.3, pValue, favorable }, ...extra };
}

describe('suggestRating', () => {
  it('effective: randomized, low attrition, significant favorable effects on at least half the primary outcomes', () => {
    const r = suggestRating({
      design: 'rct',
      attrition: low,
      primaryOutcomes: [outcome('A', 0.01, true), outcome('B', 0.3, true)],
    });
    expect(r.suggested).toBe('effective');
    expect(r.evidenceTier).toBe('strong');
    expect(r.reasons).toContain('randomized design with low attrition (WWC cautious boundary)');
    expect(r.reasons).toContain('statistically significant favorable effect on A');
  });

  it('promising: a strong design with fewer than half the primary outcomes improved', () => {
    const r = suggestRating({
      design: 'rct',
      attrition: low,
      primaryOutcomes: [outcome('A', 0.01, true), outcome('B', 0.3, true), outcome('C', 0.5, false)],
    });
    expect(r.suggested).toBe('promising');
    expect(r.reasons).toContain('fewer than half of the primary outcomes improved significantly');
  });

  it('promising: quasi-experiment (or high-attrition trial) with baseline equivalence and a significant favorable effect', () => {
    const qed = suggestRating({
      design: 'quasi_experimental',
      primaryOutcomes: [outcome('A', 0.02, true, { baselineEquivalence: satisfied })],
    });
    expect(qed).toMatchObject({ suggested: 'promising', evidenceTier: 'moderate' });
    const rct = suggestRating({
      design: 'rct',
      attrition: high,
      primaryOutcomes: [outcome('A', 0.02, true, { baselineEquivalence: adjust })],
    });
    expect(rct.suggested).toBe('promising');
    expect(rct.reasons.join(' ')).toMatch(/reviewer must confirm the analysis adjusted/);
  });

  it('no_effects: a credible design without significant effects, or with a harmful one', () => {
    expect(suggestRating({ design: 'rct', attrition: low, primaryOutcomes: [outcome('A', 0.4, true)] }).suggested).toBe(
      'no_effects',
    );
    const harmful = suggestRating({
      design: 'rct',
      attrition: low,
      primaryOutcomes: [outcome('A', 0.001, true), outcome('B', 0.01, false)],
    });
    expect(harmful.suggested).toBe('no_effects');
    expect(harmful.reasons).toContain('statistically significant harmful effect on B');
  });

  it('insufficient: weak designs, failed baseline equivalence, no primary outcome or no effect', () => {
    const prePost = suggestRating({ design: 'pre_post', primaryOutcomes: [outcome('A', 0.001, true)] });
    expect(prePost).toMatchObject({ suggested: 'insufficient', evidenceTier: 'weak' });
    const qed = suggestRating({
      design: 'quasi_experimental',
      primaryOutcomes: [outcome('A', 0.001, true, { baselineEquivalence: notSatisfied })],
    });
    expect(qed.suggested).toBe('insufficient');
    expect(qed.reasons.join(' ')).toMatch(/baseline equivalence not shown for A/);
    expect(suggestRating({ design: 'post_only', primaryOutcomes: [outcome('A', 0.001, true)] }).suggested).toBe(
      'insufficient',
    );
    expect(suggestRating({ design: 'qualitative', primaryOutcomes: [] }).suggested).toBe('insufficient');
    expect(suggestRating({ design: 'rct', attrition: low, primaryOutcomes: [] }).reasons).toEqual([
      'no pre-registered primary outcome',
    ]);
    const missing = suggestRating({
      design: 'rct',
      attrition: low,
      primaryOutcomes: [
        { indicatorId: 1, label: 'A', effect: null, missingReason: 'treatment or comparison data missing' },
      ],
    });
    expect(missing.suggested).toBe('insufficient');
    expect(missing.reasons).toContain('no effect size for primary outcome A: treatment or comparison data missing');
  });

  it('a trial whose attrition is unknown is held to the baseline-equivalence test', () => {
    const r = suggestRating({ design: 'rct', primaryOutcomes: [outcome('A', 0.001, true)] });
    expect(r.suggested).toBe('insufficient');
    expect(r.reasons[0]).toMatch(/attrition could not be assessed/);
  });
});
