import { ValidationFailedError } from '../common/errors';
import { checkMeasurement, outcomeSwitching, submissionProblems } from './measurement-rules';

const proportion = { id: 1, code: 'EDU-RECOG-01', measureType: 'proportion' as const, minValue: 0, maxValue: 1 };
const mean = { id: 2, code: 'EDU-KNOW-02', measureType: 'mean' as const, minValue: 0, maxValue: 20 };
const cell = {
  arm: 'treatment' as const,
  timepoint: 'post' as const,
  n: 100,
  events: 40,
  mean: null,
  sd: null,
  value: null,
};

function problemOf(fn: () => void): { field: string; message: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.details?.[0];
    throw error;
  }
}

describe('measurement rules', () => {
  it('accepts a complete cell of each measure type', () => {
    expect(problemOf(() => checkMeasurement('rct', proportion, cell))).toBeUndefined();
    expect(
      problemOf(() => checkMeasurement('pre_post', mean, { ...cell, arm: 'single', events: null, mean: 12, sd: 0 })),
    ).toBeUndefined();
  });

  it('names the field and the reason for each broken rule', () => {
    expect(problemOf(() => checkMeasurement('pre_post', proportion, cell))).toEqual({
      field: 'arm',
      message: 'a pre_post evaluation uses the single arm(s), not treatment',
      code: 'arm_not_in_design',
    });
    expect(problemOf(() => checkMeasurement('rct', proportion, { ...cell, events: 101 }))).toEqual({
      field: 'events',
      message: 'must be at most n (100)',
      code: 'events_above_n',
    });
    expect(problemOf(() => checkMeasurement('rct', mean, { ...cell, events: null, mean: 21, sd: 1 }))?.message).toBe(
      'the mean 21 is outside the plausible range of EDU-KNOW-02 (0–20)',
    );
    expect(problemOf(() => checkMeasurement('rct', mean, { ...cell, events: null, mean: 3 }))?.field).toBe('sd');
    expect(problemOf(() => checkMeasurement('rct', proportion, { ...cell, value: 2 }))?.field).toBe('value');
  });

  it('lists everything that keeps an evaluation from submission', () => {
    const base = {
      design: 'rct' as const,
      summary: '',
      primaryIndicatorIds: [1],
      plannedSizes: { treatment: 10, single: 5 },
      achievedSizes: {},
      indicatorCodes: new Map([[1, 'EDU-RECOG-01']]),
    };
    expect(
      submissionProblems({
        ...base,
        measurements: [
          { indicatorId: 1, arm: 'treatment', timepoint: 'post', total: true },
          { indicatorId: 1, arm: 'comparison', timepoint: 'post', total: false },
          { indicatorId: 1, arm: 'single', timepoint: 'post', total: true },
        ],
      }),
    ).toMatchObject([
      {
        field: 'outcomeMeasurements',
        message: '1 measurement(s) use the single arm, but a rct evaluation uses treatment and comparison',
      },
      { field: 'plannedSizes.single', message: 'a rct evaluation has no single arm; clear it' },
      { field: 'primaryIndicatorIds', message: 'primary outcome EDU-RECOG-01 has no post data for the comparison arm' },
    ]);
    expect(
      submissionProblems({
        ...base,
        design: 'qualitative',
        primaryIndicatorIds: [],
        plannedSizes: {},
        measurements: [],
      }),
    ).toMatchObject([{ field: 'summary', message: 'a qualitative evaluation needs a summary of its findings' }]);
  });

  it('reports outcome switching against the registration', () => {
    expect(outcomeSwitching(null, [1])).toBeNull();
    expect(outcomeSwitching([1, 2], [2, 1])).toBeNull();
    expect(outcomeSwitching([1, 2], [2, 3])).toEqual({ added: [3], removed: [1] });
  });
});
