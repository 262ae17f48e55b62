/**
 * What an outside researcher can compute from the outputs the API gives them (issue 16): pure
 * functions, no I/O, so the attacker test can show that they work (self-check) before it uses them.
 *
 * - effect-size inversion: which counts reproduce a published yi (and vi) — RR, OR, RD on the
 *   zero-cell-corrected 2×2 table exactly as server/src/analysis/effect-sizes.ts computes them,
 *   Hedges' g (SMD) and the standardized mean change (SMCR) for hidden group sizes;
 * - k = 1 and differencing: a pooled result resting on one study is that study; two fixed-effect-like
 *   results over selections that differ by one study give it by w = W_a − W_b,
 *   y = (μ_a·W_a − μ_b·W_b) / w;
 * - subtraction over the disaggregation hierarchy (sex, age band, nested ISO 3166 regions).
 */

/** qnorm(0.975): the server's 95 % critical value. */
export const Z95 = 1.959963984540054;

export type ProportionMeasure = 'RR' | 'OR' | 'RD';
export type Measure = ProportionMeasure | 'SMD' | 'SMCR';
export const PROPORTION_MEASURES: readonly ProportionMeasure[] = ['RR', 'OR', 'RD'];

export interface Effect {
  yi: number;
  vi: number;
}

/**
 * RR, OR or RD of events1/n1 against events2/n2 as the server computes it (metafor's escalc
 * defaults: 0.5 added to every cell of a table with a zero cell); null when not estimable.
 */
export function proportionEffect(
  measure: ProportionMeasure,
  events1: number,
  n1: number,
  events2: number,
  n2: number,
): Effect | null {
  if (n1 <= 0 || n2 <= 0 || events1 < 0 || events2 < 0 || events1 > n1 || events2 > n2) return null;
  let a = events1;
  let b = n1 - events1;
  let c = events2;
  let d = n2 - events2;
  if (a === 0 || b === 0 || c === 0 || d === 0) {
    a += 0.5;
    b += 0.5;
    c += 0.5;
    d += 0.5;
  }
  const m1 = a + b;
  const m2 = c + d;
  let yi: number;
  let vi: number;
  if (measure === 'RR') {
    yi = Math.log(a / m1) - Math.log(c / m2);
    vi = 1 / a - 1 / m1 + 1 / c - 1 / m2;
  } else if (measure === 'OR') {
    const p1 = a / m1;
    const p2 = c / m2;
    yi = Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2));
    vi = 1 / a + 1 / b + 1 / c + 1 / d;
  } else {
    const p1 = a / m1;
    const p2 = c / m2;
    yi = p1 - p2;
    vi = (p1 * (1 - p1)) / m1 + (p2 * (1 - p2)) / m2;
  }
  return Number.isFinite(yi) && Number.isFinite(vi) && vi > 0 ? { yi, vi } : null;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Hedges' exact small-sample correction J(m). */
export function hedgesJ(m: number): number {
  return Math.exp(logGamma(m / 2) - Math.log(Math.sqrt(m / 2)) - logGamma((m - 1) / 2));
}

/** Hedges' g of group 1 against group 2 with metafor's large-sample variance (escalc "SMD"). */
export function smdEffect(
  g1: { mean: number; sd: number; n: number },
  g2: { mean: number; sd: number; n: number },
): Effect | null {
  const m = g1.n + g2.n - 2;
  if (m <= 1) return null;
  const pooled = Math.sqrt(((g1.n - 1) * g1.sd ** 2 + (g2.n - 1) * g2.sd ** 2) / m);
  if (!(pooled > 0)) return null;
  const yi = (hedgesJ(m) * (g1.mean - g2.mean)) / pooled;
  const vi = 1 / g1.n + 1 / g2.n + (yi * yi) / (2 * (g1.n + g2.n));
  return { yi, vi };
}

/** Standardized mean change (escalc "SMCR"): n is min(post n, baseline n), r the pre-post correlation. */
export function smcrEffect(pre: { mean: number; sd: number }, post: { mean: number }, n: number, r: number) {
  if (!(pre.sd > 0) || n - 1 <= 1) return null;
  const yi = (hedgesJ(n - 1) * (post.mean - pre.mean)) / pre.sd;
  const vi = (2 * (1 - r)) / n + (yi * yi) / (2 * n);
  return { yi, vi };
}

/** |a − b| within `tol` relative to b (absolute below 1). */
export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

/** |a − b| within `tol` relative to b. */
function closeRelative(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.abs(b);
}

// ---------------------------------------------------------------- inversion of one study's effect

/**
 * What the attacker knows about a proportion study: both group sizes (the strongest attacker
 * knows the true n's) and each group's event count when it is visible (null: hidden, try 0 … n).
 */
export interface ProportionKnowledge {
  n1: number;
  n2: number;
  events1: number | null;
  events2: number | null;
}

export interface ProportionCandidate extends Effect {
  events1: number;
  events2: number;
}

/** Every (events1, events2) the attacker must consider, with its effect, sorted by yi. */
export function proportionCandidates(measure: ProportionMeasure, know: ProportionKnowledge): ProportionCandidate[] {
  const range = (known: number | null, n: number) =>
    known === null ? Array.from({ length: n + 1 }, (_, i) => i) : [known];
  const out: ProportionCandidate[] = [];
  for (const events1 of range(know.events1, know.n1)) {
    for (const events2 of range(know.events2, know.n2)) {
      const effect = proportionEffect(measure, events1, know.n1, events2, know.n2);
      if (effect) out.push({ ...effect, events1, events2 });
    }
  }
  return out.sort((a, b) => a.yi - b.yi);
}

/**
 * The candidates that reproduce a published yi (and vi, when given) within `tol`: binary search on
 * the yi-sorted list. A single match means the published numbers determine the hidden counts.
 */
export function matchCandidates<T extends Effect>(
  sorted: readonly T[],
  published: { yi: number; vi?: number | null },
  tol: number,
): T[] {
  const slack = tol * Math.max(1, Math.abs(published.yi));
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].yi < published.yi - slack) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i].yi <= published.yi + slack; i++) {
    const vi = published.vi;
    if (vi === undefined || vi === null || closeRelative(sorted[i].vi, vi, tol)) out.push(sorted[i]);
  }
  return out;
}

/** Convenience: the (events1, events2) pairs that reproduce the published effect. */
export function invertProportion(
  measure: ProportionMeasure,
  published: { yi: number; vi?: number | null },
  know: ProportionKnowledge,
  tol = 1e-9,
): ProportionCandidate[] {
  return matchCandidates(proportionCandidates(measure, know), published, tol);
}

/**
 * Group sizes that reproduce a published Hedges' g and its variance: vi = 1/n1 + 1/n2 + yi²/(2(n1+n2))
 * holds whatever the means and SDs were. Known sizes are fixed; hidden ones are tried from 2 to maxN.
 */
export function invertSmd(
  published: Effect,
  know: { n1: number | null; n2: number | null },
  maxN: number,
  tol = 1e-9,
): { n1: number; n2: number }[] {
  const variance = (n1: number, n2: number) => 1 / n1 + 1 / n2 + (published.yi * published.yi) / (2 * (n1 + n2));
  const out: { n1: number; n2: number }[] = [];
  const firsts = know.n1 === null ? Array.from({ length: maxN - 1 }, (_, i) => i + 2) : [know.n1];
  for (const n1 of firsts) {
    if (know.n2 !== null) {
      if (closeRelative(variance(n1, know.n2), published.vi, tol)) out.push({ n1, n2: know.n2 });
      continue;
    }
    // variance(n1, ·) decreases in n2: find the first n2 with variance ≤ vi(1 + tol), check it and the next.
    let lo = 2;
    let hi = maxN;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (variance(n1, mid) > published.vi * (1 + tol)) lo = mid + 1;
      else hi = mid;
    }
    for (const n2 of [lo, lo + 1]) {
      if (n2 <= maxN && closeRelative(variance(n1, n2), published.vi, tol)) out.push({ n1, n2 });
    }
  }
  return out;
}

/** Paired sizes n that reproduce a published standardized mean change: vi = 2(1−r)/n + yi²/(2n). */
export function invertSmcr(published: Effect, r: number, maxN: number, tol = 1e-9): number[] {
  const out: number[] = [];
  for (let n = 3; n <= maxN; n++) {
    if (closeRelative((2 * (1 - r)) / n + (published.yi * published.yi) / (2 * n), published.vi, tol)) out.push(n);
  }
  return out;
}

// ---------------------------------------------------------------- k = 1 and differencing

/** A released pooled result or evidence-map cell, reduced to what differencing needs. */
export interface Aggregate {
  /** Results are comparable only within one indicator × timepoint × measure. */
  key: string;
  estimate: number;
  se: number;
  k: number;
  /** True when se² = 1/Σw (z test): usable for differencing. */
  inverseVariance: boolean;
  source: string;
}

/** A study's (yi, vi) as an attacker derives it from aggregates, with the tolerance it deserves. */
export interface DerivedStudy extends Effect {
  key: string;
  tol: number;
  source: string;
}

/**
 * Single studies an attacker reads off the aggregates: every result with k = 1 is (estimate, se²);
 * every ordered pair (a, b) of inverse-variance results with the same key and W_a > W_b gives
 * w = W_a − W_b and y = (μ_a W_a − μ_b W_b)/w — exactly one study's (yi, 1/vi) when the selections
 * differ by that study (fixed effect, or random effects with τ² = 0).
 */
export function derivedStudies(aggregates: readonly Aggregate[], baseTol = 1e-9): DerivedStudy[] {
  const usable = aggregates.filter((a) => Number.isFinite(a.estimate) && Number.isFinite(a.se) && a.se > 0);
  const out: DerivedStudy[] = [];
  for (const a of usable) {
    if (a.k === 1) out.push({ key: a.key, yi: a.estimate, vi: a.se * a.se, tol: baseTol, source: `k=1 ${a.source}` });
  }
  const byKey = new Map<string, Aggregate[]>();
  for (const a of usable.filter((x) => x.inverseVariance)) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a]);
  for (const [key, group] of byKey) {
    // The same weights from two requests are one result (e.g. a strategy that holds everything).
    const distinct = group.filter(
      (a, i) => group.findIndex((b) => close(b.estimate, a.estimate, 1e-12) && close(b.se, a.se, 1e-12)) === i,
    );
    for (const a of distinct) {
      for (const b of distinct) {
        if (a === b) continue;
        const wa = 1 / (a.se * a.se);
        const wb = 1 / (b.se * b.se);
        const w = wa - wb;
        if (!(w > wa * 1e-9)) continue;
        const yi = (a.estimate * wa - b.estimate * wb) / w;
        // Cancellation in W_a − W_b costs digits in proportion to W_a / w.
        const tol = Math.min(1e-6, baseTol * Math.max(1, (10 * wa) / w));
        out.push({ key, yi, vi: 1 / w, tol, source: `${a.source} minus ${b.source}` });
      }
    }
  }
  return out;
}

/** Fixed-effect pooling of (yi, vi): the estimate and its se (used by the self-check). */
export function fixedEffect(studies: readonly Effect[]): { estimate: number; se: number } {
  const w = studies.reduce((sum, s) => sum + 1 / s.vi, 0);
  const estimate = studies.reduce((sum, s) => sum + s.yi / s.vi, 0) / w;
  return { estimate, se: Math.sqrt(1 / w) };
}

// ---------------------------------------------------------------- subtraction over the hierarchy

export const SEXES = ['total', 'female', 'male', 'other'] as const;
export const AGE_BANDS = ['total', 'under_12', '12_14', '15_17', '18_plus'] as const;
export type HierarchyField = 'n' | 'events' | 'value' | 'implied';

/**
 * One row of one (evaluation, indicator, arm, timepoint) group as the attacker sees it: a number,
 * null when hidden (S), undefined when the row has no such field (events of a mean).
 */
export interface KnownRow {
  sex: string;
  ageBand: string;
  region: string;
  n: number | null;
  events?: number | null;
  value?: number | null;
  /** Rates: the implied count value × n ÷ base (null: not known yet; undefined: not a rate). */
  implied?: number | null;
}

/** Families of one group: a parent row and its direct children in one dimension. */
export function families(rows: readonly Pick<KnownRow, 'sex' | 'ageBand' | 'region'>[]): {
  parent: number;
  children: number[];
}[] {
  const out: { parent: number; children: number[] }[] = [];
  const index = new Map(rows.map((r, i) => [`${r.sex}|${r.ageBand}|${r.region}`, i]));
  const find = (sex: string, ageBand: string, region: string) => index.get(`${sex}|${ageBand}|${region}`);
  const grouped = new Map<number, Map<string, number[]>>();
  const push = (parent: number | undefined, dimension: string, child: number) => {
    if (parent === undefined) return;
    const byDimension = grouped.get(parent) ?? new Map<string, number[]>();
    byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), child]);
    grouped.set(parent, byDimension);
  };
  rows.forEach((r, i) => {
    if (r.sex !== 'total') push(find('total', r.ageBand, r.region), 'sex', i);
    if (r.ageBand !== 'total') push(find(r.sex, 'total', r.region), 'ageBand', i);
    if (r.region !== 'total') {
      const country = r.region.includes('-') ? find(r.sex, r.ageBand, r.region.split('-')[0]) : undefined;
      push(country ?? find(r.sex, r.ageBand, 'total'), 'region', i);
    }
  });
  for (const [parent, byDimension] of grouped) {
    for (const children of byDimension.values()) out.push({ parent, children });
  }
  return out;
}

export interface Recovered {
  row: number;
  field: HierarchyField;
  value: number;
  /** How: the equations (families) that determine it. */
  how: string;
}

const describeCell = (r: Pick<KnownRow, 'sex' | 'ageBand' | 'region'>) => `${r.sex}/${r.ageBand}/${r.region}`;

/**
 * The hidden values of one field that the family equations (parent = Σ children) determine, with the
 * visible values substituted: a hidden value is determined exactly when its unit vector lies in the
 * row space of the system (reduced row echelon form: its pivot row has no free column). This finds
 * every chain of subtractions, and more: in a cross-classified table every family may hide 0 or ≥ 2
 * cells and a cell still be determined (a "bridge" between two cycles of hidden cells).
 */
function solveField(
  known: KnownRow[],
  fams: { parent: number; children: number[] }[],
  field: HierarchyField,
): { row: number; value: number; how: string }[] {
  const columns = new Map<number, number>();
  const equations: { coefficients: Map<number, number>; rhs: number; family: number }[] = [];
  fams.forEach((family, index) => {
    const members = [family.parent, ...family.children];
    if (members.some((m) => known[m][field] === undefined)) return; // the field is not in these rows
    const coefficients = new Map<number, number>();
    let rhs = 0;
    for (const m of members) {
      const sign = m === family.parent ? 1 : -1;
      const value = known[m][field];
      if (value === null) {
        if (!columns.has(m)) columns.set(m, columns.size);
        const column = columns.get(m)!;
        coefficients.set(column, (coefficients.get(column) ?? 0) + sign);
      } else rhs -= sign * (value as number);
    }
    if (coefficients.size > 0) equations.push({ coefficients, rhs, family: index });
  });
  if (equations.length === 0) return [];
  const width = columns.size;
  const matrix = equations.map((e) => {
    const row = new Array<number>(width + 1).fill(0);
    for (const [column, coefficient] of e.coefficients) row[column] = coefficient;
    row[width] = e.rhs;
    return row;
  });
  const used = equations.map((e) => new Set([e.family]));
  const eps = 1e-9;
  const pivots: { row: number; column: number }[] = [];
  let r = 0;
  for (let c = 0; c < width && r < matrix.length; c++) {
    let best = r;
    for (let i = r + 1; i < matrix.length; i++) if (Math.abs(matrix[i][c]) > Math.abs(matrix[best][c])) best = i;
    if (Math.abs(matrix[best][c]) < eps) continue;
    [matrix[r], matrix[best]] = [matrix[best], matrix[r]];
    [used[r], used[best]] = [used[best], used[r]];
    const pivot = matrix[r][c];
    for (let j = 0; j <= width; j++) matrix[r][j] /= pivot;
    for (let i = 0; i < matrix.length; i++) {
      if (i === r || Math.abs(matrix[i][c]) < eps) continue;
      const factor = matrix[i][c];
      for (let j = 0; j <= width; j++) matrix[i][j] -= factor * matrix[r][j];
      for (const f of used[r]) used[i].add(f);
    }
    pivots.push({ row: r, column: c });
    r++;
  }
  const rowOf = [...columns.keys()];
  const out: { row: number; value: number; how: string }[] = [];
  for (const { row, column } of pivots) {
    const free = matrix[row].some((v, j) => j !== column && j < width && Math.abs(v) > eps);
    if (free) continue;
    const families = [...used[row]].map((f) => fams[f]);
    const how = families
      .map((f) => `${describeCell(known[f.parent])} = Σ(${f.children.map((c) => describeCell(known[c])).join(', ')})`)
      .join('; ');
    out.push({ row: rowOf[column], value: matrix[row][width], how });
  }
  return out;
}

/**
 * Everything subtraction over the hierarchy recovers in one group, by solving each field's family
 * equations (see solveField); a rate's implied count follows from a recovered n and a visible value
 * (a rate's value itself does not add up; its implied count does), and is solved again, until
 * nothing new. Returns the recoveries and what the attacker knows at the end; `rows` is not changed.
 */
export function subtractionAttack(
  rows: readonly KnownRow[],
  rateBase: number | null = null,
): { recovered: Recovered[]; known: KnownRow[] } {
  const known = rows.map((r) => ({ ...r }));
  const fams = families(rows);
  const out: Recovered[] = [];
  const fields = rateBase ? (['n', 'implied'] as const) : (['n', 'events', 'value'] as const);
  let progress = true;
  while (progress) {
    progress = false;
    if (rateBase) {
      for (const r of known) {
        if (r.implied === null && typeof r.value === 'number' && r.n !== null) r.implied = (r.value * r.n) / rateBase;
        if (r.n === null && typeof r.implied === 'number' && typeof r.value === 'number' && r.value > 0) {
          r.n = Math.round((r.implied * rateBase) / r.value);
          out.push({ row: known.indexOf(r), field: 'n', value: r.n, how: 'implied count × base ÷ value' });
          progress = true;
        }
      }
    }
    for (const field of fields) {
      for (const { row, value, how } of solveField(known, fams, field)) {
        known[row][field] = value;
        out.push({ row, field, value, how });
        progress = true;
      }
    }
  }
  return { recovered: out, known };
}

// ---------------------------------------------------------------- CSV

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into objects keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...lines] = records.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  return lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i] ?? ''])));
}
