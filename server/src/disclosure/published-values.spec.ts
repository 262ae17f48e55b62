import { withoutSmallCounts, type PublishedValue } from './published-values';

const period = { startDate: '2026-01-01', endDate: '2026-03-31' };
const value = (over: Partial<PublishedValue>): PublishedValue => ({
  period,
  sex: 'total',
  ageBand: 'total',
  region: 'total',
  baselineValue: null,
  actualValue: null,
  ...over,
});

describe('values in files published to everyone (IATI)', () => {
  it("leaves out a count indicator's small actual value and the sibling that would give it away", () => {
    const out = withoutSmallCounts(
      'count',
      [
        value({ actualValue: 40, baselineValue: 3 }),
        value({ sex: 'female', actualValue: 4 }),
        value({ sex: 'male', actualValue: 36 }),
      ],
      11,
    );
    expect(out.map((v) => v.actualValue)).toEqual([40, null, null]);
    expect(out[0].baselineValue).toBeNull();
  });

  it('keeps zero, large counts and every value of other measure types', () => {
    expect(
      withoutSmallCounts('count', [value({ actualValue: 0 }), value({ sex: 'male', actualValue: 0 })], 11).map(
        (v) => v.actualValue,
      ),
    ).toEqual([0, 0]);
    expect(withoutSmallCounts('proportion', [value({ actualValue: 0.03 })], 11)[0].actualValue).toBe(0.03);
  });
});
