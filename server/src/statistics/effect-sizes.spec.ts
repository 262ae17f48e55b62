import {
  EffectNotEstimable,
  hedgesCorrection,
  isFavorable,
  logOddsRatio,
  logRiskRatio,
  riskDifference,
  standardizedMeanChange,
  standardizedMeanDifference,
} from './effect-sizes';
import { BCG, bcgTable, expectRelative } from './test-support';

/*
 * Each block checks against a published source to the digits it prints, then against many-digit
 * values from R metafor 3.8-1 (escalc / summary.escalc with default arguments), run for this
 * purpose, to 1e-6 relative (the target of issue 5).
 */

describe('standardized mean difference (Hedges g)', () => {
  // Borenstein, Hedges, Higgins & Rothstein (2009), Introduction to Meta-Analysis, ch. 4
  // (worked example): treated 103 (SD 5.5, n 50), control 100 (SD 4.5, n 50).
  const treated = { mean: 103, sd: 5.5, n: 50 };
  const control = { mean: 100, sd: 4.5, n: 50 };

  it('d = 0.5970, J = 0.9923, g = 0.5924 (Borenstein et al. 2009, ch. 4)', () => {
    const g = standardizedMeanDifference(treated, control);
    const j = hedgesCorrection(98);
    expect(g.yi / j).toBeCloseTo(0.597, 4);
    expect(j).toBeCloseTo(0.9923, 4);
    expect(g.yi).toBeCloseTo(0.5924, 4);
  });

  it("uses metafor's large-sample variance 1/n1 + 1/n2 + g²/(2N) = 0.0418, not Borenstein's J²·Vd = 0.0411", () => {
    const g = standardizedMeanDifference(treated, control);
    expect(g.vi).toBeCloseTo(0.0418, 4);
    expect(g.vi).not.toBeCloseTo(0.0411, 4);
  });

  it('matches metafor escalc("SMD") and summary() to 1e-6', () => {
    const g = standardizedMeanDifference(treated, control);
    expectRelative(hedgesCorrection(98), 0.99232408742056);
    expectRelative(g.yi, 0.592439623034787);
    expectRelative(g.vi, 0.041754923534708);
    expectRelative(g.ciLow, 0.191940160713285);
    expectRelative(g.ciHigh, 0.99293908535629);
    expectRelative(g.z, 2.89928060685021);
    expectRelative(g.pValue, 0.003740199962058);
    expect(g.estimate).toBeUndefined();
  });

  it('the exact correction does not overflow for large samples and tends to 1', () => {
    expect(hedgesCorrection(1e6)).toBeCloseTo(1, 5);
    expect(hedgesCorrection(1e6)).toBeLessThan(1);
  });

  it('reports why it cannot be computed', () => {
    expect(() => standardizedMeanDifference({ mean: 1, sd: 0, n: 5 }, { mean: 2, sd: 0, n: 5 })).toThrow(
      EffectNotEstimable,
    );
    expect(() => hedgesCorrection(1)).toThrow(EffectNotEstimable);
  });
});

describe('standardized mean change (SMCR)', () => {
  // Morris (2008), Organizational Research Methods 11(2), Table 1 data, as in metafor's test
  // test_analysis_example_morris2008.r (escalc yi and vi printed to 4 decimals; the paper prints
  // the treatment − control differences 0.74, 0.95, 1.81, 1.15, 0.51, p. 368).
  const r = [0.47, 0.64, 0.77, 0.89, 0.44];
  const treatment = {
    pre: [30.6, 23.5, 0.5, 53.4, 35.6],
    post: [38.5, 26.8, 0.7, 75.9, 36.0],
    sdPre: [15.0, 3.1, 0.1, 14.5, 4.7],
    n: [20, 50, 9, 10, 14],
  };
  const control = {
    pre: [23.1, 24.9, 0.6, 55.7, 34.8],
    post: [19.7, 25.3, 0.6, 60.7, 33.4],
    sdPre: [13.8, 4.1, 0.2, 17.3, 3.1],
    n: [20, 42, 9, 11, 14],
  };
  const smcr = (g: typeof treatment, i: number) =>
    standardizedMeanChange({ mean: g.pre[i], sd: g.sdPre[i] }, { mean: g.post[i] }, g.n[i], r[i]);

  it('reproduces the published yi and vi (4 decimals) and the paper’s differences (2 decimals)', () => {
    const yiT = [0.5056, 1.0481, 1.8054, 1.4181, 0.0801];
    const viT = [0.0594, 0.0254, 0.2322, 0.1225, 0.0802];
    const yiC = [-0.2365, 0.0958, 0.0, 0.2667, -0.425];
    const viC = [0.0544, 0.0173, 0.0511, 0.0232, 0.0864];
    const difference = [0.74, 0.95, 1.81, 1.15, 0.51];
    for (let i = 0; i < 5; i++) {
      const t = smcr(treatment, i);
      const c = smcr(control, i);
      expect(t.yi).toBeCloseTo(yiT[i], 4);
      expect(t.vi).toBeCloseTo(viT[i], 4);
      expect(c.yi).toBeCloseTo(yiC[i], 4);
      expect(c.vi).toBeCloseTo(viC[i], 4);
      expect(t.yi - c.yi).toBeCloseTo(difference[i], 2);
    }
  });

  it('matches metafor escalc("SMCR") to 1e-6', () => {
    const yi = [0.50555278587344, 1.04812489834818, 1.80540666735282, 1.41808172864362, 0.0800836142528634];
    const vi = [0.0593895904826099, 0.0253856580253739, 0.232194068584556, 0.122547789455643, 0.0802290494739929];
    const yiC = [-0.236499652169744, 0.0957635294345871, 0, 0.266689482096268, -0.424959824019228];
    const viC = [0.0543983021369102, 0.0172520315901163, 0.0511111111111111, 0.023232876357308, 0.0864496732868019];
    for (let i = 0; i < 5; i++) {
      expectRelative(smcr(treatment, i).yi, yi[i]);
      expectRelative(smcr(treatment, i).vi, vi[i]);
      expectRelative(smcr(control, i).yi, yiC[i]);
      expectRelative(smcr(control, i).vi, viC[i]);
    }
  });
});

describe('2×2 table measures on the BCG vaccine trials', () => {
  // Viechtbauer (2010), J. Stat. Softw. 36(3), §3.2: escalc(measure = "RR") on dat.bcg, printed to
  // 4 decimals.
  const rrYi = [
    -0.8893, -1.5854, -1.3481, -1.4416, -0.2175, -0.7861, -1.6209, 0.012, -0.4694, -1.3713, -0.3394, 0.4459, -0.0173,
  ];
  const rrVi = [0.3256, 0.1946, 0.4154, 0.02, 0.0512, 0.0069, 0.223, 0.004, 0.0564, 0.073, 0.0124, 0.5325, 0.0714];

  it('log risk ratios (Viechtbauer 2010, 4 decimals)', () => {
    BCG.forEach((row, i) => {
      const rr = logRiskRatio(bcgTable(row));
      expect(rr.yi).toBeCloseTo(rrYi[i], 4);
      expect(rr.vi).toBeCloseTo(rrVi[i], 4);
      expect(rr.zeroCellCorrection).toBe(false);
    });
  });

  it('log risk ratios match metafor to 1e-6, with CI, z, p and the back-transformed ratio', () => {
    const yi = [
      -0.889311333920205, -1.58538865720143, -1.34807314829969, -1.44155119002131, -0.217547322211296,
      -0.786115585818864, -1.62089822359839, 0.0119523335238405, -0.469417648738149, -1.37134480347278,
      -0.339358828338391, 0.445913400571379, -0.0173139482168798,
    ];
    const vi = [
      0.325584765003961, 0.194581121398144, 0.415367965367965, 0.0200100319022476, 0.0512101721696309,
      0.00690561845590876, 0.223017247572315, 0.00396157929781773, 0.056434210463249, 0.0730247936130289,
      0.0124122139715597, 0.532505845200153, 0.0714046596839863,
    ];
    BCG.forEach((row, i) => {
      const rr = logRiskRatio(bcgTable(row));
      expectRelative(rr.yi, yi[i]);
      expectRelative(rr.vi, vi[i]);
    });
    // summary(escalc(...)) for the first trial.
    const first = logRiskRatio(bcgTable(BCG[0]));
    expectRelative(first.ciLow, -2.00766747907616);
    expectRelative(first.ciHigh, 0.229044811235751);
    expectRelative(first.z, -1.55855376936639);
    expectRelative(first.pValue, 0.119102032291586);
    expectRelative(first.estimate, 0.410938654841094);
    expectRelative(first.estimateCiLow, Math.exp(-2.00766747907616));
    expectRelative(first.estimateCiHigh, Math.exp(0.229044811235751));
  });

  it('log odds ratios: metafor-project.org, van Houwelingen et al. (2002) example (4 decimals), and metafor to 1e-6', () => {
    const published = [
      [-0.9387, 0.3571],
      [-1.6662, 0.2081],
      [-1.3863, 0.4334],
      [-1.4564, 0.0203],
      [-0.2191, 0.052],
      [-0.9581, 0.0099],
      [-1.6338, 0.227],
    ];
    published.forEach(([yi, vi], i) => {
      const or = logOddsRatio(bcgTable(BCG[i]));
      expect(or.yi).toBeCloseTo(yi, 4);
      expect(or.vi).toBeCloseTo(vi, 4);
    });
    const yi = [
      -0.938694140870392, -1.66619072902655, -1.38629436111989, -1.45644354931298, -0.219141085675433,
      -0.958122040776267, -1.6337758382289, 0.0120206014527326, -0.471746035838696, -1.40121013928348,
      -0.340849646366211, 0.446634682274446, -0.0173418739290936,
    ];
    const vi = [
      0.357124952253629, 0.208132393657186, 0.43341307814992, 0.0203144129731974, 0.0519517773171203,
      0.00990526551533824, 0.227009675223494, 0.00400696201214883, 0.0569771239877627, 0.0754217263149204,
      0.0125251338202155, 0.534162172474717, 0.0716351172956587,
    ];
    BCG.forEach((row, i) => {
      const or = logOddsRatio(bcgTable(row));
      expectRelative(or.yi, yi[i]);
      expectRelative(or.vi, vi[i]);
      expectRelative(or.estimate, Math.exp(yi[i]));
    });
  });

  it('risk differences match metafor escalc("RD") to 1e-6', () => {
    const yi = [
      -0.04661636544423, -0.0761017278198408, -0.037012987012987, -0.0147146180263938, -0.00158212670654608,
      -0.139567645844728, -0.0127548327247853, 6.7880214048942e-5, -0.00231668468717821, -0.0291322791322791,
      -0.00148423498850148, 0.000720097650097865, -2.78807421670098e-5,
    ];
    const vi = [
      0.000780068664855938, 0.000348462574726583, 0.000271399785630685, 1.80285493533638e-6, 2.65797248260319e-6,
      0.000198335654149806, 2.6104856229552e-5, 1.27774445678391e-7, 1.35822630604331e-6, 2.82475037076428e-5,
      2.59971469185597e-7, 1.34639335973682e-6, 1.85066801251602e-7,
    ];
    BCG.forEach((row, i) => {
      const rd = riskDifference(bcgTable(row));
      expectRelative(rd.yi, yi[i]);
      expectRelative(rd.vi, vi[i]);
      expect(rd.estimate).toBeUndefined();
    });
  });
});

describe('risk difference on the lidocaine trials (Normand 1999)', () => {
  // Hine et al. (1989) data, Normand (1999), Statistics in Medicine 18:321–359, Table III
  // (risk differences in percentage points, 4 decimals in metafor's
  // test_analysis_example_normand1999.r; 95 % CIs to 1 decimal).
  const trials = [
    { n1: 39, n2: 43, a: 2, c: 1 },
    { n1: 44, n2: 44, a: 4, c: 4 },
    { n1: 107, n2: 110, a: 6, c: 4 },
    { n1: 103, n2: 100, a: 7, c: 5 },
    { n1: 110, n2: 106, a: 7, c: 3 },
    { n1: 154, n2: 146, a: 11, c: 4 },
  ];
  const yi = [2.8026, 0.0, 1.9711, 1.7961, 3.5334, 4.4031];
  const vi = [17.7575, 37.5657, 8.1323, 10.8998, 8.0114, 6.132];
  const ciLow = [-5.5, -12.0, -3.6, -4.7, -2.0, -0.5];
  const ciHigh = [11.1, 12.0, 7.6, 8.3, 9.1, 9.3];

  it('reproduces Table III', () => {
    trials.forEach((t, i) => {
      const rd = riskDifference({ events1: t.a, n1: t.n1, events2: t.c, n2: t.n2 });
      expect(rd.yi * 100).toBeCloseTo(yi[i], 4);
      expect(rd.vi * 1e4).toBeCloseTo(vi[i], 4);
      expect(rd.ciLow * 100).toBeCloseTo(ciLow[i], 1);
      expect(rd.ciHigh * 100).toBeCloseTo(ciHigh[i], 1);
    });
  });

  it('matches metafor summary(escalc("RD")) CIs, z and p to 1e-6', () => {
    const lo = [-0.0545659041877662, -0.120127949891801, -0.036181668115661, -0.0467465997675764, -0.0201411717501806];
    const z = [0.665080415372147, 0, 0.691200050565772, 0.544034193045644, 1.24837300296126, 1.7781134243562];
    const p = [0.505999060343954, 1, 0.489439832113221, 0.586417943378938, 0.21189449089054, 0.0753852280775612];
    trials.forEach((t, i) => {
      const rd = riskDifference({ events1: t.a, n1: t.n1, events2: t.c, n2: t.n2 });
      if (i < lo.length) expectRelative(rd.ciLow, lo[i]);
      expectRelative(rd.z, z[i]);
      expectRelative(rd.pValue, p[i]);
    });
  });
});

describe('zero cells (metafor add = 1/2, to = "only0")', () => {
  // metafor escalc documentation: 1/2 is added to every cell of a table with a zero cell, for RR,
  // OR and RD alike (add is set to 0 only for AS, PHI, ZPHI, RTET, ZTET, IRSD, PAS, PFT, IRS,
  // IRFT). Values: metafor 3.8-1, escalc(measure, ai = 0, n1i = 20, ci = 5, n2i = 20).
  const table = { events1: 0, n1: 20, events2: 5, n2: 20 };

  it('adds 0.5 to all four cells for RR, OR and RD', () => {
    const rd = riskDifference(table);
    expectRelative(rd.yi, 0.5 / 21 - 5.5 / 21, 1e-12);
    expectRelative(rd.yi, -0.238095238095238);
    expectRelative(rd.vi, 0.0103120613324695);
    expect(rd.zeroCellCorrection).toBe(true);
    expectRelative(logRiskRatio(table).yi, -2.39789527279837);
    expectRelative(logRiskRatio(table).vi, 2.08658008658009);
    expectRelative(logOddsRatio(table).yi, -2.67748013501753);
    expectRelative(logOddsRatio(table).vi, 2.29511479865532);
  });

  it('a zero in the comparison arm is corrected the same way', () => {
    const other = { events1: 3, n1: 20, events2: 0, n2: 25 };
    expectRelative(riskDifference(other).yi, 0.147435897435897);
    expectRelative(riskDifference(other).vi, 0.00733917764243208);
    expectRelative(logRiskRatio(other).yi, 2.15948424935337);
    expectRelative(logRiskRatio(other).vi, 2.1996336996337);
    expectRelative(logOddsRatio(other).yi, 2.32238772029023);
    expectRelative(logOddsRatio(other).vi, 2.38207282913165);
  });

  it('rejects impossible tables', () => {
    expect(() => logRiskRatio({ events1: 21, n1: 20, events2: 1, n2: 20 })).toThrow(EffectNotEstimable);
    expect(() => logRiskRatio({ events1: 1, n1: 0, events2: 1, n2: 20 })).toThrow(EffectNotEstimable);
  });
});

describe('favorable', () => {
  it('a positive effect is favorable when the indicator should increase, a negative one when it should decrease', () => {
    expect(isFavorable('increase', 0.3)).toBe(true);
    expect(isFavorable('increase', -0.3)).toBe(false);
    expect(isFavorable('decrease', -0.3)).toBe(true);
    expect(isFavorable('decrease', 0.3)).toBe(false);
    expect(isFavorable('increase', 0)).toBe(false);
    expect(isFavorable('decrease', 0)).toBe(false);
  });
});
