/**
 * The import's fast path for one outcome-measurement row: the same rules as
 * `CreateOutcomeMeasurementDto` (types, enums, ranges, the region form), checked directly instead
 * of through class-transformer + class-validator (which costs tens of microseconds a row: tens of
 * seconds for a million rows). A row it refuses goes through the DTO for the exact messages; a
 * property test (measurement-row.spec.ts) keeps the two in agreement.
 */
import {
  AGE_BANDS,
  ARMS,
  EVALUATION_LIMITS,
  REGION_PATTERN,
  SEXES,
  TIMEPOINTS,
  type AgeBand,
  type Arm,
  type Sex,
  type Timepoint,
} from '../vocabulary/evaluations';

/** The row as the import builds it from the file's cells (numbers where a cell held one). */
export interface PlainMeasurementRow {
  evaluationId: number;
  indicatorId: number;
  arm: unknown;
  timepoint: unknown;
  sex: unknown;
  ageBand: unknown;
  region: unknown;
  n: unknown;
  events: unknown;
  mean: unknown;
  sd: unknown;
  value: unknown;
  timepointLabel: unknown;
  measuredOn: unknown;
}

export interface MeasurementRow {
  arm: Arm;
  timepoint: Timepoint;
  sex: Sex;
  ageBand: AgeBand;
  region: string;
  n: number;
  events: number | null;
  mean: number | null;
  sd: number | null;
  value: number | null;
  timepointLabel: string;
  measuredOn: string | null;
}

const ARM_SET = new Set<unknown>(ARMS);
const TIMEPOINT_SET = new Set<unknown>(TIMEPOINTS);
const SEX_SET = new Set<unknown>(SEXES);
const AGE_BAND_SET = new Set<unknown>(AGE_BANDS);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isCalendarDate = (value: string) => {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
const finiteOrNull = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));
const orNull = (v: unknown) => (v === undefined ? null : (v as number | null));

/** The row, normalised as the DTO would (trimmed label, region case), or null when any rule fails. */
export function fastMeasurementRow(plain: PlainMeasurementRow): MeasurementRow | null {
  const { arm, timepoint, sex, ageBand, n, events, mean, sd, value, timepointLabel, measuredOn } = plain;
  if (!ARM_SET.has(arm) || !TIMEPOINT_SET.has(timepoint) || !SEX_SET.has(sex) || !AGE_BAND_SET.has(ageBand)) {
    return null;
  }
  if (typeof plain.region !== 'string') return null;
  const trimmed = plain.region.trim();
  const region = trimmed.toLowerCase() === 'total' ? 'total' : trimmed.toUpperCase();
  if (!REGION_PATTERN.test(region)) return null;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > EVALUATION_LIMITS.maxN) return null;
  if (!(
    events === null ||
    events === undefined ||
    (typeof events === 'number' && Number.isInteger(events) && events >= 0)
  )) {
    return null;
  }
  if (!finiteOrNull(mean) || !finiteOrNull(value) || !finiteOrNull(sd)) return null;
  if (typeof sd === 'number' && sd < 0) return null;
  let label = '';
  if (timepointLabel !== null && timepointLabel !== undefined) {
    if (typeof timepointLabel !== 'string') return null;
    label = timepointLabel.trim();
    if (label.length > EVALUATION_LIMITS.timepointLabelLength) return null;
  }
  if (!(
    measuredOn === null ||
    measuredOn === undefined ||
    (typeof measuredOn === 'string' && isCalendarDate(measuredOn))
  )) {
    return null;
  }
  return {
    arm: arm as Arm,
    timepoint: timepoint as Timepoint,
    sex: sex as Sex,
    ageBand: ageBand as AgeBand,
    region,
    n,
    events: orNull(events),
    mean: orNull(mean),
    sd: orNull(sd),
    value: orNull(value),
    timepointLabel: label,
    measuredOn: measuredOn ?? null,
  };
}
