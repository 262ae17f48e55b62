/**
 * Small-cell suppression of aggregate rows for outsiders (PRODUCT.md, hard rule 2;
 * docs/methods.md#disclosure-control). Pure functions, no I/O.
 *
 * Counts of people in a row: `n`; for proportions `events` and `n − events`; for count
 * indicators `value`; for rates the implied count `value × n ÷ rateBase`.
 *
 * Primary suppression: a count from 1 to k−1 is hidden (an implied rate count when it lies
 * strictly between 0 and k). A row with a small `n` hides everything it holds. Zero is shown.
 *
 * Complementary suppression over hierarchies: the disaggregations nest — sexes and age bands under
 * `total`, ISO 3166-2 subdivisions under their country (`CO-ANT` under `CO`) and countries under
 * `total`. Within one group (evaluation, indicator, arm, timepoint), each parent row and its direct
 * children form a family whose additive quantity (n, events, a count's value, a rate's implied
 * count) obeys parent = Σ children. A family with exactly one hidden member would give it away by
 * subtraction (or by addition, when the hidden member is the parent), so a second member is hidden:
 * the smallest visible non-zero child, else a zero child, else the parent. Hiding one cell can open
 * another family (the cell is a child in one and a parent in another, in each of three dimensions),
 * so the rule runs until nothing changes. This is the cell-suppression rule of thumb of Griffiths et
 * al. (2019), ch. 3, applied to every family of a nested table.
 */
import type { MeasureType } from '../vocabulary/indicators';

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
  /** The indicator's measure type; without it a `value` is treated as a count of people. */
  measureType?: MeasureType;
  /** A rate's base (per 1, 100, 1 000, 100 000); unknown: any positive rate counts as small. */
  rateBase?: number | null;
}

export type SuppressedField = 'n' | 'events' | 'mean' | 'sd' | 'value';

export interface SuppressedRow<T extends CellRow> {
  row: T;
  /** The fields hidden in this row. */
  suppressed: Set<SuppressedField>;
}

/** The additive quantities that complementary suppression protects. */
type Additive = 'n' | 'events' | 'value';
const ADDITIVE: readonly Additive[] = ['n', 'events', 'value'];

export const isSmallCount = (count: number | null, k: number): boolean =>
  count !== null && count >= 1 && count <= k - 1;

/** A rate's implied count of people (value × n ÷ base); null when the row has no value. */
export function impliedCount(row: Pick<CellRow, 'n' | 'value' | 'rateBase'>): number | null {
  if (row.value === null) return null;
  if (!row.rateBase) return row.value > 0 ? Number.EPSILON : 0; // unknown base: treat any rate as small
  return (row.value * row.n) / row.rateBase;
}

/** The additive quantity of a row for one field (null when the row does not hold it). */
function quantity(row: CellRow, field: Additive): number | null {
  if (field === 'n') return row.n;
  if (field === 'events') return row.events;
  return row.measureType === 'rate' ? impliedCount(row) : row.value;
}

function isSmallQuantity(row: CellRow, field: Additive, k: number): boolean {
  const q = quantity(row, field);
  if (q === null) return false;
  if (field === 'value' && row.measureType === 'rate') return q > 0 && q < k;
  return isSmallCount(q, k);
}

/** Hides a field; hiding n hides the whole row (its statistics would otherwise help recover n). */
function hide(cell: SuppressedRow<CellRow>, field: Additive | 'all'): void {
  const { row } = cell;
  if (field === 'all' || field === 'n') {
    cell.suppressed.add('n');
    if (row.events !== null) cell.suppressed.add('events');
    if (row.mean !== null) cell.suppressed.add('mean');
    if (row.sd !== null) cell.suppressed.add('sd');
    if (row.value !== null) cell.suppressed.add('value');
  } else {
    cell.suppressed.add(field);
  }
}

/** Applies primary and complementary suppression with threshold k; returns which fields each row hides. */
export function suppress<T extends CellRow>(rows: readonly T[], k = DEFAULT_SUPPRESSION_K): SuppressedRow<T>[] {
  const cells = rows.map((row) => ({ row, suppressed: new Set<SuppressedField>() }));
  for (const cell of cells) {
    if (isSmallQuantity(cell.row, 'n', k)) hide(cell, 'n');
    const { events, n } = cell.row;
    if (events !== null && (isSmallCount(events, k) || isSmallCount(n - events, k))) hide(cell, 'events');
    if (isSmallQuantity(cell.row, 'value', k)) hide(cell, 'value');
  }
  const families = familiesOf(cells);
  let changed = true;
  while (changed) {
    changed = false;
    for (const family of families) {
      for (const field of ADDITIVE) {
        if (protect(family, field)) changed = true;
      }
    }
  }
  return cells;
}

interface Family<T extends CellRow> {
  parent: SuppressedRow<T>;
  children: SuppressedRow<T>[];
}

/** Hides a second member of a family that has exactly one hidden member; says whether it did. */
function protect<T extends CellRow>(family: Family<T>, field: Additive): boolean {
  const members = [family.parent, ...family.children].filter((c) => quantity(c.row, field) !== null);
  if (members.length < 2 || quantity(family.parent.row, field) === null) return false;
  const hidden = members.filter((c) => c.suppressed.has(field));
  if (hidden.length !== 1) return false;
  const visibleChildren = family.children
    .filter((c) => quantity(c.row, field) !== null && !c.suppressed.has(field))
    .sort((a, b) => quantity(a.row, field)! - quantity(b.row, field)!);
  const next =
    visibleChildren.find((c) => quantity(c.row, field)! > 0) ??
    visibleChildren[0] ??
    (family.parent.suppressed.has(field) ? undefined : family.parent);
  if (!next) return false;
  hide(next, field);
  return true;
}

/** The parent of a disaggregation value among the values present in the same context. */
export function parentOf(dimension: Dimension, value: string, present: ReadonlySet<string>): string | null {
  if (value === 'total') return null;
  if (dimension === 'region') {
    const parts = value.split('-');
    for (let i = parts.length - 1; i >= 1; i--) {
      const ancestor = parts.slice(0, i).join('-');
      if (present.has(ancestor)) return ancestor;
    }
  }
  return 'total';
}

/** Every parent-with-children family of the rows, in each of the three dimensions. */
function familiesOf<T extends CellRow>(cells: SuppressedRow<T>[]): Family<T>[] {
  const families: Family<T>[] = [];
  for (const dimension of DIMENSIONS) {
    const contexts = new Map<string, Map<string, SuppressedRow<T>>>();
    for (const cell of cells) {
      const key = [cell.row.group, ...DIMENSIONS.map((d) => (d === dimension ? '*' : cell.row[d]))].join('|');
      const byValue = contexts.get(key) ?? new Map<string, SuppressedRow<T>>();
      byValue.set(cell.row[dimension], cell);
      contexts.set(key, byValue);
    }
    for (const byValue of contexts.values()) {
      const present = new Set(byValue.keys());
      const children = new Map<string, SuppressedRow<T>[]>();
      for (const [value, cell] of byValue) {
        const parent = parentOf(dimension, value, present);
        if (parent === null) continue;
        children.set(parent, [...(children.get(parent) ?? []), cell]);
      }
      for (const [parent, members] of children) {
        const parentCell = byValue.get(parent);
        if (parentCell) families.push({ parent: parentCell, children: members });
      }
    }
  }
  return families;
}
