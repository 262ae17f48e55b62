/** Evaluation and outcome-measurement vocabulary (PRODUCT.md). Plain constants shared with the admin app. */
export const DESIGNS = ['rct', 'quasi_experimental', 'pre_post', 'post_only', 'qualitative'] as const;
export type Design = (typeof DESIGNS)[number];

export const EVALUATOR_TYPES = ['internal', 'external'] as const;
export type EvaluatorType = (typeof EVALUATOR_TYPES)[number];

export const EVALUATION_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved', 'superseded'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/** Statuses in which an evaluation and its measurements can be edited. */
export const EDITABLE_STATUSES: readonly EvaluationStatus[] = ['draft', 'changes_requested'];

export const ARMS = ['treatment', 'comparison', 'single'] as const;
export type Arm = (typeof ARMS)[number];

/** The arms each design uses. */
export const DESIGN_ARMS: Record<Design, readonly Arm[]> = {
  rct: ['treatment', 'comparison'],
  quasi_experimental: ['treatment', 'comparison'],
  pre_post: ['single'],
  post_only: ['single'],
  qualitative: ['single'],
};

export const TIMEPOINTS = ['baseline', 'post', 'follow_up'] as const;
export type Timepoint = (typeof TIMEPOINTS)[number];

export const SEXES = ['total', 'female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_BANDS = ['total', 'under_12', '12_14', '15_17', '18_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** `total`, or an ISO 3166-1 country code optionally followed by a subdivision (PH, PH-00). */
export const REGION_PATTERN = /^(total|[A-Z]{2}(-[A-Z0-9]{1,3})?)$/;

export const COMMENT_KINDS = ['comment', 'submitted', 'approved', 'changes_requested', 'amended'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export const EVALUATION_LIMITS = {
  titleLength: 300,
  evaluatorNameLength: 200,
  textLength: 10000,
  commentLength: 5000,
  timepointLabelLength: 100,
  primaryIndicators: 20,
  /** Largest n accepted for one measurement (a whole national population is below this). */
  maxN: 2_000_000_000,
} as const;

export const EVALUATION_MESSAGES = {
  noChildData: 'Aggregates only: never enter a child’s name, birth date, address or any other personal detail.',
  regionFormat: 'must be total or an ISO 3166 code such as PH or PH-00',
} as const;
