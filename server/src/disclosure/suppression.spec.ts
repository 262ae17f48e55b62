import fc from 'fast-check';
import { CellRow, DIMENSIONS, suppress } from './suppression';

const K = 11;
const row = (over: Partial<CellRow>): CellRow => ({
  group: 'g',
  sex: 'total',
  ageBand: 'total',
  region: 'total',
  n: 100,
  events: null,
  mean: null,
  sd: null,
  value: null,
  ...over,
});

describe('small-cell suppression', () => {
  it('hides counts of 1 to k−1, and n − events when it is small, but shows zero', () => {
    const [small, zero, complement] = suppress(
      [
        row({ n: 7, mean: 3.2, sd: 1 }),
        row({ sex: 'female', n: 50, events: 0 }),
        row({ sex: 'male', n: 50, events: 45 }),
      ],
      K,
    );
    expect([...small.suppressed].sort()).toEqual(['mean', 'n', 'sd']);
    expect(zero.suppressed.size).toBe(0);
    expect([...complement.suppressed]).toEqual(['events']);
  });

  it('hides a second cell when a single hidden one could be recovered from the total', () => {
    const rows = [
      row({ n: 120, events: 60 }),
      row({ sex: 'female', n: 5, events: 0 }),
      row({ sex: 'male', n: 70, events: 30 }),
      row({ sex: 'other', n: 45, events: 30 }),
    ];
    const result = suppress(rows, K);
    const hiddenN = result.filter((r) => r.row.sex !== 'total' && r.suppressed.has('n')).map((r) => r.row.sex);
    // female is small; the smallest other non-zero part (other, 45) is hidden with it.
    expect(hiddenN).toEqual(['female', 'other']);
  });

  it('never shows a small count and never leaves a single hidden part under a visible total (property)', () => {
    const part = fc.record({ n: fc.integer({ min: 0, max: 60 }), share: fc.double({ min: 0, max: 1, noNaN: true }) });
    const family = fc.array(part, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(family, family, fc.boolean(), (bySex, byAge, proportion) => {
        const build = (parts: { n: number; share: number }[], dimension: 'sex' | 'ageBand') =>
          parts.map((p, i) =>
            row({
              [dimension]: `${dimension}-${i}`,
              n: Math.max(p.n, 1),
              events: proportion ? Math.round(Math.max(p.n, 1) * p.share) : null,
            }),
          );
        const sexRows = build(bySex, 'sex');
        // The age breakdown sums to the same total as the sex breakdown: pad its last part.
        const ageRows = build(byAge, 'ageBand');
        const sexTotal = sexRows.reduce((s, r) => s + r.n, 0);
        const ageTotal = ageRows.reduce((s, r) => s + r.n, 0);
        if (ageTotal < sexTotal)
          ageRows.push(row({ ageBand: 'pad', n: sexTotal - ageTotal, events: proportion ? 0 : null }));
        if (ageTotal > sexTotal) return true;
        const sexEvents = sexRows.reduce((s, r) => s + (r.events ?? 0), 0);
        const ageEvents = ageRows.reduce((s, r) => s + (r.events ?? 0), 0);
        if (proportion && ageEvents !== sexEvents) return true;
        const total = row({ n: sexTotal, events: proportion ? sexEvents : null });
        const result = suppress([total, ...sexRows, ...ageRows], K);

        for (const { row: r, suppressed } of result) {
          const visible = (f: 'n' | 'events') => !suppressed.has(f) && r[f] !== null;
          if (visible('n')) expect(r.n === 0 || r.n >= K).toBe(true);
          if (visible('events')) expect(r.events === 0 || r.events! >= K).toBe(true);
          if (visible('n') && visible('events')) expect(r.n - r.events! === 0 || r.n - r.events! >= K).toBe(true);
        }
        for (const field of ['n', 'events'] as const) {
          for (const dimension of DIMENSIONS) {
            const totalCell = result.find((c) => DIMENSIONS.every((d) => c.row[d] === 'total'))!;
            if (totalCell.row[field] === null || totalCell.suppressed.has(field)) continue;
            const parts = result.filter(
              (c) => c.row[dimension] !== 'total' && DIMENSIONS.every((d) => d === dimension || c.row[d] === 'total'),
            );
            const hidden = parts.filter((c) => c.suppressed.has(field));
            expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
          }
        }
        return true;
      }),
      { seed: 20261128, numRuns: 500 },
    );
  });
});
