import fc from 'fast-check';
import { logOddsRatio, logRiskRatio, riskDifference, standardizedMeanDifference, type TwoByTwo } from './effect-sizes';
import { metaAnalysis, type MetaAnalysisResult, type MetaMethod } from './meta-analysis';

/** Property tests (fast-check): invariants every correct implementation must keep (issue 5). */

const table = fc
  .record({ n1: fc.integer({ min: 1, max: 5000 }), n2: fc.integer({ min: 1, max: 5000 }) })
  .chain(({ n1, n2 }) =>
    fc.record({
      events1: fc.integer({ min: 0, max: n1 }),
      n1: fc.constant(n1),
      events2: fc.integer({ min: 0, max: n2 }),
      n2: fc.constant(n2),
    }),
  );
const swap = (t: TwoByTwo): TwoByTwo => ({ events1: t.events2, n1: t.n2, events2: t.events1, n2: t.n1 });
const group = fc.record({
  mean: fc.double({ min: -1000, max: 1000, noNaN: true }),
  sd: fc.double({ min: 0.01, max: 100, noNaN: true }),
  n: fc.integer({ min: 2, max: 2000 }),
});
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('swapping the arms negates the effect and keeps its variance', () => {
  it.each([
    ['RD', riskDifference],
    ['log RR', logRiskRatio],
    ['log OR', logOddsRatio],
  ])('%s', (_name, measure) => {
    fc.assert(
      fc.property(table, (t) => {
        const a = measure(t);
        const b = measure(swap(t));
        return close(a.yi, -b.yi) && close(a.vi, b.vi);
      }),
    );
  });

  it('SMD', () => {
    fc.assert(
      fc.property(group, group, (g1, g2) => {
        const a = standardizedMeanDifference(g1, g2);
        const b = standardizedMeanDifference(g2, g1);
        return close(a.yi, -b.yi) && close(a.vi, b.vi);
      }),
    );
  });
});

describe('SMD is scale-free', () => {
  it('multiplying all means and SDs by c > 0 leaves g and its variance unchanged', () => {
    fc.assert(
      fc.property(group, group, fc.double({ min: 0.001, max: 1000, noNaN: true }), (g1, g2, c) => {
        const a = standardizedMeanDifference(g1, g2);
        const scale = (g: typeof g1) => ({ mean: g.mean * c, sd: g.sd * c, n: g.n });
        const b = standardizedMeanDifference(scale(g1), scale(g2));
        return Math.abs(a.yi - b.yi) <= 1e-7 * Math.max(1, Math.abs(a.yi)) && Math.abs(a.vi - b.vi) <= 1e-7 * a.vi;
      }),
    );
  });
});

describe('meta-analysis invariants', () => {
  const studies = fc.array(
    fc.record({
      yi: fc.double({ min: -5, max: 5, noNaN: true }),
      vi: fc.double({ min: 0.001, max: 2, noNaN: true }),
    }),
    { minLength: 2, maxLength: 25 },
  );
  const method = fc.constantFrom<MetaMethod>('FE', 'DL', 'REML');

  it('the pooled estimate lies within the range of the study estimates; τ² ≥ 0; I² in [0, 100]; weights sum to 100', () => {
    fc.assert(
      fc.property(studies, method, fc.constantFrom('z' as const, 'knha' as const), (rows, m, test) => {
        const input = rows.map((r, id) => ({ id, ...r }));
        const r = metaAnalysis(input, { method: m, test }) as MetaAnalysisResult<number>;
        const ys = rows.map((s) => s.yi);
        const slack = 1e-12 * Math.max(1, ...ys.map(Math.abs));
        const weightSum = r.studies.reduce((s, x) => s + x.weight, 0);
        return (
          r.estimate >= Math.min(...ys) - slack &&
          r.estimate <= Math.max(...ys) + slack &&
          (r.tau2 as number) >= 0 &&
          (r.i2 as number) >= 0 &&
          (r.i2 as number) <= 100 &&
          (r.h2 as number) >= 0 &&
          (r.q as number) >= 0 &&
          Math.abs(weightSum - 100) < 1e-9 &&
          r.ciLow <= r.estimate &&
          r.estimate <= r.ciHigh
        );
      }),
    );
  });

  it('random-effects intervals are at least as wide as fixed-effect ones', () => {
    fc.assert(
      fc.property(studies, fc.constantFrom<MetaMethod>('DL', 'REML'), (rows, m) => {
        const input = rows.map((r, id) => ({ id, ...r }));
        const fe = metaAnalysis(input, { method: 'FE' }) as MetaAnalysisResult<number>;
        const re = metaAnalysis(input, { method: m }) as MetaAnalysisResult<number>;
        return re.se >= fe.se * (1 - 1e-12);
      }),
    );
  });
});
