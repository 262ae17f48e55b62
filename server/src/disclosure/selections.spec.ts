import fc from 'fast-check';
import { DIFFERENCING_REASON, releasePlan } from './selections';

const plan = (counts: Record<string, number>, min = 3) => releasePlan(new Map(Object.entries(counts)), min);
const released = (p: ReturnType<typeof plan>) => [...p.byStrategy].filter(([, d]) => d.released).map(([s]) => s);

describe('which pooled selections an outsider may see', () => {
  it('withholds a result on fewer than the minimum of evaluations (issue 16, case 2)', () => {
    const p = plan({ educate_public: 3, parental_supervision: 1, training: 4 });
    expect(p.byStrategy.get('parental_supervision')).toMatchObject({ released: false });
    expect(p.byStrategy.get('parental_supervision')!.reason).toMatch(/1 evaluation .* at least 3/);
  });

  it('withholds the all-strategies result when it minus the released strategies would isolate one study (case 4)', () => {
    // all = 8; with educate_public (3) and training (4) shown, all − 3 − 4 = parental_supervision (1).
    const p = plan({ educate_public: 3, parental_supervision: 1, training: 4 });
    expect(p.all).toEqual({ released: false, reason: DIFFERENCING_REASON, code: 'differencing' });
    expect(released(p)).toEqual(['educate_public', 'training']);
    // Withheld strategies that hold enough together leave the all-strategies result alone.
    expect(plan({ educate_public: 3, parental_supervision: 2, training: 1 }).all.released).toBe(true);
  });

  it('withholds everything when all strategies together have too few', () => {
    const p = plan({ educate_public: 1, training: 1 });
    expect(p.all.released).toBe(false);
    expect(released(p)).toEqual([]);
  });

  it('leaves no combination of released results resting on 1 to min−1 evaluations (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 5 }),
        (ks, min) => {
          const counts = Object.fromEntries(ks.map((k, i) => [`s${i}`, k]));
          const p = plan(counts, min);
          const total = ks.reduce((a, b) => a + b, 0);
          for (const [s, d] of p.byStrategy) if (d.released) expect(counts[s]).toBeGreaterThanOrEqual(min);
          if (p.all.released) {
            expect(total).toBeGreaterThanOrEqual(min);
            // all − Σ released strategies = Σ withheld strategies: 0 or ≥ min.
            const rest = [...p.byStrategy].filter(([, d]) => !d.released).reduce((a, [s]) => a + counts[s], 0);
            expect(rest === 0 || rest >= min).toBe(true);
          }
        },
      ),
      { seed: 16, numRuns: 500 },
    );
  });
});
