import { Client } from 'pg';
import { adminToken, api, ErrorBody, unique } from '../support/api';
import {
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  programInput,
  type Evaluation,
  submitAndApprove,
} from '../support/factories';
import { createTrial, THREE_TRIALS } from '../support/portfolio';
import { createToken, createUser } from '../support/sessions';

/**
 * The analysis API end to end, on the BCG vaccine trials (Colditz et al. 1994), the example data
 * set of R's metafor (`dat.bcg`). Reference values from metafor's documentation
 * (Viechtbauer 2010, J Stat Softw 36(3), and `?rma.uni` / `?escalc`):
 * escalc(measure="RR") trial 1: yi = -0.8893, vi = 0.3256;
 * rma(yi, vi) REML: estimate -0.7145, se 0.1798, tau^2 0.3132, I^2 92.22 %, H^2 12.86,
 * Q(df = 12) = 152.2330; method="DL": tau^2 0.3088, estimate -0.7141.
 */
const BCG: [trial: string, tpos: number, tneg: number, cpos: number, cneg: number][] = [
  ['Aronson 1948', 4, 119, 11, 128],
  ['Ferguson & Simes 1949', 6, 300, 29, 274],
  ['Rosenthal et al 1960', 3, 228, 11, 209],
  ['Hart & Sutherland 1977', 62, 13536, 248, 12619],
  ['Frimodt-Moller et al 1973', 33, 5036, 47, 5761],
  ['Stein & Aronson 1953', 180, 1361, 372, 1079],
  ['Vandiviere et al 1973', 8, 2537, 10, 619],
  ['TPT Madras 1980', 505, 87886, 499, 87892],
  ['Coetzee & Berjak 1968', 29, 7470, 45, 7232],
  ['Rosenthal et al 1961', 17, 1699, 65, 1600],
  ['Comstock et al 1974', 186, 50448, 141, 27197],
  ['Comstock & Webster 1969', 5, 2493, 3, 2338],
  ['Comstock et al 1976', 27, 16886, 29, 17825],
];

interface Pooled {
  k: number;
  released?: boolean;
  withheld?: { evaluationId?: number; reason: string }[];
  disclosure?: { view: string; threshold: number; minStudies: number };
  measure: string;
  estimate: number;
  se: number;
  tau2: number | null;
  i2: number | null;
  h2: number | null;
  q: number | null;
  qDf: number | null;
  predictionLow: number | null;
  backTransformed: { estimate: number } | null;
  studies: { evaluationId: number; label: string; yi: number; vi: number; weight: number }[];
  excluded: { evaluationId: number; reason: string }[];
}

describe('analysis API on the BCG trials (metafor dat.bcg)', () => {
  let indicatorId: number;
  let evaluations: Evaluation[];
  let tokens: Record<'researcher' | 'coordinator' | 'otherCoordinator' | 'funder', string>;
  // The administrator sees every number (the metafor references need all 13 trials); researchers
  // are outsiders and get what disclosure control releases (last tests).
  const pooled = (query: string, token = adminToken()) =>
    api<Pooled & ErrorBody>('GET', `/api/analysis/pooled?indicatorId=${indicatorId}&${query}`, undefined, { token });

  beforeAll(async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { strategy: 'victim_services' });
    indicatorId = (await createIndicator({ name: unique('Tuberculosis cases'), direction: 'decrease' })).id;
    evaluations = [];
    for (const [trial, tpos, tneg, cpos, cneg] of BCG) {
      const created = await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(program.id, {
          title: trial,
          primaryIndicatorIds: [indicatorId],
          plannedSizes: {},
          achievedSizes: {},
        }),
      );
      for (const [arm, events, n] of [
        ['treatment', tpos, tpos + tneg],
        ['comparison', cpos, cpos + cneg],
      ] as const) {
        const m = await api('POST', '/api/outcome-measurements', {
          evaluationId: created.body.id,
          indicatorId,
          arm,
          timepoint: 'post',
          n,
          events,
        });
        expect(m.status).toBe(201);
      }
      evaluations.push(await submitAndApprove(created.body));
    }
    const coordinator = await createUser('coordinator', ngo.id);
    tokens = {
      researcher: await createToken(await createUser('researcher'), 'read'),
      coordinator: await createToken(coordinator, 'read'),
      otherCoordinator: await createToken(await createUser('coordinator'), 'read'),
      funder: await createToken(await createUser('funder'), 'read'),
    };
  });

  it('computes each trial’s log risk ratio as escalc does', async () => {
    const response = await api<{
      effects: { measure: string; yi: number; vi: number; favorable: boolean; estimate: number }[];
    }>('GET', `/api/evaluations/${evaluations[0].id}/effects`, undefined, { token: tokens.coordinator });
    expect(response.status).toBe(200);
    const [effect] = response.body.effects;
    expect(effect.measure).toBe('RR');
    expect(effect.yi).toBeCloseTo(-0.8893, 4);
    expect(effect.vi).toBeCloseTo(0.3256, 4);
    expect(effect.estimate).toBeCloseTo(Math.exp(-0.889311), 4);
    expect(effect.favorable).toBe(true); // fewer cases, and the indicator should decrease
  });

  it('pools the 13 trials with REML as rma does', async () => {
    const response = await pooled('measure=RR&method=REML');
    expect(response.status).toBe(200);
    const result = response.body;
    expect(result.k).toBe(13);
    expect(result.estimate).toBeCloseTo(-0.7145, 4);
    expect(result.se).toBeCloseTo(0.1798, 4);
    expect(result.tau2).toBeCloseTo(0.3132, 4);
    expect(result.i2).toBeCloseTo(92.22, 2);
    expect(result.h2).toBeCloseTo(12.86, 2);
    expect(result.q).toBeCloseTo(152.233, 3);
    expect(result.qDf).toBe(12);
    expect(result.backTransformed?.estimate).toBeCloseTo(Math.exp(-0.7145), 3);
    expect(result.studies.map((s) => s.label.split(' — ')[1]).sort()).toEqual(BCG.map(([trial]) => trial).sort());
    expect(result.studies.reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(100, 8);
    // Approved evaluations that never measured this indicator are not "left out": they are not candidates.
    expect(result.excluded).toEqual([]);
  });

  it('lists as left out only evaluations that measured the indicator but cannot be pooled', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { strategy: 'victim_services' });
    const other = await createIndicator();
    /** An approved evaluation whose primary outcome is `other` (at post), plus the given secondary rows. */
    const approve = async (secondary: { indicatorId: number; timepoint: string }[]) => {
      const created = await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(program.id, { primaryIndicatorIds: [other.id], plannedSizes: {}, achievedSizes: {} }),
      );
      for (const row of [{ indicatorId: other.id, timepoint: 'post' }, ...secondary]) {
        for (const arm of ['treatment', 'comparison']) {
          const m = await api('POST', '/api/outcome-measurements', {
            evaluationId: created.body.id,
            ...row,
            arm,
            n: 100,
            events: 20,
          });
          expect(m.status).toBe(201);
        }
      }
      return submitAndApprove(created.body);
    };
    await approve([]);
    const followUpOnly = await approve([{ indicatorId, timepoint: 'follow_up' }]);
    const result = (await pooled('measure=RR&method=REML&strategy=victim_services')).body;
    expect(result.k).toBe(13);
    expect(result.excluded.map((e) => [e.evaluationId, e.reason])).toEqual([[followUpOnly.id, 'no post data']]);
  });

  it('sees an approval at once, though pooled results are cached', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { strategy: 'technology' });
    const own = await createIndicator({ name: unique('Cache check') });
    const counts = THREE_TRIALS[0].counts;
    const approve = (submitted: Evaluation) =>
      api('POST', `/api/evaluations/${submitted.id}/approve`, { version: submitted.version }).then((r) =>
        expect(r.status).toBe(200),
      );
    const k = async () =>
      (
        await api<Pooled>(
          'GET',
          `/api/analysis/pooled?indicatorId=${own.id}&measure=RR&strategy=technology`,
          undefined,
          {
            token: tokens.researcher,
          },
        )
      ).body.k;
    await createTrial(program, own, counts, { status: 'approved' });
    expect(await k()).toBe(1);
    const second = await createTrial(program, own, counts, { status: 'submitted' });
    expect(await k()).toBe(1); // submitted, not approved: the same (cached) answer
    await approve(second);
    expect(await k()).toBe(2);
  });

  it('sees a change committed after a later one, though pooled results are cached', async () => {
    // The cache's version once was the latest updated_at: a transaction that started first and
    // committed last (its updated_at older than another's) changed data without changing it.
    const ngo = await createOrganization();
    const moved = await createProgram(ngo.id, { strategy: 'technology' });
    const other = await createProgram(ngo.id, { strategy: 'technology' });
    const own = await createIndicator({ name: unique('Commit order') });
    await createTrial(moved, own, THREE_TRIALS[0].counts, { status: 'approved' });
    const pooledTechnology = () =>
      api<Pooled>('GET', `/api/analysis/pooled?indicatorId=${own.id}&measure=RR&strategy=technology`);
    expect((await pooledTechnology()).body.k).toBe(1);

    const owner = new Client({ connectionString: process.env.LEDGER_DATABASE_URL });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query(`UPDATE programs SET strategy = 'training', updated_at = now() WHERE id = $1`, [moved.id]);
      const later = await api('PUT', `/api/programs/${other.id}`, {
        ...programInput(ngo.id, { strategy: 'technology' }),
        version: other.version,
      });
      expect(later.status).toBe(200);
      expect((await pooledTechnology()).body.k).toBe(1); // cached, the move not committed yet
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    const after = await pooledTechnology();
    expect(after.status).toBe(422); // no approved evaluation of a technology program any more
  });

  it('uses DerSimonian–Laird when asked', async () => {
    const response = await pooled('method=DL');
    expect(response.body.tau2).toBeCloseTo(0.3088, 4);
    expect(response.body.estimate).toBeCloseTo(-0.7141, 4);
  });

  it('pools only what the actor may see: the NGO its own, others nothing (422)', async () => {
    expect((await pooled('', tokens.coordinator)).body.k).toBe(13);
    const other = await pooled('', tokens.otherCoordinator);
    expect(other.status).toBe(422);
    expect(other.body.message).toContain('no approved evaluation you can see');
    expect((await pooled('', tokens.funder)).status).toBe(422);
    expect((await pooled('strategy=training')).status).toBe(422);
  });

  it('refuses bad parameters with the reason', async () => {
    const mismatch = await pooled('measure=SMD');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain('SMD does not fit');
    const unknown = await pooled('measure=HR');
    expect(unknown.status).toBe(400);
    expect(unknown.body.details?.[0].field).toBe('measure');
    const missing = await api<ErrorBody>('GET', '/api/analysis/pooled', undefined, { token: tokens.researcher });
    expect(missing.status).toBe(400);
    expect(missing.body.details?.[0].field).toBe('indicatorId');
    const absent = await api<ErrorBody>('GET', '/api/analysis/pooled?indicatorId=2147483000', undefined, {
      token: tokens.researcher,
    });
    expect(absent.status).toBe(400);
  });

  it('places the indicator on the evidence map under its strategy', async () => {
    const map = (token: string) =>
      api<{ cells: { strategy: string; indicatorId: number; k: number; estimate: number }[] }>(
        'GET',
        '/api/analysis/evidence-map',
        undefined,
        { token },
      );
    const exact = await map(adminToken());
    expect(exact.status).toBe(200);
    const cell = exact.body.cells.find((c) => c.indicatorId === indicatorId);
    expect(cell).toMatchObject({ strategy: 'victim_services', k: 13 });
    expect(cell!.estimate).toBeCloseTo(-0.7145, 4);
    // A researcher's cell rests on the 8 trials without a count from 1 to 10.
    const outsider = (await map(tokens.researcher)).body.cells.find((c) => c.indicatorId === indicatorId);
    expect(outsider).toMatchObject({ strategy: 'victim_services', k: 8 });
  });

  it('gives a researcher the trials without small counts and withholds the rest, named', async () => {
    const exact = (await pooled('measure=RR&method=REML')).body;
    const response = await pooled('measure=RR&method=REML', tokens.researcher);
    expect(response.status).toBe(200);
    const result = response.body;
    expect(result.released).toBe(true);
    expect(result.disclosure).toEqual({ view: 'outsider', threshold: 11, minStudies: 3 });
    // Aronson (4), Ferguson & Simes (6), Rosenthal 1960 (3), Vandiviere (8), Comstock & Webster (5 and 3).
    const small = [
      'Aronson 1948',
      'Ferguson & Simes 1949',
      'Rosenthal et al 1960',
      'Vandiviere et al 1973',
      'Comstock & Webster 1969',
    ];
    const idOf = (title: string) => evaluations[BCG.findIndex(([trial]) => trial === title)].id;
    expect(result.withheld!.map((w) => w.evaluationId).sort()).toEqual(small.map(idOf).sort());
    expect(result.withheld!.every((w) => w.reason === 'withheld: small numbers')).toBe(true);
    expect(result.k).toBe(8);
    expect(result.studies.some((s) => small.map(idOf).includes(s.evaluationId))).toBe(false);
    // The trials it does see carry the same effects as the owner's.
    for (const study of result.studies) {
      const same = exact.studies.find((s) => s.evaluationId === study.evaluationId)!;
      expect(study.yi).toBeCloseTo(same.yi, 12);
      expect(study.vi).toBeCloseTo(same.vi, 12);
    }
  });

  it('suggests a rating, and lets the reviewer confirm or override it with a reason', async () => {
    const id = evaluations[7].id; // TPT Madras: no significant effect
    const suggestion = await api<{ suggested: string; reasons: string[]; version: number | null }>(
      'GET',
      `/api/evaluations/${id}/rating`,
    );
    expect(suggestion.status).toBe(200);
    expect(suggestion.body.reasons.length).toBeGreaterThan(0);
    const other = suggestion.body.suggested === 'effective' ? 'promising' : 'effective';
    const noReason = await api<ErrorBody>('POST', `/api/evaluations/${id}/rating`, { rating: other });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details?.[0].field).toBe('reason');
    const overridden = await api<{ override: { rating: string; reason: string }; version: number }>(
      'POST',
      `/api/evaluations/${id}/rating`,
      { rating: other, reason: 'Large trial; reviewer judgement' },
    );
    expect(overridden.status).toBe(200);
    expect(overridden.body.override).toEqual({ rating: other, reason: 'Large trial; reviewer judgement' });
    const stale = await api('POST', `/api/evaluations/${id}/rating`, { rating: suggestion.body.suggested });
    expect(stale.status).toBe(409);
    const confirmed = await api<{ confirmed: string; override: null }>('POST', `/api/evaluations/${id}/rating`, {
      rating: suggestion.body.suggested,
      version: overridden.body.version,
    });
    expect(confirmed.body).toMatchObject({ confirmed: suggestion.body.suggested, override: null });
    const byCoordinator = await api(
      'POST',
      `/api/evaluations/${id}/rating`,
      { rating: 'effective', reason: 'x' },
      { token: tokens.coordinator },
    );
    expect(byCoordinator.status).toBe(403);
  });
});
