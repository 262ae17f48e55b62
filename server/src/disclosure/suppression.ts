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
export type Additive = 'n' | 'events' | 'value';
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

/**
 * What outsiders already saw of the same cells in earlier approved revisions of an evaluation
 * (an amendment must not undo what they could not see, nor lean on what they did).
 */
export interface SuppressionHistory {
  /** The field was hidden before with the same value: it stays hidden. */
  pinned(row: CellRow, field: Additive): boolean;
  /** The field was shown before with the same value: outsiders know it, so hiding it protects nothing. */
  known(row: CellRow, field: Additive): boolean;
}

const NO_HISTORY: SuppressionHistory = { pinned: () => false, known: () => false };

/** Applies primary and complementary suppression with threshold k; returns which fields each row hides. */
export function suppress<T extends CellRow>(
  rows: readonly T[],
  k = DEFAULT_SUPPRESSION_K,
  history: SuppressionHistory = NO_HISTORY,
): SuppressedRow<T>[] {
  const cells = rows.map((row) => ({ row, suppressed: new Set<SuppressedField>() }));
  for (const cell of cells) {
    for (const field of ADDITIVE) {
      if (history.pinned(cell.row, field) && !history.known(cell.row, field)) hide(cell, field);
    }
    if (isSmallQuantity(cell.row, 'n', k)) hide(cell, 'n');
    const { events, n } = cell.row;
    if (events !== null && (isSmallCount(events, k) || isSmallCount(n - events, k))) hide(cell, 'events');
    if (isSmallQuantity(cell.row, 'value', k)) hide(cell, 'value');
  }
  // Complements only ever protect hidden cells: with none, every family is safe as it is.
  if (cells.every((c) => c.suppressed.size === 0)) return cells;
  // Only groups holding a hidden cell can need a complement.
  const hiddenGroups = new Set(cells.filter((c) => c.suppressed.size > 0).map((c) => c.row.group));
  const families = familiesOf(cells.filter((c) => hiddenGroups.has(c.row.group)));
  const byGroup = new Map<string, Family<T>[]>();
  const around = new Map<SuppressedRow<T>, Family<T>[]>();
  for (const family of families) {
    const list = byGroup.get(family.parent.row.group) ?? [];
    list.push(family);
    byGroup.set(family.parent.row.group, list);
    for (const member of [family.parent, ...family.children]) {
      const of = around.get(member) ?? [];
      of.push(family);
      around.set(member, of);
    }
  }
  // A worklist: a family is looked at again only when one of its members was hidden since.
  const queue = new Set(families);
  const requeue = (family: Family<T>) => {
    for (const member of [family.parent, ...family.children]) for (const f of around.get(member) ?? []) queue.add(f);
  };
  for (;;) {
    while (queue.size > 0) {
      const family: Family<T> = queue.values().next().value!;
      queue.delete(family);
      for (const field of ADDITIVE) if (protect(family, field, history)) requeue(family);
    }
    // The rule above protects each equation alone; together they can still pin a cell down.
    let changed = false;
    for (const group of byGroup.values()) {
      for (const field of ADDITIVE) {
        if (protectSystem(group, field, history)) {
          changed = true;
          for (const family of group) queue.add(family);
        }
      }
    }
    if (!changed) break;
  }
  return cells;
}

/**
 * Linear audit of one group's table: with every family's equation (parent − Σ children = 0) and
 * the visible cells known, a hidden cell is determined exactly when its unit vector lies in the
 * row space of the equations restricted to the hidden cells — in reduced row echelon form, when
 * it is a pivot whose row has no free entry. Then one more cell of a family around it is hidden
 * (the smallest visible non-zero one); says whether it hid one.
 */
function protectSystem<T extends CellRow>(
  families: Family<T>[],
  field: Additive,
  history: SuppressionHistory,
): boolean {
  const equations = families.filter(
    (f) => quantity(f.parent.row, field) !== null && f.children.every((c) => quantity(c.row, field) !== null),
  );
  const isUnknown = (c: SuppressedRow<T>) => c.suppressed.has(field) && !history.known(c.row, field);
  const usable = (c: SuppressedRow<T>) => !c.suppressed.has(field) && !history.known(c.row, field);
  let hid = false;
  for (const component of components(equations, isUnknown)) {
    const unknowns = [...new Set(component.flatMap((f) => [f.parent, ...f.children]).filter(isUnknown))];
    if (unknowns.length > MAX_AUDITED_UNKNOWNS) {
      // Too large to audit within a request: hide every member of its equations instead (safe, lossy).
      for (const c of component.flatMap((f) => [f.parent, ...f.children]).filter(usable)) {
        hide(c, field);
        hid = true;
      }
      continue;
    }
    const column = new Map(unknowns.map((c, i) => [c, i]));
    const matrix = component
      .map((f) => {
        const coefficients = new Array<number>(unknowns.length).fill(0);
        if (column.has(f.parent)) coefficients[column.get(f.parent)!] += 1;
        for (const child of f.children) if (column.has(child)) coefficients[column.get(child)!] -= 1;
        return coefficients;
      })
      .filter((coefficients) => coefficients.some((c) => c !== 0));
    for (const index of determinedColumns(matrix, unknowns.length)) {
      const cell = unknowns[index];
      const candidates = component
        .filter((f) => f.parent === cell || f.children.includes(cell))
        .flatMap((f) => [f.parent, ...f.children])
        .filter(usable)
        .sort(
          (a, b) =>
            (quantity(a.row, field)! > 0 ? 0 : 1) - (quantity(b.row, field)! > 0 ? 0 : 1) ||
            quantity(a.row, field)! - quantity(b.row, field)!,
        );
      if (candidates.length > 0) {
        hide(candidates[0], field);
        hid = true;
      }
    }
  }
  return hid;
}

/** The largest connected set of hidden cells the linear audit solves exactly (dense elimination). */
const MAX_AUDITED_UNKNOWNS = 300;

/** Equations grouped by the hidden cells they share (union–find): each group is solved alone. */
function components<T extends CellRow>(
  equations: Family<T>[],
  isUnknown: (c: SuppressedRow<T>) => boolean,
): Family<T>[][] {
  const parent = new Map<SuppressedRow<T>, SuppressedRow<T>>();
  const find = (c: SuppressedRow<T>): SuppressedRow<T> => {
    let root = c;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(c, root);
    return root;
  };
  const withUnknowns = equations
    .map((f) => ({ f, unknown: [f.parent, ...f.children].filter(isUnknown) }))
    .filter((e) => e.unknown.length > 0);
  for (const { unknown } of withUnknowns) {
    for (const c of unknown) if (!parent.has(c)) parent.set(c, c);
    for (const c of unknown.slice(1)) parent.set(find(c), find(unknown[0]));
  }
  const byRoot = new Map<SuppressedRow<T>, Family<T>[]>();
  for (const { f, unknown } of withUnknowns) {
    const root = find(unknown[0]);
    byRoot.set(root, [...(byRoot.get(root) ?? []), f]);
  }
  return [...byRoot.values()];
}

/** Columns whose unit vector lies in the row space of the matrix (Gauss–Jordan with partial pivoting). */
function determinedColumns(matrix: number[][], columns: number): number[] {
  const rows = matrix.map((r) => [...r]);
  const pivots: { row: number; column: number }[] = [];
  let next = 0;
  for (let col = 0; col < columns && next < rows.length; col++) {
    let best = next;
    for (let r = next + 1; r < rows.length; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[best][col])) best = r;
    if (Math.abs(rows[best][col]) < 1e-9) continue;
    [rows[next], rows[best]] = [rows[best], rows[next]];
    const pivot = rows[next][col];
    for (let c = 0; c < columns; c++) rows[next][c] /= pivot;
    for (let r = 0; r < rows.length; r++) {
      if (r === next || Math.abs(rows[r][col]) < 1e-12) continue;
      const factor = rows[r][col];
      for (let c = 0; c < columns; c++) rows[r][c] -= factor * rows[next][c];
    }
    pivots.push({ row: next, column: col });
    next++;
  }
  const pivotColumns = new Set(pivots.map((p) => p.column));
  return pivots
    .filter(({ row }) => rows[row].every((value, c) => pivotColumns.has(c) || Math.abs(value) < 1e-9))
    .map((p) => p.column);
}

interface Family<T extends CellRow> {
  parent: SuppressedRow<T>;
  children: SuppressedRow<T>[];
}

/**
 * Hides a second member of a family that has exactly one member outsiders do not know; says
 * whether it did. A member they know from an earlier revision is no help as a complement.
 */
function protect<T extends CellRow>(family: Family<T>, field: Additive, history: SuppressionHistory): boolean {
  const members = [family.parent, ...family.children].filter((c) => quantity(c.row, field) !== null);
  if (members.length < 2 || quantity(family.parent.row, field) === null) return false;
  const unknown = (c: SuppressedRow<T>) => c.suppressed.has(field) && !history.known(c.row, field);
  if (members.filter(unknown).length !== 1) return false;
  const usable = (c: SuppressedRow<T>) => !c.suppressed.has(field) && !history.known(c.row, field);
  const visibleChildren = family.children
    .filter((c) => quantity(c.row, field) !== null && usable(c))
    .sort((a, b) => quantity(a.row, field)! - quantity(b.row, field)!);
  const next =
    visibleChildren.find((c) => quantity(c.row, field)! > 0) ??
    visibleChildren[0] ??
    (usable(family.parent) ? family.parent : undefined);
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

/** The cell of a row across revisions: its group and disaggregation. */
const cellKey = (row: CellRow) => [row.group, row.sex, row.ageBand, row.region].join('|');

/** The raw numbers a field's count is made of (a rate's count needs its value and n). */
function shown(row: CellRow, field: Additive): string {
  if (field === 'n') return String(row.n);
  if (field === 'events') return `${row.events}`;
  return row.measureType === 'rate' ? `${row.value}|${row.n}` : `${row.value}`;
}

/**
 * Suppresses the revisions of one evaluation oldest first, each in the light of what outsiders saw
 * of the ones before, and returns the newest: a cell hidden before stays hidden while its value is
 * unchanged, and a cell shown before is not counted on to protect another.
 */
export function suppressRevisions<T extends CellRow>(
  revisions: readonly (readonly T[])[],
  k = DEFAULT_SUPPRESSION_K,
): SuppressedRow<T>[] {
  const seen = new Map<string, Set<string>>();
  const hiddenBefore = new Map<string, Set<string>>();
  const has = (map: Map<string, Set<string>>, row: CellRow, field: Additive) =>
    map.get(`${cellKey(row)}|${field}`)?.has(shown(row, field)) ?? false;
  const history: SuppressionHistory = {
    pinned: (row, field) => has(hiddenBefore, row, field),
    known: (row, field) => has(seen, row, field),
  };
  let latest: SuppressedRow<T>[] = [];
  for (const rows of revisions) {
    latest = suppress(rows, k, history);
    for (const { row, suppressed } of latest) {
      for (const field of ADDITIVE) {
        if (quantity(row, field) === null) continue;
        const key = `${cellKey(row)}|${field}`;
        const into = suppressed.has(field) ? hiddenBefore : seen;
        into.set(key, (into.get(key) ?? new Set()).add(shown(row, field)));
      }
    }
  }
  return latest;
}
