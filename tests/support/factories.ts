import { adminToken, api, baseUrl, listQuery, unique, type RequestOptions } from './api';

export interface Organization {
  id: number;
  name: string;
  kind: string;
  country: string | null;
  website: string | null;
  version: number;
}

export interface Program {
  id: number;
  organizationId: number;
  name: string;
  summary: string;
  strategy: string;
  targetPopulations: string[];
  setting: string;
  countries: string[];
  startDate: string;
  endDate: string | null;
  status: string;
  inputs: string[];
  activities: string[];
  outputs: string[];
  intendedOutcomes: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Creates an organization through the API (factories never write to the database directly). */
export async function createOrganization(overrides: Partial<Organization> = {}): Promise<Organization> {
  const response = await api<Organization>('POST', '/api/organizations', {
    name: unique('Test NGO'),
    kind: 'ngo',
    country: 'PH',
    ...overrides,
  });
  if (response.status !== 201)
    throw new Error(`createOrganization: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export function programInput(organizationId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizationId,
    name: unique('Test program'),
    summary: 'School sessions on how recruiters approach children',
    strategy: 'educate_potential_victims',
    targetPopulations: ['children_youth_at_risk'],
    setting: 'school',
    countries: ['PH'],
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    status: 'active',
    inputs: ['Curriculum'],
    activities: ['Classroom sessions'],
    outputs: ['Students reached'],
    intendedOutcomes: ['Students can name three recruitment tactics'],
    ...overrides,
  };
}

export async function createProgram(organizationId: number, overrides: Record<string, unknown> = {}): Promise<Program> {
  const response = await api<Program>('POST', '/api/programs', programInput(organizationId, overrides));
  if (response.status !== 201) throw new Error(`createProgram: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface Indicator {
  id: number;
  code: string;
  measureType: string;
  direction: string;
  minValue: number | null;
  maxValue: number | null;
  version: number;
}

let indicatorSequence = 0;

/** A fresh indicator (admin API); proportion by default, plausible range 0–1. */
export async function createIndicator(overrides: Record<string, unknown> = {}): Promise<Indicator> {
  const code = `T${process.pid}-${Date.now().toString(36).toUpperCase()}-${++indicatorSequence}`;
  const response = await api<Indicator>('POST', '/api/indicators', {
    code,
    name: `Students who can name three recruitment tactics (${code})`,
    level: 'outcome',
    measureType: 'proportion',
    direction: 'increase',
    minValue: 0,
    maxValue: 1,
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`createIndicator: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface Grant {
  id: number;
  funderOrganizationId: number;
  granteeOrganizationId: number;
  programIds: number[];
  reference: string;
  title: string;
  amount: number;
  currency: string;
  startDate: string;
  endDate: string;
  reportingFrequency: string;
  status: string;
  consent: 'offered' | 'accepted' | 'declined';
  declineReason: string;
  funderName: string;
  granteeName: string;
  version: number;
}

export function grantInput(
  funderId: number,
  granteeId: number,
  programIds: number[],
  overrides: Record<string, unknown> = {},
) {
  return {
    funderOrganizationId: funderId,
    granteeOrganizationId: granteeId,
    programIds,
    reference: unique('G'),
    title: 'School workshops on recruiters’ tactics',
    amount: 120000,
    currency: 'USD',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    reportingFrequency: 'quarterly',
    ...overrides,
  };
}

/** A grant from `funderId` to `granteeId` for the programs (admin API). */
export async function createGrant(
  funderId: number,
  granteeId: number,
  programIds: number[],
  overrides: Record<string, unknown> = {},
): Promise<Grant> {
  const response = await api<Grant>('POST', '/api/grants', grantInput(funderId, granteeId, programIds, overrides));
  if (response.status !== 201) throw new Error(`createGrant: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A grant a funder offers an NGO (it names no programs: the grantee chooses them when it
 * accepts), as that funder (`funderToken`).
 */
export async function offerGrant(
  funderToken: string,
  granteeId: number,
  overrides: Record<string, unknown> = {},
): Promise<Grant> {
  const { funderOrganizationId: _funder, programIds: _programs, ...input } = grantInput(0, granteeId, [], overrides);
  const response = await api<Grant>('POST', '/api/grants', input, { token: funderToken });
  if (response.status !== 201) throw new Error(`offerGrant: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface Evaluation {
  id: number;
  organizationId: number;
  programId: number;
  grantId: number | null;
  title: string;
  design: string;
  status: string;
  revision: number;
  previousRevisionId: number | null;
  nextRevisionId: number | null;
  primaryIndicatorIds: number[];
  registeredPrimaryIndicatorIds: number[] | null;
  outcomeSwitching: { added: number[]; removed: number[] } | null;
  submittedAt: string | null;
  version: number;
}

export function evaluationInput(programId: number, overrides: Record<string, unknown> = {}) {
  return {
    programId,
    title: unique('Evaluation'),
    design: 'rct',
    evaluatorType: 'external',
    evaluatorName: 'Instituto de Evaluación',
    startDate: '2026-02-01',
    endDate: '2026-11-30',
    plannedSizes: { treatment: 200, comparison: 200 },
    achievedSizes: { treatment: 180, comparison: 170 },
    ...overrides,
  };
}

export interface Measurement {
  id: number;
  evaluationId: number;
  indicatorId: number;
  arm: string;
  timepoint: string;
  n: number;
  events: number | null;
  mean: number | null;
  sd: number | null;
  value: number | null;
  version: number;
}

/** Submits an evaluation for review (asserting 200): the evaluation as submitted. */
export async function submitEvaluation(
  evaluation: { id: number; version: number },
  options: RequestOptions = {},
): Promise<Evaluation> {
  const submitted = await api<Evaluation>(
    'POST',
    `/api/evaluations/${evaluation.id}/submit`,
    { version: evaluation.version },
    options,
  );
  expect(submitted.status).toBe(200);
  return submitted.body;
}

/** Approves a submitted evaluation (asserting 200): the evaluation as approved. */
export async function approveEvaluation(
  evaluation: { id: number; version: number },
  options: RequestOptions = {},
): Promise<Evaluation> {
  const approved = await api<Evaluation>(
    'POST',
    `/api/evaluations/${evaluation.id}/approve`,
    { version: evaluation.version },
    options,
  );
  expect(approved.status).toBe(200);
  return approved.body;
}

/** Submits and approves a draft as the admin (who may do both): the evaluation as approved. */
export async function submitAndApprove(evaluation: { id: number; version: number }): Promise<Evaluation> {
  return approveEvaluation(await submitEvaluation(evaluation));
}

/** One evaluation as the API returns it now (asserting 200). */
export async function fetchEvaluation(id: number): Promise<Evaluation> {
  const response = await api<Evaluation>('GET', `/api/evaluations/${id}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** Every outcome measurement of an evaluation (up to 1,000), as the API returns them now (asserting 200). */
export async function fetchMeasurements(evaluationId: number): Promise<Measurement[]> {
  const response = await api<Measurement[]>(
    'GET',
    '/api/outcome-measurements' + listQuery({ filter: { evaluationId }, range: [0, 999] }),
  );
  expect(response.status).toBe(200);
  return response.body;
}

/** Uploads an outcome import file to an evaluation, asserting it is accepted (202); returns its job id. */
export async function postOutcomeImport(evaluationId: number, file: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'outcomes.csv');
  const upload = await fetch(`${baseUrl()}/api/evaluations/${evaluationId}/imports`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${adminToken()}` },
  });
  expect(upload.status).toBe(202);
  return ((await upload.json()) as { id: string }).id;
}

/**
 * A new evaluation (of a new program, with one new indicator as its primary outcome) and the
 * outcome import `file(indicatorCode)` uploaded to it (postOutcomeImport).
 */
export async function uploadOutcomeImport(
  file: (indicatorCode: string) => Buffer,
): Promise<{ jobId: string; evaluationId: number; indicatorCode: string; organizationId: number }> {
  const indicator = await createIndicator();
  const organizationId = (await createOrganization()).id;
  const programId = (await createProgram(organizationId)).id;
  const evaluation = (
    await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(programId, { primaryIndicatorIds: [indicator.id] }),
    )
  ).body;
  const jobId = await postOutcomeImport(evaluation.id, file(indicator.code));
  return { jobId, evaluationId: evaluation.id, indicatorCode: indicator.code, organizationId };
}
