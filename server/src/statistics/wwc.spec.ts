import type { MeasurementInput } from './comparisons';
import { expectRelative } from './test-support';
import {
  attrition,
  baselineEquivalence,
  classifyAttrition,
  classifyBaselineDifference,
  coxIndex,
  WWC_ATTRITION_BOUNDARY,
  wwcHedgesG,
  wwcSmallSampleCorrection,
} from './wwc';

/*
 * WWC Procedures and Standards Handbook, Version 5.0 (2022): Hedges' g with ω = 1 − 3/(4N − 9),
 * the Cox index LOR/1.65 with the same ω, the baseline thresholds 0.05 and 0.25, and the attrition
 * boundary (Table II.1 of the Version 4.1 Standards Handbook, which 5.0 keeps). No worked WWC
 * example with printed numbers was found for these functions, so the effect-size checks use the
 * Borenstein et al. (2009) example and hand-computed formula values.
 */
describe('WWC effect sizes for baseline equivalence', () => {
  it('ω = 1 − 3/(4N − 9): N = 100 gives 0.992327', () => {
    expect(wwcSmallSampleCorrection(100)).toBeCloseTo(1 - 3 / 391, 12);
    expect(wwcSmallSampleCorrection(100)).toBeCloseTo(0.992327, 6);
  });

  it('Hedges g on the Borenstein et al. (2009) ch. 4 example: d = 0.5970, g = 0.5924', () => {
    const g = wwcHedgesG({ mean: 103, sd: 5.5, n: 50 }, { mean: 100, sd: 4.5, n: 50 });
    expect(g).toBeCloseTo(0.5924, 4);
    expectRelative(g, (1 - 3 / 391) * (3 / Math.sqrt(25.25)), 1e-12);
  });

  it('Cox index = ω·(logit p_t − logit p_c)/1.65', () => {
    // p_t = 0.6, p_c = 0.5, N = 200: logit(0.6) = 0.405465, ω = 1 − 3/791.
    const d = coxIndex({ events: 60, n: 100 }, { events: 50, n: 100 });
    expectRelative(d, ((1 - 3 / 791) * Math.log(1.5)) / 1.65, 1e-12);
    expect(d).toBeCloseTo(0.244804, 6);
  });

  it('classifies |g| ≤ 0.05 satisfied, ≤ 0.25 requires adjustment, beyond not satisfied', () => {
    expect(classifyBaselineDifference(0.05)).toBe('satisfied');
    expect(classifyBaselineDifference(-0.05)).toBe('satisfied');
    expect(classifyBaselineDifference(0.0501)).toBe('requires_adjustment');
    expect(classifyBaselineDifference(-0.25)).toBe('requires_adjustment');
    expect(classifyBaselineDifference(0.2501)).toBe('not_satisfied');
  });
});

describe('baselineEquivalence', () => {
  const means: MeasurementInput[] = [
    { arm: 'treatment', timepoint: 'baseline', n: 50, mean: 10.1, sd: 2 },
    { arm: 'comparison', timepoint: 'baseline', n: 50, mean: 10, sd: 2 },
    { arm: 'treatment', timepoint: 'baseline', n: 10, mean: 99, sd: 2, region: 'PH' },
  ];

  it('uses Hedges g on the baseline means of the total disaggregation', () => {
    const result = baselineEquivalence('rct', 'mean', means);
    expect(result).toMatchObject({ status: 'satisfied', index: 'hedges_g' });
    expectRelative(result.g, ((1 - 3 / 391) * 0.1) / 2, 1e-12);
  });

  it('uses the Cox index on baseline proportions', () => {
    const rows: MeasurementInput[] = [
      { arm: 'treatment', timepoint: 'baseline', n: 100, events: 60 },
      { arm: 'comparison', timepoint: 'baseline', n: 100, events: 50 },
    ];
    const result = baselineEquivalence('quasi_experimental', 'proportion', rows);
    expect(result).toMatchObject({ status: 'requires_adjustment', index: 'cox_index' });
  });

  it('explains when it cannot be assessed', () => {
    expect(baselineEquivalence('pre_post', 'mean', means).status).toBe('not_assessed');
    expect(baselineEquivalence('rct', 'mean', means.slice(0, 1))).toMatchObject({
      status: 'not_assessed',
      reason: 'baseline data for both arms are missing',
    });
    const zero: MeasurementInput[] = [
      { arm: 'treatment', timepoint: 'baseline', n: 100, events: 0 },
      { arm: 'comparison', timepoint: 'baseline', n: 100, events: 5 },
    ];
    expect(baselineEquivalence('rct', 'proportion', zero).status).toBe('not_assessed');
    expect(baselineEquivalence('rct', 'count', means).status).toBe('not_assessed');
  });
});

describe('attrition against the WWC boundary', () => {
  it('computes overall and differential attrition from planned and achieved sizes', () => {
    const result = attrition({
      design: 'rct',
      plannedSizes: { treatment: 100, comparison: 100 },
      achievedSizes: { treatment: 90, comparison: 86 },
    });
    expectRelative(result.overall, 0.12, 1e-12);
    expectRelative(result.differential, 0.04, 1e-12);
    // Row 12 % of the cautious boundary allows 6.2 points.
    expect(result).toMatchObject({ status: 'low', boundary: 'cautious', maxDifferential: 0.062 });
  });

  it('the boundary is inclusive and the cautious one is stricter than the optimistic one', () => {
    expect(classifyAttrition(0.1, 0.063).status).toBe('low');
    expect(classifyAttrition(0.1, 0.064).status).toBe('high');
    expect(classifyAttrition(0.3, 0.06, 'cautious').status).toBe('high');
    expect(classifyAttrition(0.3, 0.06, 'optimistic').status).toBe('low');
    // Cautious: 58 % overall attrition or more is high whatever the differential.
    expect(classifyAttrition(0.58, 0, 'cautious')).toEqual({ status: 'high', maxDifferential: null });
    expect(classifyAttrition(0.57, 0, 'cautious').status).toBe('low');
    expect(classifyAttrition(0.66, 0, 'optimistic').status).toBe('high');
  });

  it('keeps the table the WWC prints: 0 % → 5.7 / 10.0 points, rising then falling', () => {
    expect(WWC_ATTRITION_BOUNDARY.cautious[0]).toBe(5.7);
    expect(WWC_ATTRITION_BOUNDARY.optimistic[0]).toBe(10.0);
    expect(WWC_ATTRITION_BOUNDARY.cautious).toHaveLength(58);
    expect(WWC_ATTRITION_BOUNDARY.optimistic).toHaveLength(66);
    WWC_ATTRITION_BOUNDARY.cautious.forEach((max, row) =>
      expect(max).toBeLessThanOrEqual(WWC_ATTRITION_BOUNDARY.optimistic[row]),
    );
  });

  it('single-group designs report overall attrition but are not classified', () => {
    const result = attrition({ design: 'pre_post', plannedSizes: { single: 80 }, achievedSizes: { single: 60 } });
    expect(result.status).toBe('not_assessed');
    expectRelative(result.overall, 0.25, 1e-12);
    expect(result.differential).toBeNull();
  });

  it('explains missing or inconsistent sizes', () => {
    expect(
      attrition({ design: 'rct', plannedSizes: { treatment: 50 }, achievedSizes: { treatment: 40 } }),
    ).toMatchObject({
      status: 'not_assessed',
      reason: 'planned and achieved sample sizes are needed for the comparison arm',
    });
    expect(
      attrition({
        design: 'rct',
        plannedSizes: { treatment: 50, comparison: 50 },
        achievedSizes: { treatment: 60, comparison: 40 },
      }).status,
    ).toBe('not_assessed');
  });
});
