/**
 * Reporting periods and target progress: pure functions, no framework (documented in
 * docs/methods.md#reporting-periods and #target-progress).
 */
import type { Direction } from '../vocabulary/indicators';
import { PERIOD_MONTHS, REPORT_DUE_DAYS, type ReportingFrequency } from '../vocabulary/grants';

export interface PeriodPlan {
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
}

function parse(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d };
}

function format(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** `date` plus whole months, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parse(date);
  return format(y, m, d + days);
}

/** A calendar name for a period that is exactly a calendar quarter, half or year; else "Period n". */
function labelFor(start: string, end: string, months: number, index: number): string {
  const s = parse(start);
  const e = parse(end);
  const full = s.d === 1 && e.d === daysInMonth(e.y, e.m) && e.y * 12 + e.m - (s.y * 12 + s.m) === months - 1;
  if (full && (s.m - 1) % months === 0) {
    if (months === 3) return `${s.y} Q${(s.m - 1) / 3 + 1}`;
    if (months === 6) return `${s.y} H${(s.m - 1) / 6 + 1}`;
    return String(s.y);
  }
  return `Period ${index + 1}`;
}

/**
 * Consecutive periods of 3, 6 or 12 months from the grant's start; the last one ends on the
 * grant's end date. Each report is due REPORT_DUE_DAYS after its period ends.
 */
export function planReportingPeriods(startDate: string, endDate: string, frequency: ReportingFrequency): PeriodPlan[] {
  const months = PERIOD_MONTHS[frequency];
  const periods: PeriodPlan[] = [];
  for (let index = 0; ; index++) {
    const start = addMonths(startDate, index * months);
    if (start > endDate) break;
    const nextStart = addMonths(startDate, (index + 1) * months);
    const naturalEnd = addDays(nextStart, -1);
    const end = naturalEnd < endDate ? naturalEnd : endDate;
    periods.push({
      label: labelFor(start, end, months, index),
      startDate: start,
      endDate: end,
      dueDate: addDays(end, REPORT_DUE_DAYS),
    });
    if (end === endDate) break;
  }
  return periods;
}

/**
 * How far the actual value has come from the baseline towards the target: 0 at the baseline,
 * 1 when the target is met, above 1 when exceeded, below 0 when it moved the wrong way. Without
 * a baseline an increase counts from 0; a decrease without a baseline is met (1) at or below
 * the target and otherwise target ÷ actual. A target equal to its baseline (hold the line) is
 * 1 when the actual is no worse, else 0. Null until an actual value is reported.
 */
export function targetProgress(
  direction: Direction,
  baseline: number | null,
  target: number,
  actual: number | null,
): number | null {
  if (actual === null) return null;
  const sign = direction === 'increase' ? 1 : -1;
  if (baseline === null && direction === 'decrease') {
    if (actual <= target) return 1;
    return actual === 0 ? 0 : target / actual;
  }
  const from = baseline ?? 0;
  if (target === from) return sign * (actual - from) >= 0 ? 1 : 0;
  return (actual - from) / (target - from);
}
