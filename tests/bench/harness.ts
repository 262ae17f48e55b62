/**
 * The benchmark harness (issue 8): each benchmark measures our path and a raw PostgreSQL (or bare
 * Node) baseline in the same run on the same database, repeats both, and reports medians and
 * their ratio. Wall-clock numbers live here and in docs/performance.md, never in a test's pass/fail.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface BenchResult {
  /** Our median (seconds, or what `unit` says). */
  ours: number;
  baseline: number | null;
  /** ours / baseline, except where `higherIsBetter` (B4: throughput). */
  ratio: number | null;
  target: number | null;
  met: boolean | null;
  unit: string;
  peakRssMb?: number;
  /** Every measured run, for the record. */
  runs?: { ours: number[]; baseline: number[] };
  notes?: string[];
  /** Benchmark-specific figures (B4: latency percentiles; B5: sizes and times). */
  extra?: Record<string, unknown>;
}

export interface BenchContext {
  /** How many rows the benchmark works on (1 000 000 in `npm run bench`, 10 000 in the smoke test). */
  rows: number;
  repeats: number;
  baseUrl: string;
  adminToken: string;
  databaseUrl: string;
  serverPid: number;
  log: (message: string) => void;
}

export function benchContext(rows: number, repeats: number, log: (m: string) => void = () => {}): BenchContext {
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run through jest (bench/global-setup.mjs)`);
    return value;
  };
  return {
    rows,
    repeats,
    baseUrl: need('LEDGER_BASE_URL'),
    adminToken: need('LEDGER_ADMIN_TOKEN'),
    databaseUrl: need('LEDGER_DATABASE_URL'),
    serverPid: Number(need('LEDGER_SERVER_PID')),
    log,
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Seconds taken by `work`. */
export async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** A PostgreSQL client on the benchmark's database, closed after `work`. */
export async function withDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Resets the server's peak resident set size (Linux clear_refs 5), so the next reading is this run's. */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not allowed: the peak then covers the process's whole life
  }
}

/** The server's peak resident set size in MB since the last reset (VmHWM). */
export function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024, 1) : undefined;
  } catch {
    return undefined;
  }
}

/** Fills in ratio and met from ours, baseline and target (lower is better unless `higherIsBetter`). */
export function judged(
  result: Omit<BenchResult, 'ratio' | 'met'>,
  { higherIsBetter = false, rssLimitMb }: { higherIsBetter?: boolean; rssLimitMb?: number } = {},
): BenchResult {
  const ratio = result.baseline ? round(result.ours / result.baseline, 2) : null;
  let met: boolean | null = null;
  if (ratio !== null && result.target !== null) met = higherIsBetter ? ratio >= result.target : ratio <= result.target;
  if (met !== null && rssLimitMb !== undefined && result.peakRssMb !== undefined)
    met &&= result.peakRssMb <= rssLimitMb;
  return {
    ...result,
    ours: round(result.ours),
    baseline: result.baseline === null ? null : round(result.baseline),
    ratio,
    met,
  };
}

/** API call with the administrator's token. */
export async function apiJson<T>(
  ctx: BenchContext,
  method: string,
  path: string,
  body?: unknown,
  token = ctx.adminToken,
): Promise<T> {
  const response = await fetch(`${ctx.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A deterministic pseudo-random generator (mulberry32), so every run works on the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const RESULTS_JSON = join(__dirname, 'results.json');
export const RESULTS_MD = join(__dirname, 'results.md');

const DESCRIPTIONS: Record<string, string> = {
  B1: 'import 1 000 000 outcome rows (CSV) over HTTP until the job is done',
  B2: 'export 1 000 000 rows as CSV over HTTP, to the last byte',
  B3: 'pooled REML over 1 000 000 measurements in 10 000 approved evaluations, and the evidence map',
  B4: 'programs list (page of 25 of 100 000), 64 connections, 20 s',
  B5: 'admin initial load',
};

/** The Markdown table docs/performance.md shows. */
export function markdownTable(results: Record<string, BenchResult>, meta: { rows: number; when: string }): string {
  const lines = [
    `Measured ${meta.when} with ${meta.rows.toLocaleString('en-US')} rows (\`npm run bench\`).`,
    '',
    '| id | what | ours | baseline | ratio | target | met | server peak RSS |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [id, r] of Object.entries(results)) {
    const unit = r.unit === 's' ? ' s' : ` ${r.unit}`;
    lines.push(
      `| ${id} | ${DESCRIPTIONS[id] ?? ''} | ${r.ours}${unit} | ${r.baseline === null ? '—' : `${r.baseline}${unit}`} | ` +
        `${r.ratio ?? '—'} | ${r.target ?? '—'} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} | ` +
        `${r.peakRssMb === undefined ? '—' : `${r.peakRssMb} MB`} |`,
    );
  }
  return lines.join('\n') + '\n';
}
