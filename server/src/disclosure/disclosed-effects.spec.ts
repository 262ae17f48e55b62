import { disclosedEffects, SMALL_NUMBERS, type DisclosedMeasurement } from './disclosed-effects';

const cell = (
  arm: 'treatment' | 'comparison' | 'single',
  timepoint: 'baseline' | 'post',
  n: number | null,
  events: number | null,
  hidden: DisclosedMeasurement['hidden'] = [],
): DisclosedMeasurement => ({ arm, timepoint, n, events, hidden });

describe('effects an outsider may see', () => {
  it('withholds an effect computed from a hidden count (the 3 of 20 of issue 16)', () => {
    const [post] = disclosedEffects({
      design: 'rct',
      direction: 'increase',
      measureType: 'proportion',
      measurements: [cell('treatment', 'post', 20, null, ['events']), cell('comparison', 'post', 60, 40)],
    });
    expect(post).toEqual({ timepoint: 'post', status: 'withheld', reason: SMALL_NUMBERS });
  });

  it('computes effects from visible cells exactly as statistics/ does', () => {
    const [post] = disclosedEffects({
      design: 'rct',
      direction: 'increase',
      measureType: 'proportion',
      measurements: [cell('treatment', 'post', 120, 60), cell('comparison', 'post', 110, 40)],
    });
    expect(post.status).toBe('computed');
    if (post.status === 'computed') expect(post.effects[0].yi).toBeCloseTo(Math.log(60 / 120 / (40 / 110)), 12);
  });

  it('withholds a pre-post effect whose baseline is hidden, and ignores hidden cells it does not use', () => {
    const effects = disclosedEffects({
      design: 'pre_post',
      direction: 'increase',
      measureType: 'proportion',
      measurements: [cell('single', 'baseline', null, null, ['n', 'events']), cell('single', 'post', 80, 30)],
    });
    expect(effects).toEqual([{ timepoint: 'post', status: 'withheld', reason: SMALL_NUMBERS }]);
  });
});
