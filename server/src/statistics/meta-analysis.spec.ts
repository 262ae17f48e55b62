import { logOddsRatio, logRiskRatio, riskDifference } from './effect-sizes';
import {
  isPooled,
  metaAnalysis,
  tau2DerSimonianLaird,
  tau2Reml,
  type MetaAnalysisOptions,
  type MetaAnalysisResult,
  type StudyInput,
} from './meta-analysis';
import { BCG, bcgTable, expectRelative } from './test-support';

/*
 * Published values are checked to the digits their source prints; many-digit values come from R
 * metafor 3.8-1 (rma / predict / weights), run for this purpose, and are checked to 1e-6
 * relative. metafor's REML stops Fisher scoring once τ² changes by less than 1e-5 (its default
 * `threshold`), so its printed τ² can sit up to ~1e-5 from the converged estimate (4e-4 relative
 * for the Raudenbush data); issue 5 asks for convergence to 1e-10, so REML references are
 * metafor's rma(..., control = list(threshold = 1e-10)), the same algorithm run to convergence.
 */

function pooled<Id>(studies: StudyInput<Id>[], options: MetaAnalysisOptions): MetaAnalysisResult<Id> {
  const result = metaAnalysis(studies, options);
  if (!isPooled(result)) throw new Error(result.reason);
  return result;
}

const bcgStudies = (measure: typeof logRiskRatio) =>
  BCG.map((row) => {
    const e = measure(bcgTable(row));
    return { id: row.trial, yi: e.yi, vi: e.vi };
  });

describe('BCG vaccine, log risk ratios', () => {
  const studies = bcgStudies(logRiskRatio);

  it('fixed effect: metafor vs Stata metan (test_misc_metan_vs_rma.uni_with_dat.bcg.r, 4 decimals)', () => {
    const fe = pooled(studies, { method: 'FE' });
    expect(fe.estimate).toBeCloseTo(-0.4303, 4);
    expect(fe.ciLow).toBeCloseTo(-0.5097, 4);
    expect(fe.ciHigh).toBeCloseTo(-0.3509, 4);
    expect(fe.statistic).toBeCloseTo(-10.6247, 4);
    expect(fe.q).toBeCloseTo(152.233, 4);
    expect(Math.exp(fe.estimate)).toBeCloseTo(0.6503, 4);
    expect(Math.exp(fe.ciLow)).toBeCloseTo(0.6007, 4);
    expect(Math.exp(fe.ciHigh)).toBeCloseTo(0.704, 4);
    expect(fe.tau2).toBe(0);
    expect(fe.predictionLow).toBeNull();
  });

  it('fixed effect matches metafor to 1e-6, with I² = (Q − df)/Q and H² = Q/df', () => {
    const fe = pooled(studies, { method: 'FE' });
    expectRelative(fe.estimate, -0.430285163654091);
    expectRelative(fe.se, 0.0404987517108638);
    expectRelative(fe.statistic, -10.6246525010465);
    expectRelative(fe.pValue, 2.28862930697324e-26);
    expectRelative(fe.ciLow, -0.509661258426214);
    expectRelative(fe.ciHigh, -0.350909068881968);
    expectRelative(fe.q, 152.233008082373);
    expect(fe.qDf).toBe(12);
    expectRelative(fe.qPValue, 1.99676459084597e-26);
    expectRelative(fe.i2, 92.1173468545621);
    expectRelative(fe.h2, 12.6860840068644);
    const weights = [
      0.503754802568308, 0.842912651727497, 0.394866486317794, 8.19663305961031, 3.20277948823389, 23.750934121401,
      0.735435894753549, 41.4013898709963, 2.90630253648413, 2.24601646781726, 13.2139914272852, 0.308005800297218,
      2.29697739250766,
    ];
    fe.studies.forEach((s, i) => expectRelative(s.weight, weights[i]));
  });

  it('DerSimonian–Laird: metafor vs Stata metan (4 decimals)', () => {
    const dl = pooled(studies, { method: 'DL' });
    expect(dl.estimate).toBeCloseTo(-0.7141, 4);
    expect(dl.ciLow).toBeCloseTo(-1.0644, 4);
    expect(dl.ciHigh).toBeCloseTo(-0.3638, 4);
    expect(dl.statistic).toBeCloseTo(-3.9952, 4);
    expect(dl.tau2).toBeCloseTo(0.3088, 4);
    expect(dl.i2).toBeCloseTo(92.1173, 4);
    expect(Math.exp(dl.estimate)).toBeCloseTo(0.4896, 4);
    expect(Math.exp(dl.ciLow)).toBeCloseTo(0.3449, 4);
    expect(Math.exp(dl.ciHigh)).toBeCloseTo(0.695, 4);
  });

  it('DerSimonian–Laird matches metafor rma + predict to 1e-6', () => {
    const dl = pooled(studies, { method: 'DL' });
    expectRelative(dl.estimate, -0.714117222073227);
    expectRelative(dl.se, 0.178742089535403);
    expectRelative(dl.pValue, 6.462924304704e-5);
    expectRelative(dl.tau2, 0.308760262862376);
    expectRelative(dl.tau, Math.sqrt(0.308760262862376));
    expectRelative(dl.i2, 92.1173468545621);
    expectRelative(dl.h2, 12.6860840068644);
    expectRelative(dl.predictionLow, -1.85815375273217);
    expectRelative(dl.predictionHigh, 0.429919308585714);
    expectRelative(dl.studies[0].weight, 5.03649168323173);
    expectRelative(dl.studies[7].weight, 10.2163425332843);
  });

  it('REML: Viechtbauer (2010), J. Stat. Softw. 36(3), rma() and predict() output', () => {
    const reml = pooled(studies, { method: 'REML' });
    expect(reml.estimate).toBeCloseTo(-0.7145, 4);
    expect(reml.se).toBeCloseTo(0.1798, 4);
    expect(reml.statistic).toBeCloseTo(-3.9744, 4);
    expect(reml.ciLow).toBeCloseTo(-1.0669, 4);
    expect(reml.ciHigh).toBeCloseTo(-0.3622, 4);
    expect(reml.tau2).toBeCloseTo(0.3132, 4);
    expect(reml.tau).toBeCloseTo(0.5597, 4);
    expect(reml.i2).toBeCloseTo(92.22, 2);
    expect(reml.h2).toBeCloseTo(12.86, 2);
    expect(reml.q).toBeCloseTo(152.233, 4);
    expect(reml.qPValue).toBeLessThan(0.0001);
    // predict(res, transf = exp, digits = 2): 0.49 [0.34, 0.70], prediction interval [0.15, 1.55].
    expect(Math.exp(reml.estimate)).toBeCloseTo(0.49, 2);
    expect(Math.exp(reml.ciLow)).toBeCloseTo(0.34, 2);
    expect(Math.exp(reml.ciHigh)).toBeCloseTo(0.7, 2);
    expect(Math.exp(reml.predictionLow as number)).toBeCloseTo(0.15, 2);
    expect(Math.exp(reml.predictionHigh as number)).toBeCloseTo(1.55, 2);
  });

  it('REML matches metafor rma + predict + weights to 1e-6', () => {
    const reml = pooled(studies, { method: 'REML' });
    expectRelative(reml.estimate, -0.714532342158168);
    expectRelative(reml.se, 0.179781516105278);
    expectRelative(reml.statistic, -3.97444830613035);
    expectRelative(reml.pValue, 7.05425810168428e-5);
    expectRelative(reml.ciLow, -1.06689763881052);
    expectRelative(reml.ciHigh, -0.362167045505815);
    expectRelative(reml.tau2, 0.313243258136793);
    expectRelative(reml.i2, 92.2213845212761);
    expectRelative(reml.h2, 12.855758235321);
    expectRelative(reml.predictionLow, -1.86669221790348);
    expectRelative(reml.predictionHigh, 0.437627533587144);
    // metafor's default stop (Δτ² < 1e-5) gives 0.313243325980895: 2e-7 relative away.
    expectRelative(reml.tau2, 0.313243325980895);
    const weights = [
      5.05948273436822, 6.36467937256421, 4.43602740260303, 9.6987470189194, 8.86845639124242, 10.0957385442374,
      6.02718141444578, 10.1894390370938, 8.74313321163783, 8.36760725788583, 9.92502699980986, 3.82162906299121,
      8.40285155220103,
    ];
    reml.studies.forEach((s, i) => expectRelative(s.weight, weights[i]));
  });

  // No published source prints an intercept-only Knapp–Hartung fit of these data; the values are
  // metafor 3.8-1's rma(yi, vi, method = ..., test = "knha") and predict().
  it('Knapp–Hartung (REML and DL) matches metafor: t with k − 1 df, variance scaled without truncation', () => {
    const reml = pooled(studies, { method: 'REML', test: 'knha' });
    expect(reml.test).toBe('knha');
    expectRelative(reml.se, 0.180791744092854);
    expectRelative(reml.statistic, -3.95223988652482);
    expectRelative(reml.pValue, 0.00192001509605724);
    expectRelative(reml.ciLow, -1.10844371368559);
    expectRelative(reml.ciHigh, -0.320620970630742);
    expectRelative(reml.predictionLow, -1.99601683419681);
    expectRelative(reml.predictionHigh, 0.566952149880479);
    const dl = pooled(studies, { method: 'DL', test: 'knha' });
    expectRelative(dl.se, 0.180696628335547);
    expectRelative(dl.pValue, 0.00192076676704736);
    expectRelative(dl.ciLow, -1.10782135416833);
    expectRelative(dl.predictionLow, -1.98720696343074);
    expectRelative(dl.predictionHigh, 0.558972519284285);
  });

  it('exposes the τ² estimators', () => {
    expectRelative(
      tau2DerSimonianLaird(
        studies.map((s) => s.yi),
        studies.map((s) => s.vi),
      ),
      0.308760262862376,
    );
    expectRelative(
      tau2Reml(
        studies.map((s) => s.yi),
        studies.map((s) => s.vi),
      ),
      0.313243258136793,
    );
  });
});

describe('BCG vaccine, log odds ratios and risk differences (metafor vs Stata metan)', () => {
  it('OR: FE −0.4361 [−0.5190, −0.3533], Q 163.1649; DL −0.7474 [−1.1242, −0.3706], τ² 0.3663, I² 92.6455', () => {
    const studies = bcgStudies(logOddsRatio);
    const fe = pooled(studies, { method: 'FE' });
    expect(fe.estimate).toBeCloseTo(-0.4361, 4);
    expect(fe.ciLow).toBeCloseTo(-0.519, 4);
    expect(fe.ciHigh).toBeCloseTo(-0.3533, 4);
    expect(fe.statistic).toBeCloseTo(-10.319, 4);
    expect(fe.q).toBeCloseTo(163.1649, 4);
    expect(Math.exp(fe.estimate)).toBeCloseTo(0.6465, 4);
    const dl = pooled(studies, { method: 'DL' });
    expect(dl.estimate).toBeCloseTo(-0.7474, 4);
    expect(dl.ciLow).toBeCloseTo(-1.1242, 4);
    expect(dl.ciHigh).toBeCloseTo(-0.3706, 4);
    expect(dl.statistic).toBeCloseTo(-3.8873, 4);
    expect(dl.tau2).toBeCloseTo(0.3663, 4);
    expect(dl.i2).toBeCloseTo(92.6455, 4);
    expect(Math.exp(dl.ciHigh)).toBeCloseTo(0.6903, 4);
    const reml = pooled(studies, { method: 'REML' });
    expectRelative(reml.estimate, -0.745177770843697);
    expectRelative(reml.tau2, 0.337772033112298);
    expectRelative(reml.i2, 92.072691293262);
    expectRelative(reml.h2, 12.6146216451748);
  });

  it('RD: FE −0.0009 [−0.0014, −0.0005], z −4.0448, Q 276.4737; DL −0.0071 [−0.0101, −0.0040], I² 95.6596', () => {
    const studies = bcgStudies(riskDifference);
    const fe = pooled(studies, { method: 'FE' });
    expect(fe.estimate).toBeCloseTo(-0.0009, 4);
    expect(fe.ciLow).toBeCloseTo(-0.0014, 4);
    expect(fe.ciHigh).toBeCloseTo(-0.0005, 4);
    expect(fe.statistic).toBeCloseTo(-4.0448, 4);
    expect(fe.q).toBeCloseTo(276.4737, 4);
    const dl = pooled(studies, { method: 'DL' });
    expect(dl.estimate).toBeCloseTo(-0.0071, 4);
    expect(dl.ciLow).toBeCloseTo(-0.0101, 4);
    expect(dl.ciHigh).toBeCloseTo(-0.004, 4);
    expect(dl.statistic).toBeCloseTo(-4.5128, 4);
    expect(dl.tau2).toBeCloseTo(0, 4);
    expect(dl.i2).toBeCloseTo(95.6596, 4);
    expectRelative(dl.tau2, 1.87347499331202e-5);
    const reml = pooled(studies, { method: 'REML' });
    expectRelative(reml.estimate, -0.0251732881463316);
    expectRelative(reml.se, 0.0108281141707573);
    expectRelative(reml.tau2, 0.00142140309764473);
    expectRelative(reml.i2, 99.9402318614926);
    expectRelative(reml.h2, 1673.13224901027);
  });
});

describe('Normand (1999), Statistics in Medicine 18:321–359', () => {
  it('lidocaine trials, risk difference in points: FE and RE 2.94 [0.4, 5.5], τ² = 0 (Table VII)', () => {
    const trials = [
      [39, 43, 2, 1],
      [44, 44, 4, 4],
      [107, 110, 6, 4],
      [103, 100, 7, 5],
      [110, 106, 7, 3],
      [154, 146, 11, 4],
    ];
    const studies = trials.map(([n1, n2, a, c], i) => {
      const rd = riskDifference({ events1: a, n1, events2: c, n2 });
      return { id: i + 1, yi: rd.yi * 100, vi: rd.vi * 1e4 };
    });
    for (const method of ['FE', 'DL', 'REML'] as const) {
      const r = pooled(studies, { method });
      expect(r.estimate).toBeCloseTo(2.94, 2);
      expect(r.ciLow).toBeCloseTo(0.4, 1);
      expect(r.ciHigh).toBeCloseTo(5.5, 1);
      if (method !== 'FE') {
        expect(r.tau2).toBe(0);
        // With τ² = 0 metafor reports I² = 0 and H² = 1 for random-effects fits ...
        expect(r.i2).toBe(0);
        expect(r.h2).toBe(1);
      } else {
        // ... and max(0, (Q − df)/Q) and Q/df for the fixed-effect fit (metafor: 0, 0.1719).
        expect(r.i2).toBe(0);
        expectRelative(r.h2, 0.171938535506307);
      }
    }
    // Knapp–Hartung is not truncated at 1 (metafor's "knha", unlike "adhoc"): the variance shrinks.
    const knha = pooled(studies, { method: 'REML', test: 'knha' });
    expectRelative(knha.se, 0.541883929331712);
    expectRelative(knha.pValue, 0.00286331297417549);
  });

  it('stroke units, mean length of stay: FE −3.49 [−5.03, −1.96]; DL −14.10 [−24.45, −3.75], τ² 218.72; REML −15.12 [−32.67, 2.43], τ² 685.20 (Table IX)', () => {
    const data = [
      [155, 55, 47, 156, 75, 64],
      [31, 27, 7, 32, 29, 4],
      [75, 64, 17, 71, 119, 29],
      [18, 66, 20, 18, 137, 48],
      [8, 14, 8, 13, 18, 11],
      [57, 19, 7, 52, 18, 4],
      [34, 52, 45, 33, 41, 34],
      [110, 21, 16, 183, 31, 27],
      [60, 30, 27, 52, 23, 20],
    ];
    // Mean differences with the pooled-SD variance, as in the paper (metafor escalc "MD" on sdpi).
    const studies = data.map(([n1, m1, s1, n2, m2, s2], i) => {
      const pooledVariance = ((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2);
      return { id: i + 1, yi: m1 - m2, vi: pooledVariance * (1 / n1 + 1 / n2) };
    });
    const fe = pooled(studies, { method: 'FE' });
    expect(fe.estimate).toBeCloseTo(-3.49, 2);
    expect(fe.ciLow).toBeCloseTo(-5.03, 2);
    expect(fe.ciHigh).toBeCloseTo(-1.96, 2);
    const dl = pooled(studies, { method: 'DL' });
    expect(dl.estimate).toBeCloseTo(-14.1, 2);
    expect(dl.ciLow).toBeCloseTo(-24.45, 2);
    expect(dl.ciHigh).toBeCloseTo(-3.75, 2);
    expect(dl.tau2).toBeCloseTo(218.72, 2);
    const reml = pooled(studies, { method: 'REML' });
    expect(reml.estimate).toBeCloseTo(-15.12, 2);
    expect(reml.ciLow).toBeCloseTo(-32.67, 2);
    expect(reml.ciHigh).toBeCloseTo(2.43, 2);
    expect(reml.tau2).toBeCloseTo(685.2, 2);
    expectRelative(reml.estimate, -15.1216848965383);
    expectRelative(reml.tau2, 685.196500536278);
    expectRelative(dl.tau2, 218.721600813892);
  });
});

describe('Raudenbush (2009), teacher expectancy data (dat.raudenbush1985)', () => {
  it('REML: τ² 0.0188, estimate 0.0837, Q 35.83, z 1.6208 (pp. 83–86, via metafor test_analysis_example_raudenbush1985.r)', () => {
    const yi = [
      0.03, 0.12, -0.14, 1.18, 0.26, -0.06, -0.02, -0.32, 0.27, 0.8, 0.54, 0.18, -0.02, 0.23, -0.18, -0.06, 0.3, 0.07,
      -0.07,
    ];
    const vi = [
      0.0156, 0.0216, 0.0279, 0.1391, 0.1362, 0.0106, 0.0106, 0.0484, 0.0269, 0.063, 0.0912, 0.0497, 0.0835, 0.0841,
      0.0253, 0.0279, 0.0193, 0.0088, 0.0303,
    ];
    const r = pooled(
      yi.map((y, i) => ({ id: i + 1, yi: y, vi: vi[i] })),
      { method: 'REML' },
    );
    expect(r.tau2).toBeCloseTo(0.0188, 4);
    expect(r.estimate).toBeCloseTo(0.0837, 4);
    expect(r.q).toBeCloseTo(35.8295, 4);
    expect(r.statistic).toBeCloseTo(1.6208, 4);
    expectRelative(r.tau2, 0.0188182882226958);
    expectRelative(r.se, 0.0516406714153575);
    expectRelative(r.i2, 41.8466703536639);
    expectRelative(r.h2, 1.71959199255069);
    expectRelative(r.statistic, 1.62083953713418);
  });
});

describe('REML on other published data (metafor test_misc_rma_uni.r)', () => {
  it('SMCR of the Morris (2008) treatment groups: τ² = 0.3164', () => {
    const yi = [0.50555278587344, 1.04812489834818, 1.80540666735282, 1.41808172864362, 0.0800836142528634];
    const vi = [0.0593895904826099, 0.0253856580253739, 0.232194068584556, 0.122547789455643, 0.0802290494739929];
    const r = pooled(
      yi.map((y, i) => ({ id: i, yi: y, vi: vi[i] })),
      {},
    );
    expect(r.method).toBe('REML');
    expect(r.tau2).toBeCloseTo(0.3164, 4);
    expectRelative(r.tau2, 0.316365930476308);
    expectRelative(r.estimate, 0.912054077928281);
  });
});

describe('REML where a full Fisher scoring step oscillates', () => {
  // Found by the property test (fast-check counterexample): five null studies and one small
  // positive one with the smallest variance. Full scoring steps jump between τ² ≈ 3e-6 and 9e-6
  // without end; metafor's default threshold (1e-5) hides it. Reference: R metafor 3.8-1,
  // rma(yi, vi, method = "REML", control = list(stepadj = 0.25, threshold = 1e-13,
  // maxiter = 1e5)): τ² 5.99255022932778e-06, estimate 0.0252877746636123, se 0.019897148474075;
  // optimize() on the restricted likelihood gives τ² 5.9925580786653e-06.
  const studies = [
    { id: 1, yi: 0, vi: 0.001601570080434822 },
    { id: 2, yi: 0.0642574809462354, vi: 0.001 },
    { id: 3, yi: 0, vi: 0.004360017398282688 },
    { id: 4, yi: 0, vi: 0.007625261920438729 },
    { id: 5, yi: 0, vi: 0.004418009932967607 },
    { id: 6, yi: 0, vi: 0.0030834029954036196 },
  ];

  it('converges to the maximum of the restricted likelihood', () => {
    const tau2 = tau2Reml(
      studies.map((s) => s.yi),
      studies.map((s) => s.vi),
    );
    expect(tau2).toBeCloseTo(5.99255e-6, 10);
    const reml = pooled(studies, { method: 'REML' });
    expectRelative(reml.estimate, 0.0252877746636123, 1e-6);
    expectRelative(reml.se, 0.019897148474075, 1e-6);
  });
});

describe('exclusions and edge cases', () => {
  it('excludes studies with missing data or vi ≤ 0 and lists the reason', () => {
    const r = metaAnalysis(
      [
        { id: 'a', yi: 0.2, vi: 0.04 },
        { id: 'b', yi: null, vi: 0.04 },
        { id: 'c', yi: 0.1, vi: 0 },
        { id: 'd', yi: 0.3, vi: -1 },
        { id: 'e', yi: 0.4, vi: undefined },
        { id: 'f', yi: 0.5, vi: 0.02, excludeReason: 'single-arm design' },
        { id: 'g', yi: 0.3, vi: 0.05 },
      ],
      { method: 'REML' },
    );
    expect(r.k).toBe(2);
    expect(r.excluded).toEqual([
      { id: 'b', reason: 'effect size or sampling variance missing' },
      { id: 'c', reason: 'sampling variance is not positive' },
      { id: 'd', reason: 'sampling variance is not positive' },
      { id: 'e', reason: 'effect size or sampling variance missing' },
      { id: 'f', reason: 'single-arm design' },
    ]);
  });

  it('k = 0 gives a reason instead of numbers', () => {
    const r = metaAnalysis([{ id: 1, yi: null, vi: null }]);
    expect(r.k).toBe(0);
    expect('reason' in r && r.reason).toBe('no study with an effect size to pool');
  });

  it('k = 1 returns the study itself with no heterogeneity (metafor: rma(yi = 0.5, vi = 0.04))', () => {
    const r = pooled([{ id: 1, yi: 0.5, vi: 0.04 }], { method: 'REML', test: 'knha' });
    expect(r.estimate).toBe(0.5);
    expectRelative(r.se, 0.2);
    expectRelative(r.ciLow, 0.108007203091989);
    expectRelative(r.ciHigh, 0.891992796908011);
    expectRelative(r.pValue, 0.0124193306515523);
    expect(r.test).toBe('z');
    expect(r.tau2).toBeNull();
    expect(r.i2).toBeNull();
    expect(r.q).toBeNull();
    expect(r.predictionLow).toBeNull();
    expect(r.studies[0].weight).toBe(100);
  });

  it('identical studies give τ² = 0 under REML and DL', () => {
    const same = [1, 2, 3].map((id) => ({ id, yi: 0.3, vi: 0.05 }));
    expect(pooled(same, { method: 'REML' }).tau2).toBe(0);
    expect(pooled(same, { method: 'DL' }).tau2).toBe(0);
    expect(pooled(same, { method: 'REML' }).i2).toBe(0);
  });
});
