import type { EvaluationSnapshot } from '../database/entities/evaluation.entity';
import { MEASUREMENT_KEY } from '../database/entities/outcome-measurement.entity';

type Row = Record<string, unknown>;

const keyOf = (m: Row) => MEASUREMENT_KEY.map((f) => String(m[f])).join('|');
const pick = (m: Row, fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, m[f]]));
/** JSON with object keys sorted: jsonb does not keep key order, so plain JSON.stringify would differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Row).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Differences between two snapshots of an evaluation: changed fields, and measurements added,
 * removed or changed (matched on indicator, arm, timepoint and disaggregation). A missing base
 * means everything is new.
 */
export function diffSnapshots(base: EvaluationSnapshot | null, current: EvaluationSnapshot) {
  const fields: { field: string; before: unknown; after: unknown }[] = [];
  for (const field of Object.keys(current.evaluation)) {
    const before = base ? (base.evaluation[field] ?? null) : null;
    const after = current.evaluation[field] ?? null;
    if (!same(before, after)) fields.push({ field, before, after });
  }
  const baseRows = new Map((base?.measurements ?? []).map((m) => [keyOf(m), m]));
  const currentRows = new Map(current.measurements.map((m) => [keyOf(m), m]));
  const added = [...currentRows].filter(([key]) => !baseRows.has(key)).map(([, m]) => m);
  const removed = [...baseRows].filter(([key]) => !currentRows.has(key)).map(([, m]) => m);
  const changed: { key: Row; before: Row; after: Row }[] = [];
  for (const [key, after] of currentRows) {
    const before = baseRows.get(key);
    if (!before) continue;
    const differing = Object.keys(after).filter((f) => !same(before[f], after[f]));
    if (differing.length === 0) continue;
    changed.push({ key: pick(after, MEASUREMENT_KEY), before: pick(before, differing), after: pick(after, differing) });
  }
  return { fields, measurements: { added, removed, changed } };
}
