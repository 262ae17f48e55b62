/**
 * Issue 16, the attacker test: no small count of children (1 … k−1, k = SUPPRESSION_K = 11) reaches an
 * outsider, by any route or combination of routes (PRODUCT.md, hard rule 2; the API shapes are those
 * of the disclosure contract: `released`, `withheld`, `disclosure` on pooled results and map cells).
 *
 * 1. The worked example of the issue (3 of 20 in a treatment arm) as a plain API test.
 * 2. Random portfolios (fast-check) on fresh indicators (proportion, mean, count, rate with its base),
 *    built through the API and approved: rct / quasi-experimental / pre-post, follow-ups, sex, age
 *    band, sex × age band and nested regions (CO ⊃ CO-ANT, CO-DC; PE), small and large counts. Then,
 *    as outsiders (a researcher every run, another NGO's coordinator or an unrelated funder in turn),
 *    every GET route of /api/openapi.json with every parameter combination that the document's enums
 *    and the portfolio's ids give (a new route is attacked too), and every recovery of
 *    support/disclosure-attacks.ts against the ground truth: direct (data set and any JSON naming an
 *    evaluation), effect-size inversion (RR/OR/RD brute-forced with the true n's, SMD/SMCR sizes), k = 1,
 *    pairwise differencing of all released results (FE, DL, REML, evidence-map cells), and the family
 *    equations of the disaggregation hierarchy solved exactly over every download merged. Owners (the
 *    NGO's coordinator, the admin) still get every exact number.
 *
 * A count is hidden when the contract calls it small (n, events, n − events, a count's value, a rate's
 * implied count) or when every download shows S for it; recovering a hidden count exactly is a leak.
 * Reproduce a failing run: ATTACK_SEED=<seed> [ATTACK_RUNS=<n>, default 4] (the seed is printed);
 * ATTACK_VERBOSE=1 prints what each run read.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { api, baseUrl, ErrorBody, listQuery, unique } from '../support/api';
import { createGrant, createOrganization, createProgram, evaluationInput, type Evaluation } from '../support/factories';
import { createToken, createUser } from '../support/sessions';
import {
  close,
  derivedStudies,
  families,
  fixedEffect,
  invertProportion,
  invertSmcr,
  invertSmd,
  matchCandidates,
  parseCsv,
  proportionCandidates,
  proportionEffect,
  PROPORTION_MEASURES,
  smcrEffect,
  smdEffect,
  subtractionAttack,
  Z95,
  type Aggregate,
  type DerivedStudy,
  type KnownRow,
  type Measure,
  type ProportionCandidate,
  type ProportionMeasure,
} from '../support/disclosure-attacks';

const K = 11;
const small = (c: number | null | undefined) => c !== null && c !== undefined && c >= 1 && c <= K - 1;
const smallImplied = (c: number | null | undefined) => c !== null && c !== undefined && c > 1e-9 && c < K - 1e-9;
const SEED = process.env.ATTACK_SEED ? Number(process.env.ATTACK_SEED) : undefined;
const RUNS = process.env.ATTACK_RUNS ? Number(process.env.ATTACK_RUNS) : 4;

type Kind = 'proportion' | 'mean' | 'count' | 'rate';
type Design = 'rct' | 'quasi_experimental' | 'pre_post';
type Arm = 'treatment' | 'comparison' | 'single';
type Timepoint = 'baseline' | 'post' | 'follow_up';

interface TruthRow {
  evaluationId: number;
  indicatorId: number;
  kind: Kind;
  arm: Arm;
  timepoint: Timepoint;
  sex: string;
  ageBand: string;
  region: string;
  n: number;
  events?: number;
  mean?: number;
  sd?: number;
  value?: number;
  /** Rates: value × n ÷ base. */
  implied?: number;
}

interface TruthEvaluation {
  id: number;
  organizationId: number;
  programId: number;
  strategy: string;
  design: Design;
  rows: TruthRow[];
}

interface RunIndicator {
  id: number;
  code: string;
  kind: Kind;
}

interface World {
  indicators: RunIndicator[];
  rateBase: number;
  evaluations: TruthEvaluation[];
  strategies: string[];
  organizationIds: number[];
  programIds: number[];
  measurementIds: number[];
  /** A grant of NGO 0 with targets for the count indicator: what its IATI file (published) must not reveal. */
  grant: { id: number; organizationId: number; funderToken: string; targets: TruthTarget[] };
}

/** A target row of the grant: a count indicator's baseline and actual values per reporting period. */
interface TruthTarget {
  period: string;
  sex: string;
  ageBand: string;
  region: string;
  baselineValue: number | null;
  actualValue: number;
}

// ---------------------------------------------------------------- HTTP helpers

interface Output {
  url: string;
  status: number;
  kind: 'json' | 'csv' | 'opaque';
  json?: unknown;
  csv?: Record<string, string>[];
}

async function fetchOutput(url: string, token: string): Promise<Output> {
  const response = await fetch(`${baseUrl()}${url}`, { headers: { authorization: `Bearer ${token}` } });
  const type = response.headers.get('content-type') ?? '';
  const buffer = Buffer.from(await response.arrayBuffer());
  if (type.includes('ndjson')) {
    const lines = buffer.toString('utf8').split('\n').filter(Boolean);
    return { url, status: response.status, kind: 'json', json: lines.map((l) => JSON.parse(l) as unknown) };
  }
  if (type.includes('json')) {
    const text = buffer.toString('utf8');
    return { url, status: response.status, kind: 'json', json: text ? JSON.parse(text) : null };
  }
  if (type.includes('csv'))
    return { url, status: response.status, kind: 'csv', csv: parseCsv(buffer.toString('utf8')) };
  if (type.includes('zip') && response.status === 200) {
    const zip = await JSZip.loadAsync(buffer);
    const descriptor = zip.file('datapackage.json');
    if (descriptor) {
      const pkg = JSON.parse(await descriptor.async('string')) as { resources: { path: string }[] };
      const rows: Record<string, string>[] = [];
      for (const resource of pkg.resources) {
        const file = zip.file(resource.path);
        if (file && resource.path.endsWith('.csv')) rows.push(...parseCsv(await file.async('string')));
      }
      return { url, status: response.status, kind: 'csv', csv: rows };
    }
  }
  if (type.includes('spreadsheetml') && response.status === 200) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const rows: Record<string, string>[] = [];
    for (const sheet of workbook.worksheets) {
      const text = (cell: ExcelJS.Cell) => (typeof cell.value === 'number' ? String(cell.value) : cell.text);
      const columns = Array.from({ length: sheet.columnCount }, (_, i) => i + 1);
      const header = columns.map((c) => text(sheet.getRow(1).getCell(c)));
      sheet.eachRow((row, index) => {
        if (index === 1) return;
        const entries = columns.map((c, i): [string, string] => [header[i], text(row.getCell(c))]);
        rows.push(Object.fromEntries(entries));
      });
    }
    return { url, status: response.status, kind: 'csv', csv: rows };
  }
  // PDF is not parsed (summaries are the owner's).
  return { url, status: response.status, kind: 'opaque' };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit = 6): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

function cartesian(lists: [string, (string | number | undefined)[]][]): Record<string, string | number>[] {
  let combos: Record<string, string | number>[] = [{}];
  for (const [name, values] of lists) {
    combos = combos.flatMap((c) => values.map((v) => (v === undefined ? c : { ...c, [name]: v })));
  }
  return combos;
}

const query = (params: Record<string, string | number>) => {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const text = search.toString();
  return text ? `?${text}` : '';
};

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { enum?: (string | number)[]; type?: string };
}
type OpenApi = { paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> };

/** What the crawl plugs into parameters: the run's indicators and strategies, ids by resource. */
interface CrawlValues {
  indicatorIds: number[];
  strategies: string[];
  /** Path segment before `{id}` → ids of the portfolio (evaluations, programs, indicators, …). */
  ids: Record<string, (number | string)[]>;
}

/** Parameters never varied: the list protocol's (JSON filters are not an enumerable selection). */
const LIST_PROTOCOL = new Set(['sort', 'range', 'filter']);

function parameterValues(p: OpenApiParameter, values: CrawlValues): (string | number | undefined)[] {
  if (LIST_PROTOCOL.has(p.name)) return [undefined];
  if (p.name === 'indicatorId') return values.indicatorIds;
  if (p.name === 'strategy') {
    const allowed = p.schema?.enum ? values.strategies.filter((s) => p.schema!.enum!.includes(s)) : values.strategies;
    return [undefined, ...allowed];
  }
  if (p.schema?.enum) return p.required ? p.schema.enum : p.schema.enum;
  return [undefined];
}

/**
 * Every 200 an outsider gets: each GET route of the OpenAPI document, required parameters probed
 * first (a 4xx there drops the combination: not callable, or e.g. a count indicator for pooling),
 * then every combination of the optional ones. Routes with path parameters get the portfolio's ids.
 */
async function crawl(token: string, values: CrawlValues): Promise<{ outputs: Output[]; routes: string[] }> {
  const doc = (await api<OpenApi>('GET', '/api/openapi.json', undefined, { token: null })).body;
  const outputs: Output[] = [];
  const routes = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const operation = item.get;
    if (!operation || !path.startsWith('/api/') || path === '/api/openapi.json') continue;
    const parameters = operation.parameters ?? [];
    const pathParams = parameters.filter((p) => p.in === 'path');
    let prefixes: string[] = [path];
    for (const p of pathParams) {
      const segments = path.split('/');
      const resource = segments[segments.indexOf(`{${p.name}}`) - 1];
      const ids = values.ids[resource] ?? [];
      prefixes = prefixes.flatMap((prefix) => ids.map((id) => prefix.replace(`{${p.name}}`, String(id))));
    }
    const queryParams = parameters.filter((p) => p.in === 'query');
    const required = cartesian(
      queryParams.filter((p) => p.required).map((p) => [p.name, parameterValues(p, values)] as [string, never[]]),
    );
    const optionalValues = queryParams
      .filter((p) => !p.required)
      .map((p) => [p.name, parameterValues(p, values)] as [string, (string | number | undefined)[]]);
    const probes = prefixes.flatMap((prefix) => required.map((params) => ({ prefix, params })));
    const probed = await pool(
      probes.map(
        ({ prefix, params }) =>
          () =>
            fetchOutput(prefix + query(params), token),
      ),
    );
    const open = probes.filter((_, i) => probed[i].status === 200);
    outputs.push(...probed.filter((o) => o.status === 200));
    if (open.length > 0) routes.add(path);
    for (const { prefix, params } of open) {
      // Each optional value alone first: a value refused there (e.g. SMD for a proportion: 400) is
      // refused in every combination, so it is left out of the product.
      const singles = optionalValues.flatMap(([name, list]) =>
        list.filter((v) => v !== undefined).map((v) => ({ name, value: v })),
      );
      const single = await pool(
        singles.map((s) => () => fetchOutput(prefix + query({ ...params, [s.name]: s.value }), token)),
      );
      outputs.push(...single.filter((o) => o.status === 200));
      const refused = new Set(singles.filter((_, i) => single[i].status === 400).map((s) => `${s.name}=${s.value}`));
      const done = new Set(single.map((o) => o.url));
      const more = cartesian(
        optionalValues.map(([name, list]) => [name, list.filter((v) => !refused.has(`${name}=${v}`))]),
      )
        .map((o) => prefix + query({ ...params, ...o }))
        .filter((url) => !done.has(url) && url !== prefix + query(params));
      const fetched = await pool(more.map((url) => () => fetchOutput(url, token)));
      outputs.push(...fetched.filter((o) => o.status === 200));
    }
  }
  return { outputs, routes: [...routes].sort() };
}

// ---------------------------------------------------------------- reading outputs

interface StudyEffect {
  evaluationId: number;
  indicatorId: number;
  timepoint: string;
  measure: Measure;
  yi: number;
  vi: number | null;
  source: string;
}

interface CellMention {
  evaluationId: number;
  indicatorId?: number;
  key: string;
  value: number;
  source: string;
}

const CONTEXT_KEYS = ['evaluationId', 'indicatorId', 'timepoint', 'measure', 'method', 'test'] as const;
const COUNT_KEYS = ['n', 'events', 'value', 'nTreatment', 'nComparison', 'n1', 'n2', 'count'];
const MEASURES = new Set<string>(['RR', 'OR', 'RD', 'SMD', 'SMCR']);

/**
 * Walks a JSON output with the context its ancestors give (evaluationId, indicatorId, timepoint,
 * measure, method, test) and collects: study effects (yi with vi or a CI), aggregates (estimate, k
 * and se or a CI) and count-like fields of objects that name an evaluation.
 */
function readJson(
  output: Output,
  sink: { effects: StudyEffect[]; aggregates: Aggregate[]; mentions: CellMention[] },
): void {
  const evaluationInPath = /^\/api\/evaluations\/(\d+)\//.exec(output.url);
  const visit = (node: unknown, context: Record<string, unknown>) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, context);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    const ctx = { ...context };
    for (const key of CONTEXT_KEYS) {
      if (typeof object[key] === 'number' || typeof object[key] === 'string') ctx[key] = object[key];
    }
    if (typeof object.evaluation_id === 'number') ctx.evaluationId = object.evaluation_id;
    const num = (key: string): number | null => {
      const value = object[key];
      return typeof value === 'number' ? value : null;
    };
    const ciVariance = () => {
      const low = num('ciLow');
      const high = num('ciHigh');
      return low !== null && high !== null ? ((high - low) / (2 * Z95)) ** 2 : null;
    };
    const measure = typeof ctx.measure === 'string' && MEASURES.has(ctx.measure) ? (ctx.measure as Measure) : null;
    const indicatorId = typeof ctx.indicatorId === 'number' ? ctx.indicatorId : null;
    const timepoint = typeof ctx.timepoint === 'string' ? ctx.timepoint : 'post';
    if (num('yi') !== null && typeof ctx.evaluationId === 'number' && measure && indicatorId !== null) {
      sink.effects.push({
        evaluationId: ctx.evaluationId,
        indicatorId,
        timepoint,
        measure,
        yi: num('yi')!,
        vi: num('vi') ?? (num('se') !== null ? num('se')! ** 2 : ciVariance()),
        source: output.url,
      });
    }
    if (num('estimate') !== null && num('k') !== null && measure && indicatorId !== null) {
      const se = num('se') ?? (ciVariance() === null ? null : Math.sqrt(ciVariance()!));
      if (se !== null) {
        const test = typeof object.test === 'string' ? object.test : 'z';
        const method = typeof ctx.method === 'string' ? ctx.method : 'REML';
        sink.aggregates.push({
          key: `${indicatorId}|${timepoint}|${measure}`,
          estimate: num('estimate')!,
          se,
          k: num('k')!,
          inverseVariance: test === 'z',
          source: `${output.url} [${method}${typeof object.strategy === 'string' ? ` ${object.strategy}` : ''}]`,
        });
      }
    }
    if (typeof ctx.evaluationId === 'number') {
      for (const key of COUNT_KEYS) {
        const value = num(key);
        if (value !== null) {
          sink.mentions.push({
            evaluationId: ctx.evaluationId,
            indicatorId: indicatorId ?? undefined,
            key,
            value,
            source: output.url,
          });
        }
      }
    }
    for (const [key, child] of Object.entries(object)) {
      if (child && typeof child === 'object') {
        visit(child, key === 'backTransformed' ? { ...ctx, measure: undefined } : ctx);
      }
    }
  };
  visit(output.json, evaluationInPath ? { evaluationId: Number(evaluationInPath[1]) } : {});
}

const rowKey = (r: {
  evaluationId: number;
  indicatorId: number;
  arm: string;
  timepoint: string;
  sex: string;
  ageBand: string;
  region: string;
}) => [r.evaluationId, r.indicatorId, r.arm, r.timepoint, r.sex, r.ageBand, r.region].join('|');

type DatasetField = 'n' | 'events' | 'mean' | 'sd' | 'value';

/** A data-set row as the attacker holds it after merging every download: a number, or null when always S. */
interface MergedRow {
  key: string;
  fields: Partial<Record<DatasetField, number | null>>;
}

// ---------------------------------------------------------------- the portfolio

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RowSpec {
  sex: string;
  ageBand: string;
  region: string;
  n: number;
  /** events (proportion), count value (count), implied count (rate). */
  count?: number;
  mean?: number;
  sd?: number;
}

/** A random cut of `total` into `parts` non-negative integers, at least `min` each; sometimes one is small. */
function cut(rand: () => number, total: number, parts: number, min: number): number[] {
  const out = new Array<number>(parts).fill(min);
  let rest = total - min * parts;
  if (rand() < 0.5 && parts > 1) {
    const extra = Math.min(rest, Math.floor(rand() * 6));
    out[0] += extra;
    rest -= extra;
    for (let i = 0; i < rest; i++) out[1 + Math.floor(rand() * (parts - 1))] += 1;
  } else {
    for (let i = 0; i < rest; i++) out[Math.floor(rand() * parts)] += 1;
  }
  return out;
}

/** Events for each part of a group (Σ = events, each ≤ its n). */
function cutEvents(rand: () => number, events: number, ns: number[]): number[] {
  let remaining = events;
  let capacity = ns.reduce((a, b) => a + b, 0);
  return ns.map((n) => {
    capacity -= n;
    const lo = Math.max(0, remaining - capacity);
    const hi = Math.min(n, remaining);
    const e = lo + Math.floor(rand() * (hi - lo + 1));
    remaining -= e;
    return e;
  });
}

const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/**
 * The rows of one (arm, timepoint) group: a total and its disaggregations (sums exact). In a `smallish`
 * evaluation totals are often small; in the others only disaggregated cells are (so that enough
 * studies are pooled for outsiders and differencing has released results to work on).
 */
function groupRows(rand: () => number, kind: Kind, smallish: boolean): RowSpec[] {
  const n = smallish && rand() < 0.4 ? int(rand, 1, 10) : int(rand, 11, 150);
  const totalCount =
    kind === 'proportion'
      ? (() => {
          const r = rand();
          if (smallish && r < 0.35) return int(rand, 1, Math.min(10, n));
          if (smallish && r < 0.5) return Math.max(0, n - int(rand, 1, 10));
          if (r < 0.55) return 0;
          return n >= 2 * K ? int(rand, K, n - K) : int(rand, 0, n);
        })()
      : kind === 'count' || kind === 'rate'
        ? smallish && rand() < 0.5
          ? int(rand, 1, 10)
          : rand() < 0.1
            ? 0
            : int(rand, 11, 300)
        : undefined;
  const stats = () => (kind === 'mean' ? { mean: 20 + rand() * 30, sd: 2 + rand() * 8 } : {});
  const rows: RowSpec[] = [{ sex: 'total', ageBand: 'total', region: 'total', n, count: totalCount, ...stats() }];
  const addFamily = (members: { sex?: string; ageBand?: string; region?: string }[], ns: number[]) => {
    const counts =
      totalCount === undefined
        ? ns.map(() => undefined)
        : kind === 'proportion'
          ? cutEvents(rand, totalCount, ns)
          : cut(rand, totalCount, ns.length, 0);
    return members.map((m, i) => ({
      sex: 'total',
      ageBand: 'total',
      region: 'total',
      ...m,
      n: ns[i],
      count: counts[i],
      ...stats(),
    }));
  };
  const sexes = rand() < 0.5 ? ['female', 'male'] : ['female', 'male', 'other'];
  const bands = ['under_12', '12_14', '15_17', '18_plus'].filter(() => rand() < 0.75);
  if (rand() < 0.3 && bands.length >= 2 && n >= sexes.length * bands.length) {
    // Sex × age band, cross-classified, with both margins: families in two dimensions at once.
    const inner = addFamily(
      sexes.flatMap((sex) => bands.map((ageBand) => ({ sex, ageBand }))),
      cut(rand, n, sexes.length * bands.length, 1),
    );
    rows.push(...inner);
    const margin = (members: RowSpec[], at: { sex?: string; ageBand?: string }): RowSpec => ({
      sex: 'total',
      ageBand: 'total',
      region: 'total',
      ...at,
      n: members.reduce((sum, m) => sum + m.n, 0),
      count: totalCount === undefined ? undefined : members.reduce((sum, m) => sum + (m.count ?? 0), 0),
      ...stats(),
    });
    for (const sex of sexes)
      rows.push(
        margin(
          inner.filter((m) => m.sex === sex),
          { sex },
        ),
      );
    for (const ageBand of bands)
      rows.push(
        margin(
          inner.filter((m) => m.ageBand === ageBand),
          { ageBand },
        ),
      );
  } else {
    if (rand() < 0.45 && n >= sexes.length)
      rows.push(
        ...addFamily(
          sexes.map((sex) => ({ sex })),
          cut(rand, n, sexes.length, 1),
        ),
      );
    if (rand() < 0.35 && bands.length >= 2 && n >= bands.length)
      rows.push(
        ...addFamily(
          bands.map((ageBand) => ({ ageBand })),
          cut(rand, n, bands.length, 1),
        ),
      );
  }
  if (rand() < 0.5 && n >= 3) {
    // CO-ANT and CO-DC inside CO; PE beside it. The CO row is sometimes not reported.
    const [ant, dc, pe] = cut(rand, n, 3, 1);
    const leaves = addFamily([{ region: 'CO-ANT' }, { region: 'CO-DC' }, { region: 'PE' }], [ant, dc, pe]);
    rows.push(...leaves);
    if (rand() < 0.75) {
      const co: RowSpec = { sex: 'total', ageBand: 'total', region: 'CO', n: ant + dc, ...stats() };
      if (totalCount !== undefined) co.count = (leaves[0].count ?? 0) + (leaves[1].count ?? 0);
      rows.push(co);
    }
  }
  return rows;
}

const GROUPS: Record<Design, { arm: Arm; timepoint: Timepoint }[]> = {
  rct: [
    { arm: 'treatment', timepoint: 'post' },
    { arm: 'comparison', timepoint: 'post' },
  ],
  quasi_experimental: [
    { arm: 'treatment', timepoint: 'post' },
    { arm: 'comparison', timepoint: 'post' },
  ],
  pre_post: [
    { arm: 'single', timepoint: 'baseline' },
    { arm: 'single', timepoint: 'post' },
  ],
};

interface EvaluationSpec {
  ngo: number;
  /** Small totals are likely (otherwise only disaggregated cells are small). */
  smallish: boolean;
  strategy: number;
  design: Design;
  followUp: boolean;
  kinds: Kind[];
  seed: number;
}

interface PortfolioSpec {
  strategies: string[];
  ngos: number;
  evaluations: EvaluationSpec[];
}

const STRATEGIES = [
  'educate_potential_victims',
  'educate_public',
  'parental_supervision',
  'empower_women_children',
  'technology',
  'training',
  'victim_services',
];

const portfolioArbitrary: fc.Arbitrary<PortfolioSpec> = fc
  .record({
    strategies: fc.shuffledSubarray(STRATEGIES, { minLength: 2, maxLength: 4 }),
    ngos: fc.integer({ min: 2, max: 3 }),
    evaluations: fc.array(
      fc.record({
        ngo: fc.nat(2),
        strategy: fc.nat(3),
        design: fc.constantFrom<Design>('rct', 'rct', 'quasi_experimental', 'pre_post'),
        followUp: fc.boolean(),
        smallish: fc.boolean(),
        // The proportion indicator in most evaluations: the one with three measures to pool and difference.
        kinds: fc
          .tuple(fc.boolean(), fc.subarray<Kind>(['proportion', 'mean', 'count', 'rate'], { minLength: 1 }))
          .map(([proportion, kinds]): Kind[] =>
            proportion && !kinds.includes('proportion') ? ['proportion', ...kinds] : kinds,
          ),
        seed: fc.integer(),
      }),
      { minLength: 6, maxLength: 9 },
    ),
  })
  .map((spec) => ({
    ...spec,
    evaluations: spec.evaluations.map((e) => ({
      ...e,
      ngo: e.ngo % spec.ngos,
      strategy: e.strategy % spec.strategies.length,
    })),
  }));

let runCounter = 0;

/** A fresh indicator; a rate declares its base (falls back to none while the server does not know the field). */
async function createRunIndicator(kind: Kind, rateBase: number): Promise<RunIndicator> {
  const code = `ATK${process.pid}-${Date.now().toString(36).toUpperCase()}-${++runCounter}`;
  const body: Record<string, unknown> = {
    code,
    name: `Attack ${kind} ${code}`,
    level: 'outcome',
    measureType: kind,
    direction: 'increase',
    minValue: kind === 'proportion' ? 0 : null,
    maxValue: kind === 'proportion' ? 1 : null,
    unit: kind === 'rate' ? `per ${rateBase} children` : kind === 'count' ? 'children' : undefined,
  };
  if (kind === 'rate') body.rateBase = rateBase;
  let response = await api<{ id: number; code: string } & ErrorBody>('POST', '/api/indicators', body);
  if (response.status === 400 && kind === 'rate' && JSON.stringify(response.body).includes('rateBase')) {
    delete body.rateBase;
    response = await api('POST', '/api/indicators', body);
  }
  if (response.status !== 201) throw new Error(`indicator: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, code: response.body.code, kind };
}

async function approve(evaluation: { id: number; version: number }): Promise<void> {
  const submitted = await api<Evaluation>('POST', `/api/evaluations/${evaluation.id}/submit`, {
    version: evaluation.version,
  });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const approved = await api<Evaluation>('POST', `/api/evaluations/${evaluation.id}/approve`, {
    version: submitted.body.version,
  });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
}

async function buildWorld(spec: PortfolioSpec): Promise<World> {
  const rateBase = [100, 1000, 100000][runCounter % 3];
  const indicators: RunIndicator[] = [];
  for (const kind of ['proportion', 'mean', 'count', 'rate'] as const)
    indicators.push(await createRunIndicator(kind, rateBase));
  const byKind = (kind: Kind) => indicators.find((i) => i.kind === kind)!;
  const ngos = [];
  for (let i = 0; i < spec.ngos; i++) ngos.push(await createOrganization({ name: unique('Attack NGO') }));
  const programs = new Map<string, { id: number; strategy: string }>();
  const world: World = {
    indicators,
    rateBase,
    evaluations: [],
    strategies: spec.strategies,
    organizationIds: ngos.map((o) => o.id),
    programIds: [],
    measurementIds: [],
    grant: { id: 0, organizationId: ngos[0].id, funderToken: '', targets: [] },
  };
  for (const e of spec.evaluations) {
    const strategy = spec.strategies[e.strategy];
    const programKey = `${e.ngo}|${strategy}`;
    if (!programs.has(programKey)) {
      const program = await createProgram(ngos[e.ngo].id, {
        strategy,
        countries: ['CO', 'PE'],
        name: unique('Attack program'),
      });
      programs.set(programKey, { id: program.id, strategy });
      world.programIds.push(program.id);
    }
    const program = programs.get(programKey)!;
    const kinds = indicators.map((i) => i.kind).filter((k) => e.kinds.includes(k));
    const created = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(program.id, {
        design: e.design,
        primaryIndicatorIds: kinds.map((k) => byKind(k).id),
        plannedSizes: {},
        achievedSizes: {},
      }),
    );
    if (created.status !== 201) throw new Error(`evaluation: ${created.status} ${JSON.stringify(created.body)}`);
    const truth: TruthEvaluation = {
      id: created.body.id,
      organizationId: ngos[e.ngo].id,
      programId: program.id,
      strategy,
      design: e.design,
      rows: [],
    };
    const rand = mulberry32(e.seed);
    const groups = [...GROUPS[e.design]];
    if (e.followUp) {
      groups.push(
        ...(e.design === 'pre_post'
          ? [{ arm: 'single' as const, timepoint: 'follow_up' as const }]
          : [
              { arm: 'treatment' as const, timepoint: 'follow_up' as const },
              { arm: 'comparison' as const, timepoint: 'follow_up' as const },
            ]),
      );
    }
    for (const kind of kinds) {
      for (const group of groups) {
        for (const row of groupRows(rand, kind, e.smallish)) {
          const t: TruthRow = {
            evaluationId: truth.id,
            indicatorId: byKind(kind).id,
            kind,
            ...group,
            sex: row.sex,
            ageBand: row.ageBand,
            region: row.region,
            n: row.n,
          };
          if (kind === 'proportion') t.events = row.count;
          if (kind === 'mean') Object.assign(t, { mean: row.mean, sd: row.sd });
          if (kind === 'count') t.value = row.count;
          if (kind === 'rate') {
            t.value = ((row.count ?? 0) * rateBase) / row.n;
            t.implied = row.count;
          }
          truth.rows.push(t);
        }
      }
    }
    const posted = await pool(
      truth.rows.map(
        (t) => () =>
          api<{ id: number }>('POST', '/api/outcome-measurements', {
            evaluationId: truth.id,
            indicatorId: t.indicatorId,
            arm: t.arm,
            timepoint: t.timepoint,
            sex: t.sex,
            ageBand: t.ageBand,
            region: t.region,
            n: t.n,
            events: t.events,
            mean: t.mean,
            sd: t.sd,
            value: t.value,
          }),
      ),
      4,
    );
    for (const p of posted) {
      if (p.status !== 201) throw new Error(`measurement: ${p.status} ${JSON.stringify(p.body)}`);
      world.measurementIds.push(p.body.id);
    }
    await approve(created.body);
    world.evaluations.push(truth);
  }
  await addGrant(world, byKind('count').id, spec.strategies[0], spec.evaluations[0].seed);
  return world;
}

/** Count values of one target family: a total and its sex and nested-region parts (sums exact). */
function targetValues(rand: () => number): { sex: string; region: string; value: number }[] {
  const total = rand() < 0.4 ? int(rand, 1, 10) : int(rand, 11, 300);
  const out = [{ sex: 'total', region: 'total', value: total }];
  if (rand() < 0.6) {
    const [female, male] = cut(rand, total, 2, 0);
    out.push({ sex: 'female', region: 'total', value: female }, { sex: 'male', region: 'total', value: male });
  }
  if (rand() < 0.7) {
    const [ant, dc, pe] = cut(rand, total, 3, 0);
    out.push(
      { sex: 'total', region: 'CO-ANT', value: ant },
      { sex: 'total', region: 'CO-DC', value: dc },
      { sex: 'total', region: 'PE', value: pe },
    );
    if (rand() < 0.75) out.push({ sex: 'total', region: 'CO', value: ant + dc });
  }
  return out;
}

/** A funder's grant to NGO 0 with count targets for two reporting periods (baselines and actuals). */
async function addGrant(world: World, indicatorId: number, strategy: string, seed: number): Promise<void> {
  const funder = await createOrganization({ name: unique('Attack funder'), kind: 'funder' });
  const program = await createProgram(world.grant.organizationId, { strategy, countries: ['CO', 'PE'] });
  world.programIds.push(program.id);
  const grant = await createGrant(funder.id, world.grant.organizationId, [program.id]);
  const periods = (
    await api<{ id: number; startDate: string; endDate: string }[]>(
      'GET',
      `/api/reporting-periods${listQuery({ filter: { grantId: grant.id }, sort: ['startDate', 'ASC'] })}`,
    )
  ).body;
  const rand = mulberry32(seed ^ 0x5eed);
  for (const period of periods.slice(0, 2)) {
    const actuals = targetValues(rand);
    const baselines = rand() < 0.7 ? targetValues(rand) : [];
    for (const a of actuals) {
      const baseline = baselines.find((b) => b.sex === a.sex && b.region === a.region)?.value ?? null;
      const target: TruthTarget = {
        period: period.startDate,
        sex: a.sex,
        ageBand: 'total',
        region: a.region,
        baselineValue: baseline,
        actualValue: a.value,
      };
      const created = await api('POST', '/api/targets', {
        reportingPeriodId: period.id,
        indicatorId,
        sex: target.sex,
        ageBand: target.ageBand,
        region: target.region,
        baselineValue: target.baselineValue,
        targetValue: 100,
        actualValue: target.actualValue,
      });
      if (created.status !== 201) throw new Error(`target: ${created.status} ${JSON.stringify(created.body)}`);
      world.grant.targets.push(target);
    }
  }
  world.grant.id = grant.id;
  world.grant.funderToken = await createToken(await createUser('funder', funder.id), 'read');
}

/**
 * The grant's IATI files are published to everyone: read them (as the funder, who publishes them)
 * and try the direct and hierarchy attacks on the count indicator's baseline and actual values.
 */
async function iatiAttack(world: World, code: string): Promise<{ leaks: string[]; read: number }> {
  const leaks = new LeakLog();
  let read = 0;
  const urls = [`/api/grants/${world.grant.id}/iati.xml`, `/api/organizations/${world.grant.organizationId}/iati.xml`];
  for (const url of urls) {
    const response = await fetch(`${baseUrl()}${url}`, {
      headers: { authorization: `Bearer ${world.grant.funderToken}` },
    });
    if (response.status !== 200) {
      leaks.add('iati', `the funder cannot read its IATI file: ${response.status}`, url);
      continue;
    }
    const xml = await response.text();
    const indicator = [...xml.matchAll(/<indicator\b[\s\S]*?<\/indicator>/g)].find((m) => m[0].includes(code));
    if (!indicator) continue;
    const published: { period: string; sex: string; ageBand: string; region: string; field: string; value: number }[] =
      [];
    for (const period of indicator[0].matchAll(/<period>([\s\S]*?)<\/period>/g)) {
      const start = /<period-start iso-date="([^"]+)"/.exec(period[1])?.[1] ?? '';
      for (const actual of period[1].matchAll(/<actual value="([^"]+)"\s*(?:\/>|>([\s\S]*?)<\/actual>)/g)) {
        const dims = Object.fromEntries(
          [...(actual[2] ?? '').matchAll(/<dimension name="([^"]+)" value="([^"]+)"/g)].map((d) => [d[1], d[2]]),
        );
        published.push({
          period: start,
          sex: dims.sex ?? 'total',
          ageBand: dims['age band'] ?? 'total',
          region: dims.region ?? 'total',
          field: 'actual',
          value: Number(actual[1]),
        });
      }
    }
    const baseline = /<baseline\b[^>]*iso-date="([^"]+)"[^>]*value="([^"]+)"/.exec(indicator[0]);
    read += published.length + (baseline ? 1 : 0);
    for (const p of published) {
      if (small(p.value)) leaks.add('iati direct', `actual ${p.value} for ${p.period} ${p.sex}/${p.region}`, url);
    }
    if (baseline && small(Number(baseline[2])))
      leaks.add('iati direct', `baseline ${baseline[2]} for ${baseline[1]}`, url);
    // Subtraction over the hierarchy of each period's actual values.
    for (const period of [...new Set(world.grant.targets.map((t) => t.period))]) {
      const truth = world.grant.targets.filter((t) => t.period === period);
      const known: KnownRow[] = truth.map((t) => ({
        sex: t.sex,
        ageBand: t.ageBand,
        region: t.region,
        n: 0,
        value:
          published.find(
            (p) => p.period === period && p.sex === t.sex && p.ageBand === t.ageBand && p.region === t.region,
          )?.value ?? null,
      }));
      for (const rec of subtractionAttack(known).recovered) {
        const t = truth[rec.row];
        if (rec.field === 'value' && close(rec.value, t.actualValue, 1e-9) && small(t.actualValue))
          leaks.add(
            'iati subtraction',
            `actual ${t.actualValue} for ${period} ${t.sex}/${t.region}`,
            `${url}: ${rec.how}`,
          );
      }
    }
  }
  return { leaks: leaks.lines(), read };
}

// ---------------------------------------------------------------- ground truth helpers

/** The two total rows an effect compares at a timepoint (group 1 first), or null. */
function effectInputs(e: TruthEvaluation, indicatorId: number, timepoint: string): [TruthRow, TruthRow] | null {
  const total = (arm: Arm, tp: string) =>
    e.rows.find(
      (r) =>
        r.indicatorId === indicatorId &&
        r.arm === arm &&
        r.timepoint === tp &&
        r.sex === 'total' &&
        r.ageBand === 'total' &&
        r.region === 'total',
    );
  const pair: [TruthRow | undefined, TruthRow | undefined] =
    e.design === 'pre_post'
      ? [total('single', timepoint), total('single', 'baseline')]
      : [total('treatment', timepoint), total('comparison', timepoint)];
  return pair[0] && pair[1] ? [pair[0], pair[1]] : null;
}

/** The effect the server computes for the evaluation (null when it has none for that measure). */
function trueEffect(e: TruthEvaluation, indicatorId: number, timepoint: string, measure: Measure) {
  const inputs = effectInputs(e, indicatorId, timepoint);
  if (!inputs) return null;
  const [g1, g2] = inputs;
  if (PROPORTION_MEASURES.includes(measure as ProportionMeasure)) {
    if (g1.events === undefined) return null;
    return proportionEffect(measure as ProportionMeasure, g1.events, g1.n, g2.events!, g2.n);
  }
  if (g1.mean === undefined) return null;
  if (measure === 'SMD' && e.design !== 'pre_post') return smdEffect(g1 as never, g2 as never);
  if (measure === 'SMCR' && e.design === 'pre_post')
    return smcrEffect({ mean: g2.mean!, sd: g2.sd! }, { mean: g1.mean }, Math.min(g1.n, g2.n), 0.5);
  return null;
}

// ---------------------------------------------------------------- the attacks against one world

interface Findings {
  /** One line per recovered count: the attack, what it recovered, and (some of) the outputs it used. */
  leaks: string[];
  stats: Record<string, number>;
}

/** Leaks grouped by what was recovered, each with the outputs that gave it (the same leak repeats over many URLs). */
class LeakLog {
  private readonly byWhat = new Map<string, string[]>();

  add(attack: string, what: string, source: string): void {
    const key = `${attack}: ${what}`;
    this.byWhat.set(key, [...(this.byWhat.get(key) ?? []), source]);
  }

  lines(): string[] {
    return [...this.byWhat].map(([what, sources]) => {
      const distinct = [...new Set(sources)];
      const shown = distinct.slice(0, 2).join(' | ');
      return `${what} — via ${shown}${distinct.length > 2 ? ` (+${distinct.length - 2} more outputs)` : ''}`;
    });
  }
}

function describeRow(r: TruthRow): string {
  return `evaluation ${r.evaluationId} ${r.kind} ${r.arm}/${r.timepoint}/${r.sex}/${r.ageBand}/${r.region}`;
}

/** Which fields of a true row are hidden from the attacker: small by the spec, or S in every download. */
function hiddenFields(r: TruthRow, merged: Map<string, MergedRow>): Set<string> {
  const hidden = new Set<string>();
  const seen = merged.get(rowKey(r))?.fields ?? {};
  if (small(r.n)) hidden.add('n');
  if (r.events !== undefined && (small(r.events) || small(r.n - r.events) || small(r.n))) hidden.add('events');
  if (r.kind === 'count' && small(r.value)) hidden.add('value');
  if (r.kind === 'rate' && smallImplied(r.implied)) hidden.add('implied');
  for (const field of ['n', 'events', 'mean', 'sd', 'value'] as const) if (seen[field] === null) hidden.add(field);
  if (r.kind === 'rate' && (hidden.has('value') || hidden.has('n'))) hidden.add('implied');
  return hidden;
}

function attackWorld(world: World, outputs: Output[]): Findings {
  const leaks = new LeakLog();
  const stats: Record<string, number> = {};
  const bump = (key: string, by = 1) => (stats[key] = (stats[key] ?? 0) + by);
  const indicatorByCode = new Map(world.indicators.map((i) => [i.code, i]));
  const truthByKey = new Map(world.evaluations.flatMap((e) => e.rows.map((r) => [rowKey(r), r] as const)));
  const evaluationById = new Map(world.evaluations.map((e) => [e.id, e]));

  // Collect.
  const sink = { effects: [] as StudyEffect[], aggregates: [] as Aggregate[], mentions: [] as CellMention[] };
  const merged = new Map<string, MergedRow>();
  for (const output of outputs) {
    bump(`outputs ${output.kind}`);
    if (output.kind === 'json') readJson(output, sink);
    if (output.kind !== 'csv') continue;
    for (const row of output.csv ?? []) {
      const indicator = indicatorByCode.get(row.indicator_code);
      if (!row.evaluation_id || !indicator) {
        // Another CSV: read it as JSON objects (a column naming an evaluation makes it a mention).
        readJson({ ...output, kind: 'json', json: Object.fromEntries(Object.entries(row)) }, sink);
        continue;
      }
      const key = rowKey({
        evaluationId: Number(row.evaluation_id),
        indicatorId: indicator.id,
        arm: row.arm,
        timepoint: row.timepoint,
        sex: row.sex,
        ageBand: row.age_band,
        region: row.region,
      });
      const truth = truthByKey.get(key);
      if (!truth) continue;
      bump('data-set rows');
      const entry = merged.get(key) ?? { key, fields: {} };
      merged.set(key, entry);
      for (const field of ['n', 'events', 'mean', 'sd', 'value'] as const) {
        const text = row[field];
        if (text === undefined || text === '') continue;
        if (text === 'S') {
          if (!(field in entry.fields)) entry.fields[field] = null;
          continue;
        }
        entry.fields[field] = Number(text);
      }
      // Direct: every count shown is 0 or ≥ k.
      const shown = (field: DatasetField) => (row[field] && row[field] !== 'S' ? Number(row[field]) : null);
      const n = shown('n');
      const events = shown('events');
      const value = shown('value');
      const where = describeRow(truth);
      const url = output.url;
      if (small(n)) leaks.add('direct', `n = ${n} shown for ${where}`, url);
      if (small(events)) leaks.add('direct', `events = ${events} shown for ${where}`, url);
      if (n !== null && events !== null && small(n - events))
        leaks.add('direct', `n − events = ${n - events} (${n} − ${events}) shown for ${where}`, url);
      if (truth.kind === 'count' && small(value)) leaks.add('direct', `count value ${value} shown for ${where}`, url);
      if (truth.kind === 'rate' && n !== null && value !== null && smallImplied((value * n) / world.rateBase))
        leaks.add(
          'direct',
          `rate ${value} per ${world.rateBase} × n ${n} implies a count of ${(value * n) / world.rateBase} for ${where}`,
          url,
        );
      // The data set's effect column is a published effect of that evaluation.
      if (row.effect && row.effect_measure && MEASURES.has(row.effect_measure)) {
        const low = Number(row.effect_ci_low);
        const high = Number(row.effect_ci_high);
        sink.effects.push({
          evaluationId: truth.evaluationId,
          indicatorId: indicator.id,
          timepoint: row.timepoint,
          measure: row.effect_measure as Measure,
          yi: Number(row.effect),
          vi: row.effect_ci_low && row.effect_ci_high ? ((high - low) / (2 * Z95)) ** 2 : null,
          source: `${output.url} (effect column)`,
        });
      }
    }
  }
  const hidden = new Map<string, Set<string>>();
  for (const e of world.evaluations) for (const r of e.rows) hidden.set(rowKey(r), hiddenFields(r, merged));
  bump('hidden cells', [...hidden.values()].filter((h) => h.size > 0).length);

  // Direct: a field of a JSON output naming an evaluation equals one of its hidden small counts.
  for (const mention of sink.mentions) {
    const e = evaluationById.get(mention.evaluationId);
    if (!e) continue;
    for (const r of e.rows) {
      if (mention.indicatorId !== undefined && mention.indicatorId !== r.indicatorId) continue;
      const h = hidden.get(rowKey(r))!;
      const smallHidden: [string, number | undefined][] = [
        ['n', h.has('n') && small(r.n) ? r.n : undefined],
        ['events', h.has('events') && small(r.events) ? r.events : undefined],
        ['n − events', h.has('events') && r.events !== undefined && small(r.n - r.events) ? r.n - r.events : undefined],
        ['value', r.kind === 'count' && h.has('value') && small(r.value) ? r.value : undefined],
      ];
      for (const [field, count] of smallHidden) {
        if (count !== undefined && mention.value === count && mention.key !== 'k')
          leaks.add(
            'direct (JSON)',
            `${mention.key} = ${mention.value} named with evaluation ${e.id}: its hidden ${field} of ${describeRow(r)}`,
            mention.source,
          );
      }
    }
  }

  // Effect-size inversion: one study's published effect.
  /** Attack knowledge of one evaluation's effect at (indicator, timepoint), with what is hidden. */
  const knowledge = (e: TruthEvaluation, indicatorId: number, timepoint: string) => {
    const inputs = effectInputs(e, indicatorId, timepoint);
    if (!inputs) return null;
    const [g1, g2] = inputs;
    const h1 = hidden.get(rowKey(g1))!;
    const h2 = hidden.get(rowKey(g2))!;
    return { g1, g2, h1, h2 };
  };
  const revealProportion = (
    e: TruthEvaluation,
    k: NonNullable<ReturnType<typeof knowledge>>,
    candidate: ProportionCandidate,
  ): string | null => {
    const revealed: string[] = [];
    if (k.h1.has('events') && candidate.events1 === k.g1.events)
      revealed.push(`${describeRow(k.g1)} events ${candidate.events1}/${k.g1.n}`);
    if (k.h2.has('events') && candidate.events2 === k.g2.events)
      revealed.push(`${describeRow(k.g2)} events ${candidate.events2}/${k.g2.n}`);
    void e;
    return revealed.length ? revealed.join(' and ') : null;
  };
  const proportionIndex = new Map<string, ProportionCandidate[]>();
  const candidatesFor = (e: TruthEvaluation, indicatorId: number, timepoint: string, measure: ProportionMeasure) => {
    const cacheKey = `${e.id}|${indicatorId}|${timepoint}|${measure}`;
    if (!proportionIndex.has(cacheKey)) {
      const k = knowledge(e, indicatorId, timepoint)!;
      proportionIndex.set(
        cacheKey,
        proportionCandidates(measure, {
          n1: k.g1.n,
          n2: k.g2.n,
          events1: k.h1.has('events') ? null : k.g1.events!,
          events2: k.h2.has('events') ? null : k.g2.events!,
        }),
      );
    }
    return proportionIndex.get(cacheKey)!;
  };
  /** Runs every inversion of (yi, vi) against one evaluation; returns what it reveals, if anything. */
  const invert = (
    e: TruthEvaluation,
    indicatorId: number,
    timepoint: string,
    measure: Measure,
    published: { yi: number; vi: number | null },
    tol: number,
  ): string | null => {
    const k = knowledge(e, indicatorId, timepoint);
    if (!k) return null;
    if (PROPORTION_MEASURES.includes(measure as ProportionMeasure)) {
      if (k.g1.events === undefined || (!k.h1.has('events') && !k.h2.has('events'))) return null;
      const sorted = candidatesFor(e, indicatorId, timepoint, measure as ProportionMeasure);
      for (const attempt of published.vi === null ? [{ yi: published.yi }] : [published, { yi: published.yi }]) {
        const matches = matchCandidates(sorted, attempt, tol);
        if (matches.length === 1) {
          const revealed = revealProportion(e, k, matches[0]);
          if (revealed)
            return `${revealed} (${measure} ${'vi' in attempt ? 'yi and vi' : 'yi alone'}, unique of ${sorted.length})`;
        }
      }
      return null;
    }
    if (k.g1.mean === undefined || published.vi === null) return null;
    const vi = published.vi;
    if (measure === 'SMD' && e.design !== 'pre_post') {
      if (!k.h1.has('n') && !k.h2.has('n')) return null;
      const matches = invertSmd(
        { yi: published.yi, vi },
        { n1: k.h1.has('n') ? null : k.g1.n, n2: k.h2.has('n') ? null : k.g2.n },
        400,
        tol,
      );
      if (matches.length === 1) {
        const revealed = [
          k.h1.has('n') && matches[0].n1 === k.g1.n ? `${describeRow(k.g1)} n ${k.g1.n}` : '',
          k.h2.has('n') && matches[0].n2 === k.g2.n ? `${describeRow(k.g2)} n ${k.g2.n}` : '',
        ].filter(Boolean);
        if (revealed.length) return `${revealed.join(' and ')} (SMD yi and vi)`;
      }
      return null;
    }
    if (measure === 'SMCR' && e.design === 'pre_post') {
      const smaller = k.g1.n <= k.g2.n ? k.g1 : k.g2;
      if (!hidden.get(rowKey(smaller))!.has('n')) return null;
      const matches = invertSmcr({ yi: published.yi, vi }, 0.5, 400, tol);
      if (matches.length === 1 && matches[0] === smaller.n)
        return `${describeRow(smaller)} n ${smaller.n} (SMCR yi and vi)`;
    }
    return null;
  };

  for (const effect of sink.effects) {
    bump('study effects read');
    const e = evaluationById.get(effect.evaluationId);
    if (!e) continue;
    const revealed = invert(e, effect.indicatorId, effect.timepoint, effect.measure, effect, 1e-9);
    if (revealed) leaks.add('effect size', `${revealed}, from its published yi = ${effect.yi}`, effect.source);
  }

  // k = 1 and differencing over every released aggregate.
  const runKeys = new Set(world.indicators.map((i) => String(i.id)));
  const aggregates = sink.aggregates.filter((a) => runKeys.has(a.key.split('|')[0]));
  bump('aggregates read', aggregates.length);
  const derived: DerivedStudy[] = derivedStudies(aggregates);
  bump('derived studies', derived.length);
  const poolsMeasure = (e: TruthEvaluation, measure: string) =>
    measure === 'SMCR' ? e.design === 'pre_post' : e.design !== 'pre_post';
  for (const d of derived) {
    const [indicatorId, timepoint, measure] = d.key.split('|');
    for (const e of world.evaluations) {
      if (!poolsMeasure(e, measure)) continue;
      const revealed = invert(e, Number(indicatorId), timepoint, measure as Measure, d, d.tol);
      if (revealed)
        leaks.add(
          d.source.startsWith('k=1') ? 'k = 1' : 'differencing',
          `${revealed}, from derived yi = ${d.yi}, vi = ${d.vi}`,
          d.source,
        );
    }
  }

  // Subtraction over the hierarchy, in the merged data set.
  for (const e of world.evaluations) {
    const groups = new Map<string, TruthRow[]>();
    for (const r of e.rows) {
      const g = `${r.indicatorId}|${r.arm}|${r.timepoint}`;
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    for (const rows of groups.values()) {
      if (!rows.every((r) => merged.has(rowKey(r)))) continue; // not in any download: nothing to subtract
      const seen = (r: TruthRow, field: DatasetField) => {
        const value = merged.get(rowKey(r))!.fields[field];
        return value === undefined ? null : value;
      };
      const known: KnownRow[] = rows.map((r) => ({
        sex: r.sex,
        ageBand: r.ageBand,
        region: r.region,
        n: seen(r, 'n'),
        events: r.kind === 'proportion' ? seen(r, 'events') : undefined,
        value: r.kind === 'count' || r.kind === 'rate' ? seen(r, 'value') : undefined,
        implied: r.kind === 'rate' ? null : undefined,
      }));
      if (families(known).length === 0) continue;
      bump('families attacked', families(known).length);
      const { recovered, known: after } = subtractionAttack(known, rows[0].kind === 'rate' ? world.rateBase : null);
      for (const rec of recovered) {
        const r = rows[rec.row];
        const h = hidden.get(rowKey(r))!;
        const how = `evaluation ${e.id} ${r.kind} ${r.arm}/${r.timepoint}: ${rec.how}`;
        const truthValue =
          rec.field === 'implied' ? r.implied : rec.field === 'events' ? r.events : rec.field === 'n' ? r.n : r.value;
        const isLeak =
          truthValue !== undefined &&
          close(rec.value, truthValue, 1e-6) &&
          ((rec.field === 'n' && h.has('n') && small(r.n)) ||
            (rec.field === 'events' && h.has('events') && (small(r.events) || small(r.n - r.events!))) ||
            (rec.field === 'value' && r.kind === 'count' && small(r.value)) ||
            (rec.field === 'implied' && smallImplied(r.implied)));
        if (isLeak)
          leaks.add('subtraction', `${rec.field} = ${rec.value} of ${describeRow(r)}`, `${how} (merged data set)`);
      }
      // n − events from a recovered n and a visible events (or the other way round).
      after.forEach((k, i) => {
        const r = rows[i];
        if (r.events === undefined || k.n === null || typeof k.events !== 'number') return;
        const h = hidden.get(rowKey(r))!;
        if ((h.has('n') || h.has('events')) && k.n - k.events === r.n - r.events && small(r.n - r.events))
          leaks.add(
            'subtraction',
            `n − events = ${r.n - r.events} of ${describeRow(r)}`,
            'recovered n and events (merged data set)',
          );
      });
    }
  }
  return { leaks: leaks.lines(), stats };
}

// ---------------------------------------------------------------- owners

async function ownerChecks(world: World): Promise<string[]> {
  const problems: string[] = [];
  // The owning coordinator's data set: every true number, nothing suppressed.
  for (const organizationId of world.organizationIds) {
    const own = world.evaluations.filter((e) => e.organizationId === organizationId);
    if (own.length === 0) continue;
    const token = await createToken(await createUser('coordinator', organizationId), 'read');
    const rows = new Map<string, Record<string, string>>();
    for (const indicator of world.indicators) {
      const file = await fetchOutput(`/api/exports/research-dataset?format=csv&indicatorId=${indicator.id}`, token);
      if (file.status !== 200) problems.push(`coordinator data set ${indicator.kind}: ${file.status}`);
      for (const row of file.csv ?? []) {
        rows.set(
          rowKey({
            evaluationId: Number(row.evaluation_id),
            indicatorId: indicator.id,
            arm: row.arm,
            timepoint: row.timepoint,
            sex: row.sex,
            ageBand: row.age_band,
            region: row.region,
          }),
          row,
        );
      }
    }
    for (const e of own) {
      for (const r of e.rows) {
        const row = rows.get(rowKey(r));
        if (!row) {
          problems.push(`owner data set lacks ${describeRow(r)}`);
          continue;
        }
        for (const field of ['n', 'events', 'mean', 'sd', 'value'] as const) {
          const truth = r[field];
          if (truth === undefined) continue;
          if (row[field] === 'S' || !close(Number(row[field]), truth, 1e-12))
            problems.push(`owner data set shows ${field} = ${row[field]} for ${describeRow(r)}, true ${truth}`);
        }
      }
    }
  }
  // The admin's pooled results: every approved study with the yi computed here.
  for (const indicator of world.indicators.filter((i) => i.kind === 'proportion' || i.kind === 'mean')) {
    const measures: Measure[] = indicator.kind === 'proportion' ? ['RR', 'OR', 'RD'] : ['SMD', 'SMCR'];
    for (const measure of measures) {
      for (const timepoint of ['post', 'follow_up']) {
        const expected = world.evaluations
          .filter((e) => (measure === 'SMCR') === (e.design === 'pre_post'))
          .map((e) => ({ e, effect: trueEffect(e, indicator.id, timepoint, measure) }))
          .filter((x) => x.effect !== null);
        const response = await api<{ studies?: { evaluationId: number; yi: number; vi: number }[] }>(
          'GET',
          `/api/analysis/pooled?indicatorId=${indicator.id}&measure=${measure}&method=FE&timepoint=${timepoint}`,
        );
        if (expected.length === 0) continue;
        if (response.status !== 200) {
          problems.push(`admin pooled ${measure} ${timepoint}: ${response.status}`);
          continue;
        }
        for (const { e, effect } of expected) {
          const study = response.body.studies?.find((s) => s.evaluationId === e.id);
          if (!study) problems.push(`admin pooled ${measure} ${timepoint} lacks evaluation ${e.id}`);
          else if (!close(study.yi, effect!.yi, 1e-9) || !close(study.vi, effect!.vi, 1e-9))
            problems.push(
              `admin pooled ${measure} ${timepoint}: evaluation ${e.id} yi ${study.yi}, expected ${effect!.yi}`,
            );
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the suites

describe('the attacks themselves (pure self-check)', () => {
  it('recover the 3 of 20 from an unprotected yi and vi, for RR, OR and RD, and from yi alone', () => {
    for (const measure of PROPORTION_MEASURES) {
      const published = proportionEffect(measure, 3, 20, 40, 60)!;
      const know = { n1: 20, n2: 60, events1: null, events2: 40 };
      expect(invertProportion(measure, published, know).map((c) => c.events1)).toEqual([3]);
      expect(invertProportion(measure, { yi: published.yi }, know).map((c) => c.events1)).toEqual([3]);
      // Both arms hidden: yi and vi still pin (3, 40) down.
      expect(
        invertProportion(measure, published, { ...know, events2: null }).map((c) => [c.events1, c.events2]),
      ).toEqual([[3, 40]]);
    }
    // The continuity correction: 0 of 20 is recovered too.
    expect(
      invertProportion('RD', proportionEffect('RD', 0, 20, 40, 60)!, {
        n1: 20,
        n2: 60,
        events1: null,
        events2: 40,
      }).map((c) => c.events1),
    ).toEqual([0]);
  });

  it('recover a hidden group size from Hedges’ g and from a standardized mean change', () => {
    const g = smdEffect({ mean: 31, sd: 6, n: 5 }, { mean: 27, sd: 7, n: 40 })!;
    expect(invertSmd(g, { n1: null, n2: 40 }, 400)).toEqual([{ n1: 5, n2: 40 }]);
    const change = smcrEffect({ mean: 20, sd: 5 }, { mean: 24 }, 7, 0.5)!;
    expect(invertSmcr(change, 0.5, 400)).toEqual([7]);
  });

  it('read a study off a k = 1 result and off the difference of two fixed-effect results', () => {
    const hiddenStudy = proportionEffect('RR', 3, 20, 40, 60)!;
    const others = [
      proportionEffect('RR', 64, 118, 35, 112)!,
      proportionEffect('RR', 88, 196, 62, 198)!,
      proportionEffect('RR', 30, 78, 24, 79)!,
    ];
    const all = fixedEffect([hiddenStudy, ...others]);
    const sub = fixedEffect(others);
    const single = fixedEffect([hiddenStudy]);
    const derived = derivedStudies([
      { key: 'x', ...all, k: 4, inverseVariance: true, source: 'all' },
      { key: 'x', ...sub, k: 3, inverseVariance: true, source: 'sub' },
      { key: 'y', ...single, k: 1, inverseVariance: true, source: 'one' },
    ]);
    const know = { n1: 20, n2: 60, events1: null, events2: 40 };
    const recovered = derived.map((d) => invertProportion('RR', d, know, d.tol).map((c) => c.events1));
    expect(recovered).toContainEqual([3]);
    expect(derived.filter((d) => d.source === 'k=1 one')).toHaveLength(1);
    expect(
      invertProportion(
        'RR',
        derived.find((d) => d.source === 'k=1 one')!,
        know,
      ).map((c) => c.events1),
    ).toEqual([3]);
  });

  it('subtract over nested regions: CO − CO-DC gives CO-ANT when CO-ANT and PE are the hidden pair', () => {
    const row = (region: string, n: number | null, events: number | null): KnownRow => ({
      sex: 'total',
      ageBand: 'total',
      region,
      n,
      events,
    });
    // Hidden as the old server hid them (siblings): CO-ANT (n 4, events 2) and PE.
    const leaky = [
      row('total', 60, 30),
      row('CO', 34, 17),
      row('CO-ANT', null, null),
      row('CO-DC', 30, 15),
      row('PE', null, null),
    ];
    const recovered = subtractionAttack(leaky).recovered.filter((r) => r.row === 2);
    expect(recovered.map((r) => [r.field, r.value])).toEqual([
      ['n', 4],
      ['events', 2],
    ]);
    // Hidden over the hierarchy: CO-ANT and CO-DC inside CO, and PE with CO inside total: nothing.
    const safe = [
      row('total', 60, 30),
      row('CO', null, null),
      row('CO-ANT', null, null),
      row('CO-DC', null, null),
      row('PE', null, null),
    ];
    expect(subtractionAttack(safe).recovered).toEqual([]);
    // A subdivision without its country row is a child of total.
    expect(families([row('total', 1, 1), row('CO-ANT', 1, 1), row('PE', 1, 1)])).toEqual([
      { parent: 0, children: [1, 2] },
    ]);
  });

  it('solve the family equations: a cell between two cycles of hidden cells, though no family hides exactly one', () => {
    // Sex × age band with margins; n per cell.
    const cells: Record<string, number[]> = {
      female: [12, 3, 20, 15],
      male: [4, 14, 5, 30],
      other: [25, 16, 2, 7],
    };
    const bands = ['under_12', '12_14', '15_17', '18_plus'];
    const hiddenCells = new Set([
      'female/under_12',
      'female/12_14',
      'male/under_12',
      'male/12_14', // a cycle
      'other/15_17',
      'other/18_plus',
      'total/15_17',
      'total/18_plus', // another cycle
      'male/15_17', // the bridge between them
    ]);
    const rows: KnownRow[] = [];
    const add = (sex: string, ageBand: string, n: number) =>
      rows.push({ sex, ageBand, region: 'total', n: hiddenCells.has(`${sex}/${ageBand}`) ? null : n });
    for (const [sex, ns] of Object.entries(cells)) {
      ns.forEach((n, b) => add(sex, bands[b], n));
      add(
        sex,
        'total',
        ns.reduce((a, b) => a + b, 0),
      );
    }
    bands.forEach((band, b) =>
      add(
        'total',
        band,
        Object.values(cells).reduce((sum, ns) => sum + ns[b], 0),
      ),
    );
    add('total', 'total', 153);
    const perFamily = families(rows).map((f) => [f.parent, ...f.children].filter((m) => rows[m].n === null).length);
    expect(perFamily.filter((hidden) => hidden === 1)).toEqual([]);
    const { recovered } = subtractionAttack(rows);
    expect(recovered.map((r) => [rows[r.row].sex, rows[r.row].ageBand, r.field, r.value])).toEqual([
      ['male', '15_17', 'n', 5],
    ]);
  });
});

describe('issue 16, worked example: 3 of 20 children in the treatment arm', () => {
  let indicatorId: number;
  let target: Evaluation;
  let others: { evaluation: Evaluation; counts: [number, number, number, number] }[];
  let tokens: { researcher: string; coordinator: string };
  const counts: [number, number, number, number] = [3, 20, 40, 60];

  /** An approved RCT with post totals [events1, n1, events2, n2]. */
  async function trial(programId: number, [e1, n1, e2, n2]: number[]): Promise<Evaluation> {
    const created = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(programId, { primaryIndicatorIds: [indicatorId], plannedSizes: {}, achievedSizes: {} }),
    );
    expect(created.status).toBe(201);
    for (const [arm, events, n] of [
      ['treatment', e1, n1],
      ['comparison', e2, n2],
    ] as const) {
      const m = await api('POST', '/api/outcome-measurements', {
        evaluationId: created.body.id,
        indicatorId,
        arm,
        timepoint: 'post',
        n,
        events,
      });
      expect(m.status).toBe(201);
    }
    await approve(created.body);
    return created.body;
  }

  beforeAll(async () => {
    indicatorId = (await createRunIndicator('proportion', 1)).id;
    // As in the issue: the study is the only one of its strategy (k = 1 there), and "all strategies"
    // minus "educate_public" is that study (differencing).
    const ngo = await createOrganization({ name: unique('Worked example NGO') });
    const parents = await createProgram(ngo.id, { strategy: 'parental_supervision' });
    const otherNgo = await createOrganization();
    const educate = await createProgram(otherNgo.id, { strategy: 'educate_public' });
    target = await trial(parents.id, counts);
    others = [];
    for (const c of [
      [64, 118, 35, 112],
      [88, 196, 62, 198],
      [30, 78, 24, 79],
      [45, 150, 60, 140],
      [70, 120, 50, 115],
    ] as [number, number, number, number][]) {
      others.push({ evaluation: await trial(educate.id, c), counts: c });
    }
    tokens = {
      researcher: await createToken(await createUser('researcher'), 'read'),
      coordinator: await createToken(await createUser('coordinator', ngo.id), 'read'),
    };
  });

  const datasetRow = async (token: string) => {
    const file = await fetchOutput(`/api/exports/research-dataset?format=csv&indicatorId=${indicatorId}`, token);
    expect(file.status).toBe(200);
    return file.csv!.find((r) => Number(r.evaluation_id) === target.id && r.arm === 'treatment')!;
  };

  it('the research data set shows S for the 3 (and so for the 17), and no effect for that study', async () => {
    const row = await datasetRow(tokens.researcher);
    expect(row.n).toBe('20');
    expect(row.events).toBe('S');
    expect(row.effect).toBe('');
  });

  it('pooled results (every measure, method, test, selection) and the map withhold the study; nothing gives back the 3', async () => {
    const know = { n1: 20, n2: 60, events1: null, events2: 40 };
    const aggregates: Aggregate[] = [];
    const problems = new LeakLog();
    let released = 0;
    for (const measure of PROPORTION_MEASURES) {
      for (const method of ['FE', 'DL', 'REML']) {
        for (const test of ['z', 'knha']) {
          for (const strategy of [undefined, 'educate_public', 'parental_supervision']) {
            const url =
              `/api/analysis/pooled?indicatorId=${indicatorId}&measure=${measure}&method=${method}&test=${test}` +
              (strategy ? `&strategy=${strategy}` : '');
            const response = await api<{
              k: number;
              test: string;
              estimate: number | null;
              se: number | null;
              studies: { evaluationId: number; yi?: number; vi?: number; ciLow?: number; ciHigh?: number }[];
              withheld?: { evaluationId?: number; reason: string }[];
            }>('GET', url, undefined, { token: tokens.researcher });
            if (response.status === 422) continue; // nothing an outsider may pool in this selection
            if (response.status !== 200) {
              problems.add('status', `${response.status} ${JSON.stringify(response.body)}`, url);
              continue;
            }
            const own = response.body.studies.find((s) => s.evaluationId === target.id);
            if (own)
              problems.add('listed', `${measure}: study ${target.id} in studies with yi ${own.yi}, vi ${own.vi}`, url);
            for (const study of response.body.studies) {
              if (typeof study.yi !== 'number') continue;
              const vi =
                study.vi ??
                (typeof study.ciLow === 'number' && typeof study.ciHigh === 'number'
                  ? ((study.ciHigh - study.ciLow) / (2 * Z95)) ** 2
                  : undefined);
              for (const attempt of [{ yi: study.yi, vi }, { yi: study.yi }]) {
                const hit = invertProportion(measure, attempt, know);
                if (hit.length === 1 && hit[0].events1 === 3)
                  problems.add(
                    'effect size',
                    `${measure}: study ${study.evaluationId}'s ${attempt.vi === undefined ? 'yi alone' : 'yi and vi'} give 3`,
                    url,
                  );
              }
            }
            if (strategy !== 'educate_public' && !response.body.withheld?.some((w) => w.evaluationId === target.id))
              problems.add('withheld', `does not name evaluation ${target.id}`, url);
            if (typeof response.body.estimate === 'number' && typeof response.body.se === 'number') {
              released++;
              aggregates.push({
                key: measure,
                estimate: response.body.estimate,
                se: response.body.se,
                k: response.body.k,
                inverseVariance: response.body.test === 'z',
                source: url,
              });
            }
          }
        }
      }
    }
    const map = await api<{
      cells: { indicatorId: number; k: number; measure: string; estimate?: number; ciLow?: number; ciHigh?: number }[];
    }>('GET', '/api/analysis/evidence-map', undefined, { token: tokens.researcher });
    expect(map.status).toBe(200);
    for (const cell of map.body.cells.filter((c) => c.indicatorId === indicatorId)) {
      if (typeof cell.estimate === 'number' && typeof cell.ciLow === 'number' && typeof cell.ciHigh === 'number')
        aggregates.push({
          key: cell.measure,
          estimate: cell.estimate,
          se: (cell.ciHigh - cell.ciLow) / (2 * Z95),
          k: cell.k,
          inverseVariance: true,
          source: `evidence map ${JSON.stringify(cell)}`,
        });
    }
    for (const d of derivedStudies(aggregates)) {
      const hit = invertProportion(d.key as ProportionMeasure, d, know, d.tol);
      if (hit.length === 1 && hit[0].events1 === 3)
        problems.add(d.source.startsWith('k=1') ? 'k = 1' : 'differencing', `${d.key} gives 3 (yi ${d.yi})`, d.source);
    }
    expect(problems.lines()).toEqual([]);
    // The five other studies are enough to pool: outsiders still get results.
    expect(released).toBeGreaterThan(0);
  });

  it('the owning coordinator and the admin get the exact numbers', async () => {
    const row = await datasetRow(tokens.coordinator);
    expect(row).toMatchObject({ n: '20', events: '3', suppressed: '' });
    for (const measure of PROPORTION_MEASURES) {
      const response = await api<{ studies: { evaluationId: number; yi: number; vi: number }[] }>(
        'GET',
        `/api/analysis/pooled?indicatorId=${indicatorId}&measure=${measure}&method=FE`,
      );
      expect(response.status).toBe(200);
      const study = response.body.studies.find((s) => s.evaluationId === target.id);
      const expected = proportionEffect(measure, ...counts)!;
      expect(study?.yi).toBeCloseTo(expected.yi, 12);
      expect(study?.vi).toBeCloseTo(expected.vi, 12);
      expect(response.body.studies).toHaveLength(others.length + 1);
    }
  });
});

describe('issue 16, attacker: random portfolios, every outsider output, every recovery', () => {
  /** Outsiders to every portfolio: a researcher, another NGO's coordinator, an unrelated funder. */
  let outsiders: { role: string; token: string }[];

  beforeAll(async () => {
    outsiders = [];
    for (const role of ['researcher', 'coordinator', 'funder'])
      outsiders.push({ role, token: await createToken(await createUser(role), 'read') });
  });

  it(
    'recovers no hidden count, and owners still get every number',
    async () => {
      const summaries: string[] = [];
      await fc.assert(
        fc.asyncProperty(portfolioArbitrary, async (spec) => {
          const started = Date.now();
          const world = await buildWorld(spec);
          const built = Date.now();
          const values: CrawlValues = {
            indicatorIds: world.indicators.map((i) => i.id),
            strategies: world.strategies,
            ids: {
              evaluations: world.evaluations.map((e) => e.id),
              programs: world.programIds,
              indicators: world.indicators.map((i) => i.id),
              organizations: world.organizationIds,
              'outcome-measurements': world.measurementIds.slice(0, 10),
              grants: [world.grant.id],
            },
          };
          // The researcher every run; another NGO's coordinator or an unrelated funder in turn.
          const { outputs, routes } = await crawl(outsiders[0].token, values);
          const other = outsiders[1 + (summaries.length % 2)];
          const more = await crawl(other.token, values);
          outputs.push(...more.outputs.map((o) => ({ ...o, url: `${o.url} (as ${other.role})` })));
          const crawled = Date.now();
          const findings = attackWorld(world, outputs);
          const iati = await iatiAttack(world, world.indicators.find((i) => i.kind === 'count')!.code);
          findings.leaks.push(...iati.leaks);
          findings.stats['iati values read'] = iati.read;
          const owner = await ownerChecks(world);
          summaries.push(
            `run ${summaries.length + 1}: build ${built - started} ms, crawl ${crawled - built} ms (${outputs.length} outputs), ` +
              `attacks+owners ${Date.now() - crawled} ms; routes answering the researcher: ${routes.join(', ')}; ` +
              `the ${other.role}: ${more.routes.join(', ')}; ` +
              JSON.stringify(findings.stats),
          );
          if (process.env.ATTACK_VERBOSE) console.info(summaries[summaries.length - 1]);
          if (findings.leaks.length + owner.length > 0) {
            // A few of each kind of attack, so one flood (e.g. direct) does not hide the others.
            const byAttack = new Map<string, string[]>();
            for (const leak of findings.leaks) {
              const attack = leak.split(':')[0];
              byAttack.set(attack, [...(byAttack.get(attack) ?? []), leak]);
            }
            const report = [...byAttack].flatMap(([attack, lines]) => [
              `== ${attack}: ${lines.length} recovered count(s)`,
              ...lines.slice(0, 8).map((l) => `LEAK ${l}`),
            ]);
            if (owner.length) report.push(`== owners: ${owner.length} problem(s)`, ...owner.slice(0, 8));
            throw new Error(
              `portfolio ${JSON.stringify(spec)}\n${summaries[summaries.length - 1]}\n${report.join('\n')}`,
            );
          }
        }),
        { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      // Sanity: the attacker did read the outputs it attacks.
      expect(summaries.join('\n')).toContain('/api/analysis/pooled');
    },
    // A hang guard, not a speed limit: a run took 40 s on a quiet machine and over 55 s at load 14.
    RUNS * 300_000,
  );
});
