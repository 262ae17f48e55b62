import { EntityManager } from 'typeorm';
import { Evaluation, EvaluationComment, EvaluationSubmission } from '../database/entities/evaluation.entity';
import { snapshotOf } from '../evaluations/review.service';
import { Grant, GrantProgram, ReportingPeriod, Target } from '../database/entities/grant.entity';
import { planReportingPeriods } from '../rules/reporting-schedule';
import { Indicator } from '../database/entities/indicator.entity';
import { OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';
import { Program } from '../database/entities/program.entity';
import { User } from '../database/entities/user.entity';
import type { Arm, Design, EvaluationStatus, Sex, Timepoint } from '../vocabulary/evaluations';
import type { ReportingFrequency } from '../vocabulary/grants';

/**
 * A first set of grants, targets and evaluations in every workflow state, so that each demo
 * user has something to work on (issue 7 grows this into the full demo portfolio). Fixed
 * values; idempotent by grant reference and evaluation title.
 */
interface DemoGrant {
  reference: string;
  funder: string;
  grantee: string;
  programs: string[];
  title: string;
  amount: number;
  currency: string;
  startDate: string;
  endDate: string;
  reportingFrequency: ReportingFrequency;
  /** `offered`: waiting for the grantee to accept (and choose programs); the others are accepted. */
  consent?: 'offered';
  /** Indicator code → [baseline, target, actual per period (null = not reported yet)]. */
  targets: Record<string, [number | null, number, (number | null)[]]>;
}

const GRANTS: DemoGrant[] = [
  {
    reference: 'NB-2026-014',
    funder: 'Northbridge Foundation',
    grantee: 'Fundación Niñez Segura',
    programs: ['Recruiters’ tactics school curriculum', 'Parents on guard: supervision workshops'],
    title: 'Safe schools and safe homes in Antioquia, 2026',
    amount: 185000,
    currency: 'USD',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    reportingFrequency: 'quarterly',
    targets: {
      'EDU-REACH-01': [0, 1500, [410, 780, 1120, null]],
      'EDU-RECOG-01': [0.31, 0.6, [0.38, 0.47, 0.55, null]],
      'PAR-SUPERV-01': [0.22, 0.5, [0.25, 0.31, null, null]],
    },
  },
  {
    reference: 'GFCS-PH-2025-03',
    funder: 'Global Fund for Child Safety',
    grantee: 'Safe Childhood Philippines',
    programs: ['Animated film screenings for children at risk'],
    title: 'Film-based prevention in Visayas schools',
    amount: 92000,
    currency: 'EUR',
    startDate: '2025-07-01',
    endDate: '2026-06-30',
    reportingFrequency: 'semiannual',
    targets: { 'EDU-REACH-01': [0, 6000, [3400, 6350]], 'EDU-HELP-01': [0.4, 0.7, [0.52, 0.66]] },
  },
  {
    // An offer for the demo coordinator to accept (choosing programs) or decline.
    reference: 'GFCS-CO-2027-01',
    funder: 'Global Fund for Child Safety',
    grantee: 'Fundación Niñez Segura',
    consent: 'offered',
    programs: [],
    title: 'Online grooming prevention in Medellín schools, 2027',
    amount: 60000,
    currency: 'EUR',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    reportingFrequency: 'semiannual',
    targets: {},
  },
];

type Cell = [indicator: string, arm: Arm, timepoint: Timepoint, n: number, a: number, b?: number, sex?: Sex];

interface DemoEvaluation {
  title: string;
  /** The NGO, when the evaluation is not linked to a grant. */
  organization?: string;
  program: string;
  grant: string | null;
  design: Design;
  evaluatorType: 'internal' | 'external';
  evaluatorName: string;
  startDate: string;
  endDate: string | null;
  planned: Partial<Record<Arm, number>>;
  achieved: Partial<Record<Arm, number>>;
  primary: string[];
  summary: string;
  limitations: string;
  status: EvaluationStatus;
  /** Proportion cells: a = events; mean cells: a = mean, b = sd; count cells: a = value. */
  cells: Cell[];
  thread: [role: 'coordinator' | 'funder', kind: EvaluationComment['kind'], body: string][];
}

const CURATED: DemoEvaluation[] = [
  {
    title: 'Curriculum cluster RCT, 2025 cohort',
    program: 'Recruiters’ tactics school curriculum',
    grant: 'NB-2026-014',
    design: 'rct',
    evaluatorType: 'external',
    evaluatorName: 'Universidad de Antioquia, Grupo de Evaluación',
    startDate: '2025-02-01',
    endDate: '2025-11-30',
    planned: { treatment: 420, comparison: 420 },
    achieved: { treatment: 388, comparison: 371 },
    primary: ['EDU-RECOG-01'],
    summary:
      'Twelve schools randomised to the curriculum or usual lessons; surveys before and after the eight sessions.',
    limitations: 'Self-reported knowledge; two comparison schools had partial exposure through a teachers’ network.',
    status: 'approved',
    cells: [
      ['EDU-RECOG-01', 'treatment', 'baseline', 412, 128],
      ['EDU-RECOG-01', 'comparison', 'baseline', 405, 122],
      ['EDU-RECOG-01', 'treatment', 'post', 388, 221],
      ['EDU-RECOG-01', 'comparison', 'post', 371, 131],
      ['EDU-HELP-01', 'treatment', 'post', 388, 276],
      ['EDU-HELP-01', 'comparison', 'post', 371, 204],
    ],
    thread: [
      ['coordinator', 'submitted', 'Final report attached to the grant file.'],
      ['funder', 'approved', 'Clear design and good retention. Approved.'],
    ],
  },
  {
    title: 'Parent workshops: before and after',
    program: 'Parents on guard: supervision workshops',
    grant: 'NB-2026-014',
    design: 'pre_post',
    evaluatorType: 'internal',
    evaluatorName: 'Monitoring team',
    startDate: '2026-02-01',
    endDate: '2026-07-31',
    planned: { single: 160 },
    achieved: { single: 131 },
    primary: ['PAR-SUPERV-01'],
    summary: 'Parents completed a supervision-practices checklist at the first and the last workshop.',
    limitations: 'No comparison group; parents who dropped out are not in the post measurement.',
    status: 'submitted',
    cells: [
      ['PAR-SUPERV-01', 'single', 'baseline', 158, 35],
      ['PAR-SUPERV-01', 'single', 'post', 131, 67],
    ],
    thread: [['coordinator', 'submitted', 'Ready for review: first semester of workshops.']],
  },
  {
    title: 'Curriculum follow-up survey (draft)',
    program: 'Recruiters’ tactics school curriculum',
    grant: 'NB-2026-014',
    design: 'post_only',
    evaluatorType: 'internal',
    evaluatorName: 'Monitoring team',
    startDate: '2026-09-01',
    endDate: null,
    planned: { single: 300 },
    achieved: {},
    primary: ['EDU-RECOG-01'],
    summary: '',
    limitations: '',
    status: 'draft',
    cells: [],
    thread: [],
  },
  {
    title: 'Film screenings: knowledge of where to get help',
    program: 'Animated film screenings for children at risk',
    grant: 'GFCS-PH-2025-03',
    design: 'quasi_experimental',
    evaluatorType: 'external',
    evaluatorName: 'Visayas Research Collaborative',
    startDate: '2025-08-01',
    endDate: '2026-03-31',
    planned: { treatment: 300, comparison: 300 },
    achieved: { treatment: 276, comparison: 240 },
    primary: ['EDU-HELP-01'],
    summary: 'Schools that screened the film compared with matched schools on the waiting list.',
    limitations: 'Schools were matched, not randomised.',
    status: 'changes_requested',
    cells: [
      ['EDU-HELP-01', 'treatment', 'post', 276, 190],
      ['EDU-HELP-01', 'comparison', 'post', 240, 118],
      ['EDU-SAFETY-01', 'treatment', 'post', 276, 14.1, 3.2],
      ['EDU-SAFETY-01', 'comparison', 'post', 240, 12.3, 3.5],
    ],
    thread: [
      ['coordinator', 'submitted', 'Submitted with the endline data.'],
      ['funder', 'changes_requested', 'Please add the baseline wave for both groups so we can check equivalence.'],
    ],
  },
  {
    title: 'Film screenings: recognising recruiters, randomised by class',
    program: 'Animated film screenings for children at risk',
    grant: 'GFCS-PH-2025-03',
    design: 'rct',
    evaluatorType: 'external',
    evaluatorName: 'Visayas Research Collaborative',
    startDate: '2025-08-01',
    endDate: '2025-12-15',
    planned: { treatment: 260, comparison: 260 },
    achieved: { treatment: 241, comparison: 236 },
    primary: ['EDU-RECOG-01'],
    summary: 'Classes randomised to the film with discussion or to the regular health lesson.',
    limitations: 'Short follow-up (two weeks).',
    status: 'approved',
    cells: [
      ['EDU-RECOG-01', 'treatment', 'baseline', 255, 61],
      ['EDU-RECOG-01', 'comparison', 'baseline', 251, 63],
      ['EDU-RECOG-01', 'treatment', 'post', 241, 118],
      ['EDU-RECOG-01', 'comparison', 'post', 236, 79],
    ],
    thread: [
      ['coordinator', 'submitted', 'Endline report.'],
      ['funder', 'approved', 'Approved.'],
    ],
  },
  {
    title: 'Online safety sessions for gamers: pilot trial',
    organization: 'Hope Street Youth Services',
    program: 'Online safety for gamers',
    grant: null,
    design: 'rct',
    evaluatorType: 'internal',
    evaluatorName: 'Hope Street evaluation team',
    startDate: '2026-04-01',
    endDate: '2026-08-31',
    planned: { treatment: 150, comparison: 150 },
    achieved: { treatment: 122, comparison: 131 },
    primary: ['EDU-RECOG-01'],
    summary: 'Players randomised to an in-game safety event or a later one.',
    limitations: 'Online self-report; high attrition in the treatment arm.',
    status: 'approved',
    cells: [
      ['EDU-RECOG-01', 'treatment', 'baseline', 150, 42],
      ['EDU-RECOG-01', 'comparison', 'baseline', 150, 45],
      ['EDU-RECOG-01', 'treatment', 'post', 122, 51],
      ['EDU-RECOG-01', 'comparison', 'post', 131, 44],
    ],
    thread: [
      ['coordinator', 'submitted', 'Pilot results.'],
      ['funder', 'approved', 'Approved by the platform team (no funder on this pilot).'],
    ],
  },
];

/** Mulberry32: a small seeded generator, so every install gets the same demo portfolio. */
function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProgramPlan {
  organization: string;
  program: string;
  short: string;
  grant: string | null;
  /** Indicator code, desired direction, and (for means) baseline mean and SD. */
  indicators: { code: string; kind: 'proportion' | 'mean'; sign: 1 | -1; base: [number, number] }[];
}

const PLANS: ProgramPlan[] = [
  {
    organization: 'Fundación Niñez Segura',
    program: 'Recruiters’ tactics school curriculum',
    short: 'Curriculum',
    grant: 'NB-2026-014',
    indicators: [
      { code: 'EDU-RECOG-01', kind: 'proportion', sign: 1, base: [0.25, 0.4] },
      { code: 'EDU-HELP-01', kind: 'proportion', sign: 1, base: [0.45, 0.6] },
    ],
  },
  {
    organization: 'Fundación Niñez Segura',
    program: 'Parents on guard: supervision workshops',
    short: 'Parent workshops',
    grant: 'NB-2026-014',
    indicators: [{ code: 'PAR-SUPERV-01', kind: 'proportion', sign: 1, base: [0.2, 0.35] }],
  },
  {
    organization: 'Safe Childhood Philippines',
    program: 'Animated film screenings for children at risk',
    short: 'Film screenings',
    grant: 'GFCS-PH-2025-03',
    indicators: [
      { code: 'EDU-RECOG-01', kind: 'proportion', sign: 1, base: [0.2, 0.35] },
      { code: 'EDU-SAFETY-01', kind: 'mean', sign: 1, base: [11, 3.5] },
    ],
  },
  {
    organization: 'Safe Childhood Philippines',
    program: 'Girls’ leadership and livelihood circles',
    short: 'Girls’ circles',
    grant: null,
    indicators: [{ code: 'EMP-EFFIC-01', kind: 'mean', sign: 1, base: [24, 6] }],
  },
  {
    organization: 'Projeto Proteger',
    program: 'Demand reduction campaign for the carnival season',
    short: 'Carnival campaign',
    grant: null,
    indicators: [
      { code: 'PUB-AWARE-01', kind: 'proportion', sign: 1, base: [0.3, 0.45] },
      { code: 'PUB-DEMAND-01', kind: 'proportion', sign: -1, base: [0.15, 0.25] },
    ],
  },
  {
    organization: 'Projeto Proteger',
    program: 'Law-enforcement task force training',
    short: 'Task-force training',
    grant: null,
    indicators: [{ code: 'TRN-KNOW-01', kind: 'proportion', sign: 1, base: [0.35, 0.5] }],
  },
  {
    organization: 'Hope Street Youth Services',
    program: 'Drop-in centre and case management for exploited youth',
    short: 'Case management',
    grant: null,
    indicators: [{ code: 'VIC-HOUSING-01', kind: 'proportion', sign: 1, base: [0.3, 0.45] }],
  },
  {
    organization: 'Hope Street Youth Services',
    program: 'Online safety for gamers',
    short: 'Gamer safety',
    grant: null,
    indicators: [{ code: 'TEC-REPORT-01', kind: 'proportion', sign: 1, base: [0.1, 0.2] }],
  },
];

const DESIGN_CYCLE: Design[] = [
  'rct',
  'quasi_experimental',
  'rct',
  'pre_post',
  'rct',
  'quasi_experimental',
  'post_only',
];
const STATUS_CYCLE: EvaluationStatus[] = [
  'approved',
  'approved',
  'submitted',
  'approved',
  'changes_requested',
  'approved',
  'draft',
  'approved',
];

/**
 * About 36 further evaluations with plausible effects (a modest favourable effect on average,
 * varying between programs), in every design and review state, some with a sex breakdown whose
 * small cells show suppression at work. Deterministic: seeded random numbers.
 */
function generatedEvaluations(): DemoEvaluation[] {
  const random = seeded(20261128);
  const between = (low: number, high: number) => low + (high - low) * random();
  const normal = (mean: number, sd: number) => {
    const u = Math.max(random(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const result: DemoEvaluation[] = [];
  let index = 0;
  for (let round = 0; round < 5; round++) {
    for (const plan of PLANS) {
      if (round === 4 && index % 2 === 1) {
        index++;
        continue;
      }
      const design = DESIGN_CYCLE[index % DESIGN_CYCLE.length];
      const status = STATUS_CYCLE[index % STATUS_CYCLE.length];
      const year = 2022 + (index % 5);
      const indicator = plan.indicators[index % plan.indicators.length];
      const twoArms = design === 'rct' || design === 'quasi_experimental';
      const arms: Arm[] = twoArms ? ['treatment', 'comparison'] : ['single'];
      const planned = Math.round(between(80, 400));
      const cells: Cell[] = [];
      const sizes: Partial<Record<Arm, number>> = {};
      const achieved: Partial<Record<Arm, number>> = {};
      for (const arm of arms) {
        sizes[arm] = planned;
        achieved[arm] = Math.round(planned * between(0.78, 0.97));
      }
      const effect = normal(indicator.kind === 'proportion' ? 0.3 : 0.35, 0.2) * indicator.sign;
      const timepoints: Timepoint[] = design === 'post_only' ? ['post'] : ['baseline', 'post'];
      // One baseline level per evaluation; groups differ from it only by noise, except the treated one.
      const p0 = between(indicator.base[0], indicator.base[1]);
      for (const arm of arms) {
        for (const timepoint of timepoints) {
          const n = timepoint === 'baseline' ? sizes[arm]! : achieved[arm]!;
          const treated = timepoint === 'post' && (arm === 'treatment' || arm === 'single');
          if (indicator.kind === 'proportion') {
            const p = Math.min(0.95, Math.max(0.02, treated ? p0 * Math.exp(effect) : p0 * Math.exp(normal(0, 0.05))));
            cells.push([indicator.code, arm, timepoint, n, Math.round(n * p)]);
          } else {
            const [mean, sd] = indicator.base;
            const m = treated ? mean + effect * sd : mean + normal(0, 0.05) * sd;
            cells.push([
              indicator.code,
              arm,
              timepoint,
              n,
              Math.round(m * 100) / 100,
              Math.round(sd * between(0.9, 1.1) * 100) / 100,
            ]);
          }
        }
      }
      // Every fourth evaluation reports the treatment post numbers by sex, with a small "other" cell.
      if (twoArms && index % 4 === 0 && indicator.kind === 'proportion') {
        const post = cells.find((c) => c[1] === 'treatment' && c[2] === 'post')!;
        const [, , , n, events] = post;
        const other = 7;
        const female = Math.round((n - other) / 2);
        const femaleEvents = Math.round((events * female) / n);
        const otherEvents = Math.max(0, Math.min(3, events - femaleEvents));
        cells.push([indicator.code, 'treatment', 'post', female, femaleEvents, undefined, 'female']);
        cells.push([
          indicator.code,
          'treatment',
          'post',
          n - other - female,
          events - femaleEvents - otherEvents,
          undefined,
          'male',
        ]);
        cells.push([indicator.code, 'treatment', 'post', other, otherEvents, undefined, 'other']);
      }
      const submitted = status !== 'draft';
      result.push({
        title: `${plan.short} evaluation ${index + 1} (${year})`,
        organization: plan.organization,
        program: plan.program,
        grant: plan.grant,
        design,
        evaluatorType: index % 3 === 0 ? 'internal' : 'external',
        evaluatorName: index % 3 === 0 ? 'Monitoring team' : 'Regional evaluation consortium',
        startDate: `${year}-0${1 + (index % 8)}-01`,
        endDate: status === 'draft' ? null : `${year}-12-15`,
        planned: sizes,
        achieved: status === 'draft' ? {} : achieved,
        primary: [indicator.code],
        summary: `${DESIGN_NAMES[design]} of the ${plan.short.toLowerCase()} in ${year}.`,
        limitations:
          design === 'pre_post'
            ? 'No comparison group.'
            : design === 'post_only'
              ? 'No baseline and no comparison group.'
              : '',
        status,
        cells: status === 'draft' && index % 2 === 0 ? [] : cells,
        thread: [
          ...(submitted ? [['coordinator', 'submitted', 'Submitted with the final numbers.'] as const] : []),
          ...(status === 'approved' ? [['funder', 'approved', 'Approved.'] as const] : []),
          ...(status === 'changes_requested'
            ? [['funder', 'changes_requested', 'Please add the achieved sample sizes and the baseline wave.'] as const]
            : []),
        ].map(([role, kind, body]) => [role, kind, body] as DemoEvaluation['thread'][number]),
      });
      index++;
    }
  }
  return result;
}

const DESIGN_NAMES: Record<Design, string> = {
  rct: 'Randomised trial',
  quasi_experimental: 'Matched-comparison study',
  pre_post: 'Before-and-after study',
  post_only: 'Post-only survey',
  qualitative: 'Qualitative study',
};

const EVALUATIONS: DemoEvaluation[] = [...CURATED, ...generatedEvaluations()];

export async function seedDemoEvaluations(
  manager: EntityManager,
  organizationIds: Map<string, number>,
): Promise<{ grants: number; evaluations: number }> {
  const result = { grants: 0, evaluations: 0 };
  const indicators = new Map((await manager.find(Indicator)).map((i) => [i.code, i]));
  const indicator = (code: string) => {
    const found = indicators.get(code);
    if (!found) throw new Error(`demo data refers to unknown indicator ${code}`);
    return found;
  };
  const programId = async (organizationId: number, name: string) =>
    (await manager.findOneByOrFail(Program, { organizationId, name })).id;
  const grants = new Map<string, Grant>();

  for (const data of GRANTS) {
    const funderId = organizationIds.get(data.funder)!;
    const granteeId = organizationIds.get(data.grantee)!;
    let grant = await manager.findOneBy(Grant, { funderOrganizationId: funderId, reference: data.reference });
    if (!grant) {
      const { funder: _f, grantee: _g, programs, targets, consent, ...fields } = data;
      grant = await manager.save(
        manager.create(Grant, {
          ...fields,
          funderOrganizationId: funderId,
          granteeOrganizationId: granteeId,
          status: 'active',
          consent: consent ?? 'accepted',
        }),
      );
      for (const name of programs) {
        await manager.insert(GrantProgram, { grantId: grant.id, programId: await programId(granteeId, name) });
      }
      const periods = await manager.save(
        planReportingPeriods(grant.startDate, grant.endDate, grant.reportingFrequency).map((plan) =>
          manager.create(ReportingPeriod, { ...plan, grantId: grant!.id, organizationId: granteeId }),
        ),
      );
      for (const [code, [baseline, target, actuals]] of Object.entries(targets)) {
        for (const [index, period] of periods.entries()) {
          await manager.save(
            manager.create(Target, {
              organizationId: granteeId,
              grantId: grant.id,
              reportingPeriodId: period.id,
              indicatorId: indicator(code).id,
              sex: 'total',
              ageBand: 'total',
              region: 'total',
              baselineValue: baseline,
              targetValue: baseline === null ? target : baseline + ((target - baseline) * (index + 1)) / periods.length,
              actualValue: actuals[index] ?? null,
              comment: '',
            }),
          );
        }
      }
      result.grants++;
    }
    grants.set(data.reference, grant);
  }

  const users = await manager.find(User);
  const author = (role: 'coordinator' | 'funder', organizationId: number) =>
    users.find((u) => u.role === role && u.organizationId === organizationId) ?? users[0];

  for (const data of EVALUATIONS) {
    const grant = data.grant ? grants.get(data.grant)! : null;
    const organizationId = grant ? grant.granteeOrganizationId : organizationIds.get(data.organization!)!;
    if (await manager.existsBy(Evaluation, { organizationId, title: data.title })) continue;
    const primary = data.primary.map((code) => indicator(code).id);
    const submitted = data.status !== 'draft';
    const at = new Date(`${data.endDate ?? data.startDate}T12:00:00Z`);
    const evaluation = await manager.save(
      manager.create(Evaluation, {
        organizationId,
        programId: await programId(organizationId, data.program),
        grantId: grant?.id ?? null,
        title: data.title,
        design: data.design,
        evaluatorType: data.evaluatorType,
        evaluatorName: data.evaluatorName,
        startDate: data.startDate,
        endDate: data.endDate,
        plannedSizes: data.planned,
        achievedSizes: data.achieved,
        prePostCorrelation: 0.5,
        primaryIndicatorIds: primary,
        registeredPrimaryIndicatorIds: submitted ? primary : null,
        summary: data.summary,
        limitations: data.limitations,
        status: data.status,
        revision: 1,
        previousRevisionId: null,
        submittedAt: submitted ? at : null,
        reviewedAt: data.status === 'approved' || data.status === 'changes_requested' ? at : null,
      }),
    );
    for (const [code, arm, timepoint, n, a, b, sex] of data.cells) {
      const measureType = indicator(code).measureType;
      await manager.save(
        manager.create(OutcomeMeasurement, {
          organizationId,
          evaluationId: evaluation.id,
          indicatorId: indicator(code).id,
          arm,
          timepoint,
          timepointLabel: '',
          measuredOn: null,
          sex: sex ?? 'total',
          ageBand: 'total',
          region: 'total',
          n,
          events: measureType === 'proportion' ? a : null,
          mean: measureType === 'mean' ? a : null,
          sd: measureType === 'mean' ? (b ?? null) : null,
          value: measureType === 'count' || measureType === 'rate' ? a : null,
        }),
      );
    }
    if (submitted) {
      await manager.save(
        manager.create(EvaluationSubmission, {
          organizationId,
          evaluationId: evaluation.id,
          submittedByUserId: author('coordinator', organizationId).id,
          snapshot: await snapshotOf(manager, evaluation),
        }),
      );
    }
    for (const [role, kind, body] of data.thread) {
      const user =
        role === 'funder' && !grant
          ? (users.find((u) => u.role === 'admin') ?? users[0])
          : author(role, role === 'funder' ? grant!.funderOrganizationId : organizationId);
      await manager.insert(EvaluationComment, {
        organizationId,
        evaluationId: evaluation.id,
        authorUserId: user.id,
        authorName: user.displayName,
        authorRole: user.role,
        kind,
        body,
      });
    }
    result.evaluations++;
  }
  return result;
}
