/**
 * Small-cell suppression for anyone outside the owning NGO and its funder (PRODUCT.md, hard rule 2;
 * docs/methods.md#small-cell-suppression). Pure functions over aggregate rows.
 *
 * Primary suppression: a count in 1 … k−1 — n, events, or n − events (derivable from the two) — is
 * hidden; a group with n < k also hides its mean, SD and value. Zero is shown.
 * Complementary suppression: rows that share every disaggregation value but one form a family whose
 * row with `total` in that dimension is the family's total. If a family's total is visible and
 * exactly one component of it is hidden, it could be recovered by subtraction, so the smallest
 * other visible non-zero component is hidden too (or, with none left, the total). Repeated until
 * nothing changes, because hiding one cell can expose another family.
 */

export const DEFAULT_SUPPRESSION_K = 11;

export const DIMENSIONS = ['sex', 'ageBand', 'region'] as const;
type Dimension = (typeof DIMENSIONS)[number];

export interface CellRow {
  /** Rows are only ever compared within one group (evaluation, indicator, arm, timepoint). */
  group: string;
  sex: string;
  ageBand: string;
  region: string;
  n: number;
  events: number | null;
  mean: number | null;
  sd: number | null;
  value: number | null;
}

export type SuppressedField = 'n' | 'events' | 'mean' | 'sd' | 'value';

export interface SuppressedRow<T extends CellRow> {
  row: T;
  /** The fields hidden in this row. */
  suppressed: Set<SuppressedField>;
}

const isSmall = (count: number | null, k: number) => count !== null && count >= 1 && count <= k - 1;

/** Applies primary and complementary suppression with threshold k; returns which fields each row hides. */
export function suppress<T extends CellRow>(rows: readonly T[], k = DEFAULT_SUPPRESSION_K): SuppressedRow<T>[] {
  const out = rows.map((row) => ({ row, suppressed: new Set<SuppressedField>() }));
  for (const cell of out) {
    const { n, events, mean, sd, value } = cell.row;
    if (isSmall(n, k)) {
      cell.suppressed.add('n');
      if (events !== null) cell.suppressed.add('events');
      if (mean !== null) cell.suppressed.add('mean');
      if (sd !== null) cell.suppressed.add('sd');
      if (value !== null) cell.suppressed.add('value');
    }
    if (events !== null && (isSmall(events, k) || isSmall(n - events, k))) cell.suppressed.add('events');
  }
  for (const field of ['n', 'events'] as const) complement(out, field);
  return out;
}

function familyKey(row: CellRow, varying: Dimension): string {
  return [row.group, ...DIMENSIONS.map((d) => (d === varying ? '*' : row[d]))].join('|');
}

function complement<T extends CellRow>(cells: SuppressedRow<T>[], field: 'n' | 'events'): void {
  const relevant = cells.filter((c) => c.row[field] !== null);
  let changed = true;
  while (changed) {
    changed = false;
    for (const dimension of DIMENSIONS) {
      const families = new Map<string, { total?: SuppressedRow<T>; parts: SuppressedRow<T>[] }>();
      for (const cell of relevant) {
        const key = familyKey(cell.row, dimension);
        const family = families.get(key) ?? { parts: [] };
        if (cell.row[dimension] === 'total') family.total = cell;
        else family.parts.push(cell);
        families.set(key, family);
      }
      for (const { total, parts } of families.values()) {
        if (!total || total.suppressed.has(field) || parts.length === 0) continue;
        const hidden = parts.filter((p) => p.suppressed.has(field));
        if (hidden.length !== 1) continue;
        const candidates = parts
          .filter((p) => !p.suppressed.has(field) && (p.row[field] ?? 0) > 0)
          .sort((a, b) => (a.row[field] ?? 0) - (b.row[field] ?? 0));
        const next = candidates[0] ?? total;
        hide(next, field);
        changed = true;
      }
    }
  }
}

function hide(cell: SuppressedRow<CellRow>, field: 'n' | 'events'): void {
  cell.suppressed.add(field);
  if (field === 'n') {
    // Without n, a proportion's events and the group's statistics stay meaningful only with care:
    // hide events too, so that events and n − events cannot be played against each other.
    if (cell.row.events !== null) cell.suppressed.add('events');
  }
}

/** Whether the actor sees an NGO's aggregates unsuppressed: its own staff and its grant's funder. */
export function seesUnsuppressed(
  actor: { organizationId: number },
  owner: { organizationId: number; funderOrganizationId: number | null },
): boolean {
  return actor.organizationId === owner.organizationId || actor.organizationId === owner.funderOrganizationId;
}
