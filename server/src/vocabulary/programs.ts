/**
 * Program vocabulary (PRODUCT.md). Plain constants with no framework imports: the server
 * validates against them and the admin app builds its choices from them.
 */
export const STRATEGIES = [
  'educate_potential_victims',
  'educate_public',
  'parental_supervision',
  'empower_women_children',
  'technology',
  'training',
  'victim_services',
  'other',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const TARGET_POPULATIONS = [
  'children_youth_at_risk',
  'parents_caregivers',
  'general_public',
  'educators',
  'law_enforcement',
  'service_providers',
  'industry',
] as const;
export type TargetPopulation = (typeof TARGET_POPULATIONS)[number];

export const SETTINGS = ['school', 'community', 'online', 'justice_system', 'health', 'other'] as const;
export type Setting = (typeof SETTINGS)[number];

export const PROGRAM_STATUSES = ['planned', 'active', 'completed', 'suspended'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** The four parts of a program's logic model, each a list of short texts. */
export const LOGIC_MODEL_PARTS = ['inputs', 'activities', 'outputs', 'intendedOutcomes'] as const;

export const LIMITS = {
  nameLength: 200,
  summaryLength: 5000,
  logicModelItemLength: 500,
  logicModelItems: 50,
  countries: 60,
} as const;

/** Messages shared by the server's validation and the admin's forms. */
export const MESSAGES = {
  endBeforeStart: 'must be on or after the start date',
  invalidCountry: 'must be ISO 3166-1 alpha-2 country codes, like BR or PH',
  invalidDate: 'must be a calendar date in the form YYYY-MM-DD',
  noChildData: 'Aggregates only: never enter a child’s name, birth date, address or any other personal detail.',
} as const;
