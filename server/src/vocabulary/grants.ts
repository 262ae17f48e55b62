/** Grant vocabulary (PRODUCT.md). Plain constants shared with the admin app. */
export const REPORTING_FREQUENCIES = ['quarterly', 'semiannual', 'annual'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

/** Months per reporting period. */
export const PERIOD_MONTHS: Record<ReportingFrequency, number> = { quarterly: 3, semiannual: 6, annual: 12 };

/** A report is due this many days after its period ends. */
export const REPORT_DUE_DAYS = 30;

export const GRANT_STATUSES = ['active', 'closed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/**
 * The grantee's consent (PRODUCT.md, hard rule 3): a funder's grant is `offered` until the NGO
 * accepts it (choosing the programs it covers) or declines it. Only an accepted grant links
 * programs, evaluations, targets and reviews.
 */
export const GRANT_CONSENTS = ['offered', 'accepted', 'declined'] as const;
export type GrantConsent = (typeof GRANT_CONSENTS)[number];

/** ISO 4217 codes the admin offers first; the server accepts any code Intl knows. */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'MXN', 'BRL', 'COP', 'PHP', 'THB', 'INR', 'KES'] as const;

export const GRANT_LIMITS = {
  referenceLength: 100,
  titleLength: 300,
  /** Largest amount accepted (numeric(15,2)). */
  maxAmount: 9_999_999_999_999,
  /** Longest grant: 20 years (at most 80 quarterly periods). */
  maxYears: 20,
  labelLength: 100,
  commentLength: 2000,
  maxProgramsPerGrant: 50,
  declineReasonLength: 2000,
} as const;
