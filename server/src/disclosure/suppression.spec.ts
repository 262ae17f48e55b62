import fc from 'fast-check';
import { CellRow, DIMENSIONS, parentOf, suppress, suppressRevisions, type SuppressedRow } from './suppression';

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
        row({ group: 'a', n: 7, mean: 3.2, sd: 1 }),
        row({ group: 'b', sex: 'female', n: 50, events: 0 }),
        row({ group: 'c', sex: 'male', n: 50, events: 45 }),
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

  const hiddenOf = (result: SuppressedRow<CellRow>[], field: 'n' | 'events' | 'value') =>
    result.filter((c) => c.suppressed.has(field)).map((c) => `${c.row.sex}/${c.row.region}`);

  it('nests regions: CO-ANT under CO, CO under total, so CO minus CO-DC cannot give CO-ANT (issue 16, case 6)', () => {
    const result = suppress(
      [
        row({ n: 60, events: 30 }),
        row({ region: 'CO', n: 40, events: 20 }),
        row({ region: 'CO-ANT', n: 4, events: 2 }),
        row({ region: 'CO-DC', n: 36, events: 18 }),
        row({ region: 'PE', n: 20, events: 10 }),
      ],
      K,
    );
    // CO-ANT is small; in the family CO ⊃ {CO-ANT, CO-DC} its sibling CO-DC is hidden with it. PE and CO stay.
    expect(hiddenOf(result, 'n').sort()).toEqual(['total/CO-ANT', 'total/CO-DC']);
    expect(parentOf('region', 'CO-ANT', new Set(['total', 'CO', 'CO-ANT']))).toBe('CO');
    expect(parentOf('region', 'CO-ANT', new Set(['total', 'CO-ANT']))).toBe('total');
  });

  it('protects a hidden parent too: visible children would add up to it', () => {
    const result = suppress(
      [
        row({ n: 100 }),
        row({ region: 'CO', n: 60 }),
        row({ region: 'PE', n: 40 }),
        row({ region: 'CO-ANT', n: 30 }),
        row({ region: 'CO-DC', n: 30 }),
        // CO is hidden by its other family (a small age band under it): its children must not add up to it.
        row({ region: 'CO', ageBand: 'under_12', n: 5 }),
        row({ region: 'CO', ageBand: '12_14', n: 55 }),
      ],
      K,
    );
    const hidden = result.filter((c) => c.suppressed.has('n')).map((c) => `${c.row.ageBand}/${c.row.region}`);
    expect(hidden).toContain('under_12/CO');
    expect(hidden).toContain('12_14/CO');
    // Every family has 0 or at least 2 hidden members.
    expect(hidden.length).not.toBe(1);
  });

  it("hides a count indicator's small value, and a rate whose implied count is small", () => {
    const [count, bigCount, rate, bigRate] = suppress(
      [
        row({ group: 'a', n: 500, value: 3, measureType: 'count' }),
        row({ group: 'b', n: 500, value: 40, measureType: 'count' }),
        // 15 per 1 000 among 200 children: 3 children.
        row({ group: 'c', n: 200, value: 15, measureType: 'rate', rateBase: 1000 }),
        // 15 per 1 000 among 2 000 children: 30.
        row({ group: 'd', n: 2000, value: 15, measureType: 'rate', rateBase: 1000 }),
      ],
      K,
    );
    expect([...count.suppressed]).toEqual(['value']);
    expect(bigCount.suppressed.size).toBe(0);
    expect([...rate.suppressed]).toEqual(['value']);
    expect(bigRate.suppressed.size).toBe(0);
  });

  it('complements values over the hierarchy, rates by their implied counts', () => {
    const counts = suppress(
      [
        row({ n: 300, value: 50, measureType: 'count' }),
        row({ sex: 'female', n: 150, value: 4, measureType: 'count' }),
        row({ sex: 'male', n: 150, value: 46, measureType: 'count' }),
      ],
      K,
    );
    expect(hiddenOf(counts, 'value').sort()).toEqual(['female/total', 'male/total']);
    const rates = suppress(
      [
        row({ n: 1000, value: 50, measureType: 'rate', rateBase: 1000 }), // 50 children
        row({ sex: 'female', n: 500, value: 10, measureType: 'rate', rateBase: 1000 }), // 5
        row({ sex: 'male', n: 500, value: 90, measureType: 'rate', rateBase: 1000 }), // 45
      ],
      K,
    );
    expect(hiddenOf(rates, 'value').sort()).toEqual(['female/total', 'male/total']);
  });

  it('leaves no count recoverable by subtraction anywhere in a nested table (property)', () => {
    const regions = ['CO', 'CO-ANT', 'CO-DC', 'PE', 'PE-LIM'];
    const cell = fc.record({ n: fc.integer({ min: 0, max: 40 }), events: fc.integer({ min: 0, max: 40 }) });
    const table = fc.record({
      sexes: fc.subarray(['female', 'male', 'other'], { minLength: 0 }),
      regions: fc.subarray(regions, { minLength: 0 }),
      values: fc.array(cell, { minLength: 40, maxLength: 40 }),
    });
    fc.assert(
      fc.property(table, ({ sexes, regions: present, values }) => {
        let next = 0;
        const leaf = () => {
          const v = values[next++ % values.length];
          return { n: v.n, events: Math.min(v.events, v.n) };
        };
        // Build leaves (sex × deepest region), then add every parent as the sum of its children.
        const sexValues = sexes.length ? sexes : ['total'];
        const leafRegions = present.filter((r) => !present.some((o) => o.startsWith(`${r}-`)));
        const leafValues = leafRegions.length ? leafRegions : ['total'];
        const cells = new Map<string, { n: number; events: number }>();
        const add = (sex: string, region: string, v: { n: number; events: number }) => {
          const key = `${sex}|${region}`;
          const old = cells.get(key) ?? { n: 0, events: 0 };
          cells.set(key, { n: old.n + v.n, events: old.events + v.events });
        };
        for (const sex of sexValues) {
          for (const region of leafValues) {
            const v = leaf();
            const chain = new Set([region, ...present.filter((r) => region.startsWith(`${r}-`)), 'total']);
            for (const r of chain) {
              add(sex, r, v);
              if (sex !== 'total') add('total', r, v);
            }
          }
        }
        const rows = [...cells].map(([key, v]) => {
          const [sex, region] = key.split('|');
          return row({ sex, region, n: v.n, events: v.events });
        });
        const result = suppress(rows, K);
        const seen = new Set(result.map((c) => c.row.region));
        for (const field of ['n', 'events'] as const) {
          // Every family (parent and direct children, in either dimension) hides 0 or at least 2 members.
          for (const parent of result) {
            for (const dimension of ['sex', 'region'] as const) {
              const children = result.filter(
                (c) =>
                  c.row[dimension] !== parent.row[dimension] &&
                  parentOf(dimension, c.row[dimension], seen) === parent.row[dimension] &&
                  (dimension === 'sex' ? c.row.region === parent.row.region : c.row.sex === parent.row.sex),
              );
              if (children.length === 0) continue;
              const hidden = [parent, ...children].filter((c) => c.suppressed.has(field)).length;
              expect(hidden === 0 || hidden >= 2).toBe(true);
            }
          }
          for (const { row: r, suppressed } of result) {
            if (!suppressed.has(field)) expect(r[field] === 0 || r[field]! >= K).toBe(true);
          }
        }
        return true;
      }),
      { seed: 20261207, numRuns: 400 },
    );
  });

  it('keeps hidden across an amendment what outsiders could not see before', () => {
    // Revision 1: female (5) is small; male (15), the smallest other part, hides with it; other (30) shows.
    const first = [
      row({ n: 50 }),
      row({ sex: 'female', n: 5 }),
      row({ sex: 'male', n: 15 }),
      row({ sex: 'other', n: 30 }),
    ];
    // Revision 2 corrects other to 12. On its own, other (12) would now be the complement and male
    // (15) would show: with revision 1 (female + male = 20) that gives female = 5.
    const second = [
      row({ n: 32 }),
      row({ sex: 'female', n: 5 }),
      row({ sex: 'male', n: 15 }),
      row({ sex: 'other', n: 12 }),
    ];
    const hiddenSexes = (result: SuppressedRow<CellRow>[]) =>
      result
        .filter((c) => c.suppressed.has('n'))
        .map((c) => c.row.sex)
        .sort();
    expect(hiddenSexes(suppress(second, K))).toEqual(['female', 'other']);
    expect(hiddenSexes(suppressRevisions([first, second], K))).toEqual(['female', 'male']);
  });

  it('does not count on a complement that outsiders saw in an earlier revision', () => {
    const first = [row({ n: 50 }), row({ sex: 'female', n: 20 }), row({ sex: 'male', n: 30 })];
    // Female drops to 5; male is unchanged (outsiders know 30), so the total must hide instead.
    const second = [row({ n: 35 }), row({ sex: 'female', n: 5 }), row({ sex: 'male', n: 30 })];
    const hidden = suppressRevisions([first, second], K)
      .filter((c) => c.suppressed.has('n'))
      .map((c) => c.row.sex);
    expect(hidden.sort()).toEqual(['female', 'total']);
  });

  const BANDS = ['under_12', '12_14', '15_17', '18_plus'];
  const SEXES = ['female', 'male', 'other'];
  /** A sex × age band table with both margins, each margin the sum of its cells. */
  const crossTable = (table: number[][]): CellRow[] => {
    const rows: CellRow[] = [];
    table.forEach((ns, s) => {
      ns.forEach((n, b) => rows.push(row({ sex: SEXES[s], ageBand: BANDS[b], n })));
      rows.push(row({ sex: SEXES[s], n: ns.reduce((x, y) => x + y, 0) }));
    });
    BANDS.forEach((ageBand, b) => rows.push(row({ ageBand, n: table.reduce((sum, ns) => sum + ns[b], 0) })));
    rows.push(row({ n: table.flat().reduce((x, y) => x + y, 0) }));
    return rows;
  };
  /**
   * Independent check: with the visible cells known, hidden cell u is determined by the margins
   * exactly when removing its column lowers the rank of the equations over the hidden cells by one
   * (then every solution of the homogeneous system has x_u = 0).
   */
  const determinedCells = (rows: CellRow[], result: SuppressedRow<CellRow>[]) => {
    const hidden = result.filter((c) => c.suppressed.has('n'));
    const equations: CellRow[][] = [
      ...SEXES.map((sex) => rows.filter((r) => r.sex === sex)),
      ...BANDS.map((ageBand) => rows.filter((r) => r.ageBand === ageBand)),
      rows.filter((r) => r.sex === 'total'),
      rows.filter((r) => r.ageBand === 'total'),
    ];
    const isParent = (m: CellRow, members: CellRow[]) =>
      members.every(
        (o) => (o.sex === 'total' || o.sex === m.sex) && (o.ageBand === 'total' || o.ageBand === m.ageBand),
      );
    const matrix = (skip: CellRow | null) =>
      equations.map((members) =>
        hidden
          .filter((h) => h.row !== skip)
          .map((h) => (!members.includes(h.row) ? 0 : isParent(h.row, members) ? 1 : -1)),
      );
    const rank = (m: number[][]) => {
      const a = m.map((r) => [...r]);
      let r = 0;
      for (let c = 0; c < (a[0]?.length ?? 0); c++) {
        const p = a.findIndex((x, i) => i >= r && Math.abs(x[c]) > 1e-9);
        if (p < 0) continue;
        [a[r], a[p]] = [a[p], a[r]];
        for (let i = 0; i < a.length; i++) {
          if (i === r) continue;
          const f = a[i][c] / a[r][c];
          for (let j = 0; j < a[i].length; j++) a[i][j] -= f * a[r][j];
        }
        r++;
      }
      return r;
    };
    const full = rank(matrix(null));
    return hidden.filter((h) => rank(matrix(h.row)) === full - 1).map((h) => `${h.row.sex}/${h.row.ageBand}`);
  };

  it('audits the whole table: one complement per family can leave a cell that the margins pin down', () => {
    // Found by the property below with the audit switched off: female / 18_plus (1) was determined.
    const rows = crossTable([
      [0, 0, 1, 1],
      [0, 0, 1, 0],
      [1, 0, 11, 1],
    ]);
    expect(determinedCells(rows, suppress(rows, K))).toEqual([]);
  });

  it('audits the whole table: no hidden cell of a cross-classified table is determined by its margins (property)', () => {
    const table = fc.array(fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 4, maxLength: 4 }), {
      minLength: 3,
      maxLength: 3,
    });
    fc.assert(
      fc.property(table, (t) => {
        const rows = crossTable(t);
        const result = suppress(rows, K);
        expect(determinedCells(rows, result)).toEqual([]);
        for (const { row: r, suppressed } of result) if (!suppressed.has('n')) expect(r.n === 0 || r.n >= K).toBe(true);
      }),
      { seed: 7, numRuns: 1500 },
    );
  });
});
