import { api, listQuery } from '../support/api';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
} from '../support/factories';
import { createToken, createUser } from '../support/sessions';

interface Dashboard {
  role: string;
  evaluationsByStatus: Record<string, number>;
  needsAction: { evaluationId: number; reason: string }[];
  programs: { programId: number; name: string; strategy: string; status: string; evaluations: number }[];
  reviewQueue: { evaluationId: number; waitingDays: number }[];
  grants: {
    grantId: number;
    targets: number;
    reportedTargets: number;
    medianProgress: number | null;
    indicators: {
      indicatorId: number;
      measureType: string;
      progress: number | null;
      periods: { label: string; target: number | null; actual: number | null }[];
    }[];
  }[];
  reportingPeriodsDue: { grantId: number; label: string; overdue: boolean; missingActuals: number }[];
  portfolio: { byStrategy: { strategy: string; grants: number; amounts: Record<string, number> }[] };
  latestComments: { evaluationId: number; kind: string }[];
  administration?: { users: number; organizations: number };
}

/** Each role's first screen is fed by GET /api/dashboard, scoped like the lists. */
describe('dashboard', () => {
  let tokens: { coordinator: string; funder: string; other: string };
  let draft: Evaluation;
  let submitted: Evaluation;
  let grantId: number;
  let indicator: { id: number };
  let programId: number;

  beforeAll(async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { strategy: 'parental_supervision' });
    programId = program.id;
    const coordinator = await createUser('coordinator', ngo.id);
    const funder = await createUser('funder');
    tokens = {
      coordinator: await createToken(coordinator, 'read'),
      funder: await createToken(funder, 'read'),
      other: await createToken(await createUser('funder'), 'read'),
    };
    // A grant that ended last year: its periods are all past due.
    grantId = (
      await createGrant(funder.organizationId, ngo.id, [program.id], {
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        amount: 80000,
      })
    ).id;
    indicator = await createIndicator();
    const periods = (await api<{ id: number }[]>('GET', `/api/reporting-periods${listQuery({ filter: { grantId } })}`))
      .body;
    await api('POST', '/api/targets', {
      reportingPeriodId: periods[0].id,
      indicatorId: indicator.id,
      baselineValue: 0.2,
      targetValue: 0.4,
      actualValue: 0.3,
    });
    await api('POST', '/api/targets', {
      reportingPeriodId: periods[1].id,
      indicatorId: indicator.id,
      baselineValue: 0.2,
      targetValue: 0.5,
    });
    draft = (await api<Evaluation>('POST', '/api/evaluations', evaluationInput(program.id, { grantId }))).body;
    submitted = (
      await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(program.id, { grantId, primaryIndicatorIds: [indicator.id] }),
      )
    ).body;
    for (const arm of ['treatment', 'comparison']) {
      await api('POST', '/api/outcome-measurements', {
        evaluationId: submitted.id,
        indicatorId: indicator.id,
        arm,
        timepoint: 'post',
        n: 100,
        events: 40,
      });
    }
    await api('POST', `/api/evaluations/${submitted.id}/submit`, {
      version: submitted.version,
      comment: 'Please review',
    });
  });

  const dashboard = async (token?: string) =>
    (await api<Dashboard>('GET', '/api/dashboard', undefined, { token })).body;

  it('shows a coordinator what needs action and which reports are overdue', async () => {
    const board = await dashboard(tokens.coordinator);
    expect(board.role).toBe('coordinator');
    expect(board.evaluationsByStatus).toMatchObject({ draft: 1, submitted: 1 });
    expect(board.needsAction).toEqual([expect.objectContaining({ evaluationId: draft.id, reason: 'draft' })]);
    expect(
      board.programs.map(({ programId: id, strategy, status, evaluations }) => ({ id, strategy, status, evaluations })),
    ).toEqual([{ id: programId, strategy: 'parental_supervision', status: 'active', evaluations: 2 }]);
    const due = board.reportingPeriodsDue.filter((p) => p.grantId === grantId);
    expect(due.map((p) => p.label)).toEqual(['2025 Q2']);
    expect(due[0]).toMatchObject({ overdue: true, missingActuals: 1 });
    const grant = board.grants.find((g) => g.grantId === grantId)!;
    expect(grant).toMatchObject({ targets: 2, reportedTargets: 1 });
    expect(grant.medianProgress).toBeCloseTo(0.5, 12);
    // Targets against actuals, period by period, for the chart: (0.3 − 0.2) / (0.4 − 0.2) = 0.5.
    expect(grant.indicators.map((i) => [i.indicatorId, i.measureType])).toEqual([[indicator.id, 'proportion']]);
    expect(grant.indicators[0].progress).toBeCloseTo(0.5, 12);
    expect(grant.indicators[0].periods.map(({ label, target, actual }) => [label, target, actual])).toEqual([
      ['2025 Q1', 0.4, 0.3],
      ['2025 Q2', 0.5, null],
      ['2025 Q3', null, null],
      ['2025 Q4', null, null],
    ]);
    expect(board.latestComments[0]).toMatchObject({ evaluationId: submitted.id, kind: 'submitted' });
  });

  it('gives the funder a review queue and a portfolio, and another funder neither', async () => {
    const board = await dashboard(tokens.funder);
    expect(board.reviewQueue.map((r) => r.evaluationId)).toEqual([submitted.id]);
    expect(board.reviewQueue[0].waitingDays).toBe(0);
    expect(board.evaluationsByStatus.draft).toBe(0); // drafts are the NGO's own
    expect(board.portfolio.byStrategy).toEqual([
      { strategy: 'parental_supervision', grants: 1, amounts: { USD: 80000 } },
    ]);
    const other = await dashboard(tokens.other);
    expect(other.reviewQueue).toEqual([]);
    expect(other.grants).toEqual([]);
  });

  it('adds users, organizations and recent events for administrators', async () => {
    const board = await dashboard();
    expect(board.administration!.users).toBeGreaterThan(3);
    expect(board.administration!.organizations).toBeGreaterThan(3);
  });
});
