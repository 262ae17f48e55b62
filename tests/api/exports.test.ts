import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { adminToken, api, baseUrl, listQuery, unique } from '../support/api';
import {
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
} from '../support/factories';
import { csvRecords } from '../support/browser-helpers';
import { createToken, createUser } from '../support/sessions';

async function download(path: string, token = adminToken()) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** The server's resident memory in MB (Linux /proc), sampled around a large export. */
function serverRssMb(): number | null {
  try {
    const status = readFileSync(`/proc/${process.env.LEDGER_SERVER_PID}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

describe('exports: every list streams through the server', () => {
  let ngoId: number;
  let tag: string;

  beforeAll(async () => {
    ngoId = (await createOrganization()).id;
    tag = unique('Export');
    for (const country of ['PH', 'CO', 'PH'])
      await createProgram(ngoId, { name: `${tag} ${country}`, countries: [country] });
  });

  it('writes a filtered, sorted list as CSV with the same rows as the list', async () => {
    const filter = encodeURIComponent(JSON.stringify({ q: tag, country: 'PH' }));
    const file = await download(`/api/programs/export?format=csv&sort=["name","ASC"]&filter=${filter}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="?programs-\d{4}-\d{2}-\d{2}\.csv"?/);
    const lines = file.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['id', 'organizationId', 'name']);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes(`${tag} PH`) && l.includes(',2026-01-01,'))).toBe(true);
    const list = await api<unknown[]>('GET', `/api/programs${listQuery({ filter: { q: tag, country: 'PH' } })}`);
    expect(list.body).toHaveLength(lines.length - 1);
  });

  it('writes the same cells in CSV (PostgreSQL COPY) as in NDJSON, for awkward text, lists, booleans and times', async () => {
    const marker = unique('Awkward');
    const awkward = `${marker} "quoted", comma\nnew line ' O'Brien \\ back slash ñ 子 $1 $10`;
    await createProgram(ngoId, { name: awkward, summary: '', countries: ['PH', 'CO'], activities: ['a; b', 'c'] });
    const indicator = await createIndicator({ active: false, unit: '' });
    for (const [resource, filter] of [
      ['programs', { q: marker }],
      ['indicators', { id: [indicator.id] }],
      ['organizations', { id: [ngoId] }],
    ] as const) {
      const query = `filter=${encodeURIComponent(JSON.stringify(filter))}&sort=["id","ASC"]`;
      const csv = csvRecords((await download(`/api/${resource}/export?format=csv&${query}`)).body.toString('utf8'));
      const ndjson = (await download(`/api/${resource}/export?format=ndjson&${query}`)).body
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(csv.length).toBe(ndjson.length);
      expect(csv.length).toBeGreaterThan(0);
      // NDJSON keeps JSON types; the CSV cell is the same value written as text.
      const asText = (v: unknown) =>
        v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : JSON.stringify(v);
      expect({ resource, rows: csv }).toEqual({
        resource,
        rows: ndjson.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asText(v)]))),
      });
    }
    const programs = csvRecords(
      (
        await download(`/api/programs/export?format=csv&filter=${encodeURIComponent(JSON.stringify({ q: "O'Brien" }))}`)
      ).body.toString('utf8'),
    );
    expect(programs.map((p) => [p.name, p.countries, p.activities])).toEqual([[awkward, 'PH; CO', 'a; b; c']]);
  });

  it('writes XLSX and NDJSON, and records each export in the audit log', async () => {
    const filter = encodeURIComponent(JSON.stringify({ q: tag }));
    const xlsx = await download(`/api/programs/export?format=xlsx&filter=${filter}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets[0].rowCount).toBe(4);
    const ndjson = await download(`/api/programs/export?format=ndjson&filter=${filter}`);
    const records = ndjson.body
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; countries: string });
    expect(records.map((r) => r.name).sort()).toEqual([`${tag} CO`, `${tag} PH`, `${tag} PH`]);
    const audit = await api<{ after: { resource: string; format: string; rows: number } }[]>(
      'GET',
      `/api/audit-events${listQuery({ filter: { action: 'export', entityType: 'program' }, range: [0, 2] })}`,
    );
    expect(audit.body[0].after).toMatchObject({ resource: 'programs', format: 'ndjson', rows: 3 });
  });

  it('applies the access rules of the list, and refuses bad parameters', async () => {
    const other = await createToken(await createUser('coordinator'), 'read');
    const filter = encodeURIComponent(JSON.stringify({ q: tag }));
    const foreign = await download(`/api/programs/export?format=ndjson&filter=${filter}`, other);
    expect(foreign.status).toBe(200);
    expect(foreign.body.toString('utf8').trim()).toBe('');
    expect((await download('/api/programs/export?format=pdf')).status).toBe(400);
    expect((await download('/api/programs/export?range=[0,9]')).status).toBe(400);
    expect((await download('/api/programs/export?filter={"colour":"red"}')).status).toBe(400);
    expect((await download('/api/audit-events/export', other)).status).toBe(400);
    expect((await download('/api/users/export', other)).status).toBe(403);
  });

  it('streams 100 000 measurements in constant memory, in the import’s own columns', async () => {
    const program = await createProgram(ngoId);
    const indicator = await createIndicator({ measureType: 'count', minValue: 0, maxValue: null });
    const evaluation = (
      await api<Evaluation>('POST', '/api/evaluations', evaluationInput(program.id, { design: 'post_only' }))
    ).body;
    const client = new Client({ connectionString: process.env.LEDGER_DATABASE_URL });
    await client.connect();
    try {
      // Bulk setup straight into the table: 100 000 rows through the API would take minutes.
      await client.query(
        `INSERT INTO outcome_measurements (organization_id, evaluation_id, indicator_id, arm, timepoint, sex, age_band, region, n, value, version)
         SELECT $1, $2, $3, 'single', 'post', 'total', 'total', 'R' || lpad(g::text, 6, '0'), 100, g, 1
         FROM generate_series(1, 100000) g`,
        [ngoId, evaluation.id, indicator.id],
      );
    } finally {
      await client.end();
    }
    const before = serverRssMb();
    const filter = encodeURIComponent(JSON.stringify({ evaluationId: evaluation.id }));
    const file = await download(`/api/outcome-measurements/export?format=csv&filter=${filter}`);
    const after = serverRssMb();
    const lines = file.body.toString('utf8').trim().split('\n');
    expect(file.status).toBe(200);
    expect(lines).toHaveLength(100_001);
    expect(lines[0].replace(/^\uFEFF/, '')).toBe(
      'id,evaluation_id,indicator_code,arm,timepoint,sex,age_band,region,n,events,mean,sd,value,timepoint_label,measured_on',
    );
    console.log(`export of 100 000 rows: server RSS ${before?.toFixed(0)} MB before, ${after?.toFixed(0)} MB after`);
    if (before !== null && after !== null) expect(after - before).toBeLessThan(150);
  });
});
