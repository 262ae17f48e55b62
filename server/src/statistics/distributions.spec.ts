import {
  chiSquareUpperTail,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  twoSidedNormalP,
  twoSidedTP,
  Z_95,
} from './distributions';
import { expectRelative } from './test-support';

/*
 * Published tables: Abramowitz & Stegun (1964), Handbook of Mathematical Functions, Table 26.1
 * (normal), 26.10 (t percentage points) and 26.8 (chi-square percentage points), checked to the
 * digits the tables print. Many-digit values: R 4.2.2 (pnorm, qnorm, pt, qt, pchisq), which
 * metafor calls, checked to 1e-9 relative.
 */
describe('normal distribution', () => {
  it('Φ(1.96) = 0.97500 and z(0.975) = 1.95996 (A&S Table 26.1)', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 5);
    expect(Z_95).toBeCloseTo(1.95996, 5);
  });

  it('matches R to many digits', () => {
    expectRelative(normalQuantile(0.975), 1.9599639845400536, 1e-12);
    expectRelative(normalCdf(-1.96), 0.024997895148220428, 1e-12);
    // stdlib's quantile is less precise far in the tail (2e-9 relative at p = 1e-10); the code
    // only uses p = 0.975, where it agrees with R to the last digit.
    expectRelative(normalQuantile(1e-10), -6.3613409024040557, 1e-8);
    // A p-value far in the tail keeps its digits (R: 2 * pnorm(-10.6246525010465)).
    expectRelative(twoSidedNormalP(-10.6246525010465), 2.2886293069735502e-26, 1e-9);
  });
});

describe('Student t distribution', () => {
  it('t(0.975; 12) = 2.179, t(0.975; 1) = 12.706 (A&S Table 26.10)', () => {
    expect(studentTQuantile(0.975, 12)).toBeCloseTo(2.179, 3);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
  });

  it('matches R to many digits', () => {
    expectRelative(studentTQuantile(0.975, 12), 2.1788128296672284, 1e-10);
    expectRelative(studentTQuantile(0.975, 100), 1.9839715185235516, 1e-10);
    expectRelative(studentTCdf(-2.5, 5), 0.027245049671188102, 1e-10);
    expectRelative(studentTCdf(1.5, 3), 0.88470806737758856, 1e-10);
    expectRelative(twoSidedTP(-2.5, 5), 2 * 0.027245049671188102, 1e-10);
  });
});

describe('chi-square upper tail', () => {
  it('χ²(0.05; 12) = 21.026 (A&S Table 26.8)', () => {
    expect(chiSquareUpperTail(21.026, 12)).toBeCloseTo(0.05, 4);
  });

  it('matches R pchisq(lower.tail = FALSE), including a tail of 2e-26', () => {
    expectRelative(chiSquareUpperTail(21.026069817483062, 12), 0.05, 1e-10);
    expectRelative(chiSquareUpperTail(3.84, 1), 0.050043521248705224, 1e-10);
    expectRelative(chiSquareUpperTail(152.233008082373, 12), 1.9967645908462381e-26, 1e-9);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
  });
});

describe('log gamma', () => {
  it('ln Γ(0.5) = ln √π and ln Γ(10) = ln 9!', () => {
    expectRelative(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectRelative(logGamma(10), Math.log(362880), 1e-14);
  });
});
