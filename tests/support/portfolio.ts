/** A small approved portfolio built through the API: what several browser suites need on screen. */
import { api, listQuery, unique } from './api';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
  type Grant,
  type Indicator,
  type Organization,
  type Program,
} from './factories';

/** [n, events] for treatment and comparison at baseline and post. */
export type TrialCounts = Record<'treatment' | 'comparison', Record<'baseline' | 'post', [number, number]>>;

export const THREE_TRIALS: { title: string; counts: TrialCounts }[] = [
  {
    title: 'School sessions, Cebu 2026',
    counts: {
      treatment: { baseline: [120, 30], post: [118, 64] },
      comparison: { baseline: [115, 28], post: [112, 35] },
    },
  },
  {
    title: 'School sessions, Davao 2026',
    counts: {
      treatment: { baseline: [200, 52], post: [196, 88] },
      comparison: { baseline: [205, 50], post: [198, 62] },
    },
  },
  {
    title: 'Youth club sessions, Iloilo 2026',
    counts: { treatment: { baseline: [80, 22], post: [78, 30] }, comparison: { baseline: [82, 21], post: [79, 24] } },
  },
];

/** Creates an RCT with its four proportion measurements; `status` decides how far through review it goes. */
export async function createTrial(
  program: Program,
  indicator: Indicator,
  counts: TrialCounts,
  options: {
    title?: string;
    grantId?: number;
    status?: 'draft' | 'submitted' | 'approved';
    /** false: the evaluation only, its grid empty (a draft). */
    measurements?: boolean;
  } = {},
): Promise<Evaluation> {
  const created = await api<Evaluation>(
    'POST',
    '/api/evaluations',
    evaluationInput(program.id, {
      title: options.title ?? unique('Trial'),
      grantId: options.grantId,
      primaryIndicatorIds: [indicator.id],
      plannedSizes: { treatment: counts.treatment.baseline[0], comparison: counts.comparison.baseline[0] },
      achievedSizes: { treatment: counts.treatment.post[0], comparison: counts.comparison.post[0] },
    }),
  );
  if (created.status !== 201) throw new Error(`createTrial: ${created.status} ${JSON.stringify(created.body)}`);
  if (options.measurements === false) return created.body;
  for (const arm of ['treatment', 'comparison'] as const) {
    for (const timepoint of ['baseline', 'post'] as const) {
      const [n, events] = counts[arm][timepoint];
      const m = await api('POST', '/api/outcome-measurements', {
        evaluationId: created.body.id,
        indicatorId: indicator.id,
        arm,
        timepoint,
        n,
        events,
      });
      if (m.status !== 201) throw new Error(`createTrial measurement: ${m.status} ${JSON.stringify(m.body)}`);
    }
  }
  let evaluation = created.body;
  for (const step of ['submit', 'approve'] as const) {
    if (options.status === 'draft' || (step === 'approve' && options.status === 'submitted')) break;
    const moved = await api<Evaluation>('POST', `/api/evaluations/${evaluation.id}/${step}`, {
      version: evaluation.version,
    });
    if (moved.status !== 200) throw new Error(`createTrial ${step}: ${moved.status} ${JSON.stringify(moved.body)}`);
    evaluation = moved.body;
  }
  return evaluation;
}

export interface Portfolio {
  ngo: Organization;
  funderOrg: Organization;
  program: Program;
  indicator: Indicator & { name: string };
  grant: Grant;
  trials: Evaluation[];
}

/** An NGO, a funder and a grant with reported targets, and three approved trials of one program. */
export async function createPortfolio(): Promise<Portfolio> {
  const ngo = await createOrganization({ name: unique('Portfolio NGO') });
  const funderOrg = await createOrganization({ name: unique('Portfolio Foundation'), kind: 'funder' });
  const program = await createProgram(ngo.id, { name: unique('Safe Schools'), strategy: 'educate_potential_victims' });
  const indicator = (await createIndicator({
    name: unique('Students who can name three recruitment tactics'),
  })) as Indicator & { name: string };
  const grant = await createGrant(funderOrg.id, ngo.id, [program.id], { title: unique('Portfolio grant') });
  const periods = (
    await api<{ id: number }[]>(
      'GET',
      `/api/reporting-periods${listQuery({ filter: { grantId: grant.id }, sort: ['startDate', 'ASC'] })}`,
    )
  ).body;
  // Quarterly targets rising from 0.30 to 0.60; actual values for the first two quarters.
  for (const [index, period] of periods.entries()) {
    const target = await api('POST', '/api/targets', {
      reportingPeriodId: period.id,
      indicatorId: indicator.id,
      baselineValue: 0.3,
      targetValue: 0.3 + 0.075 * (index + 1),
      actualValue: [0.36, 0.41][index] ?? null,
    });
    if (target.status !== 201)
      throw new Error(`createPortfolio target: ${target.status} ${JSON.stringify(target.body)}`);
  }
  const trials = [];
  for (const trial of THREE_TRIALS) {
    trials.push(await createTrial(program, indicator, trial.counts, { title: trial.title, grantId: grant.id }));
  }
  return { ngo, funderOrg, program, indicator, grant, trials };
}
