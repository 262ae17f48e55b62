/**
 * The benchmark harness on 10 000 rows, once each (issue 8): it must run and report, so that
 * `npm run bench` never rots. No timing is asserted here — performance lives in docs/performance.md.
 */
import { benchContext, type BenchResult } from '../bench/harness';
import { runB1 } from '../bench/b1-import';
import { runB2 } from '../bench/b2-export';
import { runB3 } from '../bench/b3-analysis';
import { runB4 } from '../bench/b4-list';
import { runB5 } from '../bench/b5-admin';

const ctx = () => benchContext(10_000, 1);

function expectReport(result: BenchResult, unit: string) {
  expect(result.unit).toBe(unit);
  expect(result.ours).toBeGreaterThan(0);
  expect(typeof result.met).toBe('boolean');
}

describe('benchmark harness (smoke, 10 000 rows)', () => {
  it('B1 imports the rows through the API and COPYs them for the baseline', async () => {
    const result = await runB1(ctx());
    expectReport(result, 's');
    expect(result.baseline).toBeGreaterThan(0);
    expect(result.peakRssMb).toBeGreaterThan(0);
  });

  it('B2 exports the rows as CSV and COPYs them out for the baseline', async () => {
    const result = await runB2(ctx());
    expectReport(result, 's');
    expect(result.ratio).toBeGreaterThan(0);
  });

  it('B3 pools through the API and in SQL plus the same REML, with the same estimate', async () => {
    expectReport(await runB3(ctx()), 's');
  });

  it('B4 loads the programs list and a bare handler with autocannon', async () => {
    const result = await runB4(ctx(), { duration: 1 });
    expectReport(result, 'req/s');
    expect(result.baseline).toBeGreaterThan(0);
  });

  it('B5 measures the entry JavaScript', async () => {
    const result = await runB5(ctx());
    expectReport(result, 'KB gzip');
  });
});
