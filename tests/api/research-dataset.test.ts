import JSZip from 'jszip';
import { api, baseUrl, adminToken } from '../support/api';
import {
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
  submitAndApprove,
} from '../support/factories';
import { createToken, createUser } from '../support/sessions';

const K = 11;

async function download(path: string, token: string) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const names = header.split(',');
  // Our values contain no commas or quotes except titles, which this test does not read.
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

/**
 * The researcher data set: approved evaluations only, small cells suppressed (primary and
 * complementary) for outsiders, unsuppressed for the owning NGO; a valid Frictionless data package.
 */
describe('research data set', () => {
  let indicatorId: number;
  let tokens: { researcher: string; owner: string };

  beforeAll(async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { strategy: 'technology' });
    indicatorId = (await createIndicator()).id;
    const evaluation = (
      await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(program.id, { primaryIndicatorIds: [indicatorId] }),
      )
    ).body;
    const cells: [string, string, string, number, number][] = [
      ['treatment', 'post', 'total', 120, 60],
      ['treatment', 'post', 'female', 5, 2],
      ['treatment', 'post', 'male', 70, 30],
      ['treatment', 'post', 'other', 45, 28],
      ['comparison', 'post', 'total', 110, 40],
      ['comparison', 'post', 'female', 55, 20],
      ['comparison', 'post', 'male', 55, 20],
    ];
    for (const [arm, timepoint, sex, n, events] of cells) {
      const r = await api('POST', '/api/outcome-measurements', {
        evaluationId: evaluation.id,
        indicatorId,
        arm,
        timepoint,
        sex,
        n,
        events,
      });
      expect(r.status).toBe(201);
    }
    await submitAndApprove(evaluation);
    // A draft with the same indicator: never in the data set.
    const draft = (await api<Evaluation>('POST', '/api/evaluations', evaluationInput(program.id))).body;
    await api('POST', '/api/outcome-measurements', {
      evaluationId: draft.id,
      indicatorId,
      arm: 'treatment',
      timepoint: 'post',
      n: 3,
      events: 1,
    });
    tokens = {
      researcher: await createToken(await createUser('researcher'), 'read'),
      owner: await createToken(await createUser('coordinator', ngo.id), 'read'),
    };
  });

  it('suppresses small cells and the cells that would reveal them, for a researcher', async () => {
    const file = await download(
      `/api/exports/research-dataset?format=csv&indicatorId=${indicatorId}`,
      tokens.researcher,
    );
    expect(file.status).toBe(200);
    const rows = parseCsv(file.body.toString('utf8'));
    expect(rows).toHaveLength(7);
    const bySex = (arm: string, sex: string) => rows.find((r) => r.arm === arm && r.sex === sex)!;
    expect(bySex('treatment', 'female')).toMatchObject({ n: 'S', events: 'S' });
    expect(bySex('treatment', 'other')).toMatchObject({ n: 'S', events: 'S' }); // complementary
    expect(bySex('treatment', 'male')).toMatchObject({ n: '70', events: '30' });
    for (const row of rows) {
      for (const field of ['n', 'events']) {
        const value = Number(row[field]);
        if (row[field] !== 'S' && row[field] !== '') expect(value === 0 || value >= K).toBe(true);
      }
      if (row.n !== 'S' && row.events !== 'S' && row.events !== '') {
        const rest = Number(row.n) - Number(row.events);
        expect(rest === 0 || rest >= K).toBe(true);
      }
    }
    // The effect on the total rows comes from visible totals only.
    expect(Number(bySex('treatment', 'total').effect)).toBeCloseTo(Math.log(60 / 120 / (40 / 110)), 10);
  });

  it('shows the owning NGO its own numbers unsuppressed', async () => {
    const file = await download(`/api/exports/research-dataset?format=csv&indicatorId=${indicatorId}`, tokens.owner);
    const female = parseCsv(file.body.toString('utf8')).find((r) => r.arm === 'treatment' && r.sex === 'female')!;
    expect(female).toMatchObject({ n: '5', events: '2', suppressed: '' });
  });

  it('writes a Frictionless data package whose table follows its schema', async () => {
    const file = await download(
      `/api/exports/research-dataset?format=datapackage&indicatorId=${indicatorId}`,
      tokens.researcher,
    );
    expect(file.type).toContain('application/zip');
    const zip = await JSZip.loadAsync(file.body);
    const descriptor = JSON.parse(await zip.file('datapackage.json')!.async('string')) as {
      profile: string;
      name: string;
      resources: {
        path: string;
        profile: string;
        schema: { fields: { name: string; type: string }[]; missingValues: string[] };
      }[];
    };
    expect(descriptor.profile).toBe('tabular-data-package');
    expect(descriptor.name).toMatch(/^[a-z0-9._-]+$/); // Data Package: lower-case name
    const [resource] = descriptor.resources;
    expect(resource.profile).toBe('tabular-data-resource');
    expect(resource.schema.missingValues).toEqual(['', 'S']);
    const types = new Set(['string', 'number', 'integer', 'date']);
    expect(resource.schema.fields.every((f) => types.has(f.type) && f.name.length > 0)).toBe(true);
    const csv = await zip.file(resource.path)!.async('string');
    const [header] = csv.replace(/^\uFEFF/, '').split('\n');
    expect(header.split(',')).toEqual(resource.schema.fields.map((f) => f.name));
    // Table Schema: each value is a missing value or parses as its field's type.
    const check: Record<string, (v: string) => boolean> = {
      integer: (v) => /^-?\d+$/.test(v),
      number: (v) => /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v),
      date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
      string: () => true,
    };
    for (const row of parseCsv(csv)) {
      for (const field of resource.schema.fields) {
        const value = row[field.name] ?? '';
        if (field.name === 'evaluation_title' || field.name === 'program_name' || field.name === 'indicator_name')
          continue;
        expect(resource.schema.missingValues.includes(value) || check[field.type](value)).toBe(true);
      }
    }
  });

  it('refuses bad parameters and records the export', async () => {
    expect((await download('/api/exports/research-dataset?format=pdf', tokens.researcher)).status).toBe(400);
    expect((await download('/api/exports/research-dataset?country=XX', tokens.researcher)).status).toBe(400);
    expect((await download('/api/exports/research-dataset?yearFrom=99', tokens.researcher)).status).toBe(400);
    expect((await download('/api/exports/research-dataset?colour=red', tokens.researcher)).status).toBe(400);
    const audit = await api<{ after: { resource: string; suppressedCells: number } }[]>(
      'GET',
      `/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ action: 'export', entityType: 'evaluation' }))}&range=[0,0]`,
      undefined,
      { token: adminToken() },
    );
    expect(audit.body[0].after.resource).toBe('research-dataset');
  });

  it('keeps hidden across an amendment what a researcher could not see in the earlier revision', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { strategy: 'training' });
    const indicator = (await createIndicator()).id;
    const created = (
      await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(program.id, { primaryIndicatorIds: [indicator] }),
      )
    ).body;
    // Treatment post: female 5 (small), male 15 (the complement), other 30; comparison large.
    const cells: [string, string, number, number][] = [
      ['treatment', 'total', 50, 25],
      ['treatment', 'female', 5, 0],
      ['treatment', 'male', 15, 0],
      ['treatment', 'other', 30, 25],
      ['comparison', 'total', 60, 30],
    ];
    for (const [arm, sex, n, events] of cells) {
      const r = await api('POST', '/api/outcome-measurements', {
        evaluationId: created.id,
        indicatorId: indicator,
        arm,
        timepoint: 'post',
        sex,
        n,
        events,
      });
      expect(r.status).toBe(201);
    }
    const approve = submitAndApprove;
    await approve(created);
    const csv = async () =>
      parseCsv(
        (
          await download(`/api/exports/research-dataset?format=csv&indicatorId=${indicator}`, tokens.researcher)
        ).body.toString('utf8'),
      ).filter((r) => r.arm === 'treatment');
    const before = await csv();
    expect(before.find((r) => r.sex === 'male')).toMatchObject({ n: 'S' });
    expect(before.find((r) => r.sex === 'other')).toMatchObject({ n: '30' });

    // The amendment corrects other to 12 (total 32): alone, other would now hide and male (15) show,
    // and with the first revision (female + male = 20) female = 5 would follow.
    const amended = (await api<Evaluation>('POST', `/api/evaluations/${created.id}/amend`, { comment: 'Corrected' }))
      .body;
    const copies = (
      await api<{ id: number; sex: string; arm: string; version: number; n: number; events: number }[]>(
        'GET',
        `/api/outcome-measurements?filter=${encodeURIComponent(JSON.stringify({ evaluationId: amended.id }))}`,
      )
    ).body;
    for (const [sex, n, events] of [
      ['total', 32, 25],
      ['other', 12, 25 - 0],
    ] as const) {
      const copy = copies.find((c) => c.arm === 'treatment' && c.sex === sex)!;
      const put = await api('PUT', `/api/outcome-measurements/${copy.id}`, {
        ...copy,
        n,
        events: Math.min(events, n),
      });
      expect(put.status).toBe(200);
    }
    await approve((await api<Evaluation>('GET', `/api/evaluations/${amended.id}`)).body);
    const after = await csv();
    expect(after).toHaveLength(4);
    expect(after.find((r) => r.sex === 'female')).toMatchObject({ n: 'S' });
    expect(after.find((r) => r.sex === 'male')).toMatchObject({ n: 'S' });
  });
});
