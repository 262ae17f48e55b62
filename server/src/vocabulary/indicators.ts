/** Indicator vocabulary (PRODUCT.md). Plain constants shared with the admin app. */
export const INDICATOR_LEVELS = ['output', 'outcome', 'impact'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

export const MEASURE_TYPES = ['proportion', 'mean', 'count', 'rate'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** SDG targets on violence against and exploitation of children. */
export const SDG_TARGETS = ['5.2', '8.7', '16.2'] as const;
export type SdgTarget = (typeof SDG_TARGETS)[number];

/** Indicator codes: upper-case letters and digits in dash-separated groups, e.g. EDU-RECOG-01. */
export const INDICATOR_CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
