import type { Target } from './types';

export type TargetValues = Partial<Target>;

/** A number input's value, or null when it is empty. */
export const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
