import { computeEffects, PRE_POST_PROPORTION_NOTE, type ComputedEffects, type MeasurementInput } from './comparisons';
import { expectRelative } from './test-support';

const computed = (x: unknown): ComputedEffects => {
  const e = x as ComputedEffects;
  if (e.status !== 'computed') throw new Error(`not computed: ${JSON.stringify(x)}`);
  return e;
};

describe('computeEffects picks the comparison the design supports', () => {
  // Borenstein et al. (2009), ch. 4 example as an RCT: g = 0.5924 (metafor 0.592439623034787).
  const borenstein: MeasurementInput[] = [
    { arm: 'treatment', timepoint: 'post', n: 50, mean: 103, sd: 5.5 },
    { arm: 'comparison', timepoint: 'post', n: 50, mean: 100, sd: 4.5 },
    { arm: 'treatment', timepoint: 'post', n: 20, mean: 0, sd: 1, sex: 'female' },
  ];

  it('rct, means: Hedges g of treatment vs comparison, disaggregated rows ignored', () => {
    const [post] = computeEffects({
      design: 'rct',
      direction: 'increase',
      measureType: 'mean',
      measurements: borenstein,
    });
    const e = computed(post);
    expect(e.comparison).toBe('treatment_vs_comparison');
    expect(e.defaultMeasure).toBe('SMD');
    expect(e.nTreatment).toBe(50);
    expect(e.nComparison).toBe(50);
    expect(e.effects).toHaveLength(1);
    expect(e.effects[0].yi).toBeCloseTo(0.5924, 4);
    expectRelative(e.effects[0].yi, 0.592439623034787);
    expect(e.effects[0].favorable).toBe(true);
  });

  it('the same effect is unfavorable for an indicator that should decrease', () => {
    const [post] = computeEffects({
      design: 'quasi_experimental',
      direction: 'decrease',
      measureType: 'mean',
      measurements: borenstein,
    });
    expect(computed(post).effects[0].favorable).toBe(false);
  });

  it('rct, proportions: RR, OR and RD of treatment vs comparison at post and follow-up', () => {
    // Aronson (1948), first BCG trial (Colditz et al. 1994): log RR −0.8893, log OR −0.9387.
    const rows: MeasurementInput[] = [
      { arm: 'treatment', timepoint: 'baseline', n: 123, events: 0 },
      { arm: 'treatment', timepoint: 'post', n: 123, events: 4 },
      { arm: 'comparison', timepoint: 'post', n: 139, events: 11 },
      { arm: 'treatment', timepoint: 'follow_up', n: 100, events: 4 },
    ];
    const result = computeEffects({
      design: 'rct',
      direction: 'decrease',
      measureType: 'proportion',
      measurements: rows,
    });
    expect(result.map((r) => r.timepoint)).toEqual(['post', 'follow_up']);
    const post = computed(result[0]);
    expect(post.effects.map((e) => e.measure)).toEqual(['RR', 'OR', 'RD']);
    expect(post.effects[0].yi).toBeCloseTo(-0.8893, 4);
    expect(post.effects[1].yi).toBeCloseTo(-0.9387, 4);
    expect(post.effects.every((e) => e.favorable)).toBe(true);
    expect(post.effects[0].estimate).toBeCloseTo(Math.exp(-0.889311333920205), 10);
    expect(result[1]).toEqual({
      timepoint: 'follow_up',
      status: 'not_computed',
      reason: 'treatment or comparison data missing',
    });
  });

  it('pre_post, means: SMCR of post vs baseline with the evaluation’s correlation (Morris 2008, study 1: 0.5056)', () => {
    const rows: MeasurementInput[] = [
      { arm: 'single', timepoint: 'baseline', n: 20, mean: 30.6, sd: 15.0 },
      { arm: 'single', timepoint: 'post', n: 20, mean: 38.5, sd: 11.6 },
    ];
    const [post] = computeEffects({
      design: 'pre_post',
      direction: 'increase',
      measureType: 'mean',
      measurements: rows,
      prePostCorrelation: 0.47,
    });
    const e = computed(post);
    expect(e.comparison).toBe('post_vs_baseline');
    expect(e.defaultMeasure).toBe('SMCR');
    expectRelative(e.effects[0].yi, 0.50555278587344);
    expectRelative(e.effects[0].vi, 0.0593895904826099);
  });

  it('pre_post, means: the correlation defaults to 0.5 and the paired n is the smaller sample', () => {
    const rows: MeasurementInput[] = [
      { arm: 'single', timepoint: 'baseline', n: 25, mean: 10, sd: 2 },
      { arm: 'single', timepoint: 'post', n: 20, mean: 11, sd: 2 },
    ];
    const [post] = computeEffects({
      design: 'pre_post',
      direction: 'increase',
      measureType: 'mean',
      measurements: rows,
    });
    const e = computed(post);
    const g = e.effects[0].yi;
    expectRelative(e.effects[0].vi, (2 * (1 - 0.5)) / 20 + (g * g) / 40, 1e-12);
  });

  it('pre_post, proportions: RR/OR/RD of post vs baseline, flagged as ignoring the pairing', () => {
    const rows: MeasurementInput[] = [
      { arm: 'single', timepoint: 'baseline', n: 100, events: 30 },
      { arm: 'single', timepoint: 'post', n: 90, events: 45 },
    ];
    const [post] = computeEffects({
      design: 'pre_post',
      direction: 'increase',
      measureType: 'proportion',
      measurements: rows,
    });
    const e = computed(post);
    expect(e.note).toBe(PRE_POST_PROPORTION_NOTE);
    expectRelative(e.effects[2].yi, 0.5 - 0.3, 1e-12);
    expect(e.nTreatment).toBe(90);
    expect(e.nComparison).toBe(100);
  });

  it('post_only, qualitative and count/rate indicators give reasons, not effects', () => {
    const rows: MeasurementInput[] = [{ arm: 'single', timepoint: 'post', n: 40, events: 10, value: 3 }];
    const postOnly = computeEffects({
      design: 'post_only',
      direction: 'increase',
      measureType: 'proportion',
      measurements: rows,
    });
    expect(postOnly).toEqual([
      {
        timepoint: 'post',
        status: 'not_computed',
        reason: 'a post-only design has no comparison group and no baseline',
      },
    ]);
    const qualitative = computeEffects({
      design: 'qualitative',
      direction: 'increase',
      measureType: 'mean',
      measurements: rows,
    });
    expect(qualitative[0].status).toBe('not_computed');
    const count = computeEffects({ design: 'rct', direction: 'increase', measureType: 'count', measurements: rows });
    expect(count[0]).toMatchObject({ status: 'not_computed' });
    expect((count[0] as { reason: string }).reason).toMatch(/no effect size for count indicators/);
  });

  it('a zero pooled SD gives a reason', () => {
    const rows: MeasurementInput[] = [
      { arm: 'treatment', timepoint: 'post', n: 5, mean: 3, sd: 0 },
      { arm: 'comparison', timepoint: 'post', n: 5, mean: 2, sd: 0 },
    ];
    const [post] = computeEffects({ design: 'rct', direction: 'increase', measureType: 'mean', measurements: rows });
    expect(post).toEqual({
      timepoint: 'post',
      status: 'not_computed',
      reason: 'SMD needs a positive pooled standard deviation',
    });
  });
});
