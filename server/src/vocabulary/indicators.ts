/** Indicator vocabulary (PRODUCT.md). Plain constants shared with the admin app. */
export const INDICATOR_LEVELS = ['output', 'outcome', 'impact'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

export const MEASURE_TYPES = ['proportion', 'mean', 'count', 'rate'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

/**
 * What a rate is per: per 1, per 100, per 1 000 or per 100 000 (people, children, …). Required for
 * a `rate` indicator, empty for every other measure type; value × n ÷ rateBase is a rate's implied count.
 */
export const RATE_BASES = [1, 100, 1000, 100000] as const;
export type RateBase = (typeof RATE_BASES)[number];

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** SDG targets on violence against and exploitation of children. */
export const SDG_TARGETS = ['5.2', '8.7', '16.2'] as const;
export type SdgTarget = (typeof SDG_TARGETS)[number];

/** Indicator codes: upper-case letters and digits in dash-separated groups, e.g. EDU-RECOG-01. */
export const INDICATOR_CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

/** The columns the indicator library import reads (`POST /api/indicators/imports`), as the admin lists them. */
export const INDICATOR_IMPORT_REQUIRED: readonly string[] = ['code', 'name', 'level', 'measure_type', 'direction'];
export const INDICATOR_IMPORT_OPTIONAL: readonly string[] = [
  'definition',
  'unit',
  'rate_base',
  'min_value',
  'max_value',
  'sdg_target',
  'iati_vocabulary',
  'iati_code',
  'active',
];
