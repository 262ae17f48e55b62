/**
 * `npm run bench`: B1–B5 on BENCH_ROWS rows (1 000 000 by default), each repeated BENCH_REPEATS
 * times (3), with their baselines measured in the same run; writes results.json and results.md and
 * refreshes the table in docs/performance.md. BENCH_ONLY=B1,B3 runs some of them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchContext, markdownTable, RESULTS_JSON, RESULTS_MD, type BenchResult } from './harness';
import { runB1 } from './b1-import';
import { runB2 } from './b2-export';
import { runB3 } from './b3-analysis';
import { runB4 } from './b4-list';
import { runB5 } from './b5-admin';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const BENCHMARKS = { B1: runB1, B2: runB2, B3: runB3, B4: runB4, B5: runB5 };
const PERFORMANCE_DOC = join(__dirname, '..', '..', 'docs', 'performance.md');
const START = '<!-- bench:results:start -->\n<!-- prettier-ignore-start -->';
const END = '<!-- prettier-ignore-end -->\n<!-- bench:results:end -->';

describe('benchmarks', () => {
  const results: Record<string, BenchResult> = {};

  afterAll(() => {
    if (Object.keys(results).length === 0) return;
    const previous = (() => {
      try {
        return JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Record<string, BenchResult>;
      } catch {
        return {};
      }
    })();
    const merged = only.length ? { ...previous, ...results } : results;
    writeFileSync(RESULTS_JSON, JSON.stringify(merged, null, 2) + '\n');
    const table = markdownTable(merged, { rows, when: new Date().toISOString().slice(0, 10) });
    writeFileSync(RESULTS_MD, table);
    const doc = readFileSync(PERFORMANCE_DOC, 'utf8');
    if (doc.includes(START) && doc.includes(END)) {
      writeFileSync(
        PERFORMANCE_DOC,
        doc.slice(0, doc.indexOf(START) + START.length) + '\n' + table + doc.slice(doc.indexOf(END)),
      );
    }
  });

  for (const [id, run] of Object.entries(BENCHMARKS)) {
    const maybe = only.length === 0 || only.includes(id) ? test : test.skip;
    maybe(id, async () => {
      const ctx = benchContext(rows, repeats, (m) => process.stdout.write(`${m}\n`));
      results[id] = await run(ctx);
      process.stdout.write(`${id}: ${JSON.stringify(results[id])}\n`);
      expect(results[id].ours).toBeGreaterThan(0);
    });
  }
});
