import { api, unique } from './api';

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
