import ExcelJS from 'exceljs';
import { request } from 'node:http';
import { adminToken, api, baseUrl, ErrorBody, listQuery } from '../support/api';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
  type Indicator,
} from '../support/factories';
import { createToken, createUser } from '../support/sessions';

interface Job {
  id: string;
  state: string;
  progress: number;
  processedRows: number;
  result: Record<string, unknown> | null;
  errors: { row: number; column: string; value: string; message: string }[];
  errorCount: number;
}

/** Uploads a file as multipart/form-data, like the admin's import dialog. */
async function upload(
  evaluationId: number,
  content: Buffer | string,
  {
    fileName = 'outcomes.csv',
    query = '',
    key,
    token = adminToken(),
    path = `/api/evaluations/${evaluationId}/imports`,
  }: { fileName?: string; query?: string; key?: string; token?: string; path?: string } = {},
) {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), fileName);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${baseUrl()}${path}${query}`, {
    method: 'POST',
    body: form,
    headers,
  });
  return { status: response.status, body: (await response.json()) as Job & ErrorBody };
}

/** Polls the job until it has finished. */
async function finished(id: string, token = adminToken()): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const job = await api<Job>('GET', `/api/jobs/${id}`, undefined, { token });
    if (job.body.state === 'completed' || job.body.state === 'failed') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('outcome-measurement imports', () => {
  let programId: number;
  let proportion: Indicator;
  let knowledge: Indicator;
  const csv = (rows: string[]) => ['indicator_code,arm,timepoint,n,events,mean,sd', ...rows].join('\n') + '\n';
  const good = () => [
    `${proportion.code},treatment,baseline,120,30,,`,
    `${proportion.code},comparison,baseline,118,29,,`,
    `${proportion.code},treatment,post,115,64,,`,
    `${knowledge.code},treatment,post,115,,14.2,3.1`,
  ];

  const newEvaluation = async () =>
    (
      await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(programId, { primaryIndicatorIds: [proportion.id] }),
      )
    ).body;
  const measurementsOf = async (evaluationId: number) =>
    (
      await api<{ n: number; events: number | null }[]>(
        'GET',
        `/api/outcome-measurements${listQuery({ filter: { evaluationId }, range: [0, 99] })}`,
      )
    ).body;

  beforeAll(async () => {
    programId = (await createProgram((await createOrganization()).id)).id;
    proportion = await createIndicator();
    knowledge = await createIndicator({ measureType: 'mean', minValue: 0, maxValue: 20 });
  });

  it('offers a template with the evaluation’s indicators, arms and timepoints', async () => {
    const evaluation = await newEvaluation();
    const response = await fetch(`${baseUrl()}/api/evaluations/${evaluation.id}/import-template?format=csv`, {
      headers: { authorization: `Bearer ${adminToken()}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`evaluation-${evaluation.id}-outcomes.csv`);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'indicator_code,arm,timepoint,sex,age_band,region,n,events,mean,sd,value,timepoint_label,measured_on',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      `${proportion.code},treatment,baseline`,
      `${proportion.code},treatment,post`,
      `${proportion.code},comparison,baseline`,
      `${proportion.code},comparison,post`,
    ]);
    const xlsx = await fetch(`${baseUrl()}/api/evaluations/${evaluation.id}/import-template?format=xlsx`, {
      headers: { authorization: `Bearer ${adminToken()}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['outcomes', 'help']);
  });

  it('imports a CSV (with a BOM) as a job and writes every row', async () => {
    const evaluation = await newEvaluation();
    const accepted = await upload(evaluation.id, '\uFEFF' + csv(good()));
    expect(accepted.status).toBe(202);
    const job = await finished(accepted.body.id);
    expect(job).toMatchObject({ state: 'completed', progress: 100, processedRows: 4, errorCount: 0 });
    expect(job.result).toMatchObject({ written: 4, inserted: 4, replaced: 0 });
    expect(await measurementsOf(evaluation.id)).toHaveLength(4);
    const history = await api<{ action: string }[]>(
      'GET',
      `/api/audit-events${listQuery({ filter: { subjectType: 'evaluation', subjectId: String(evaluation.id), action: 'import' } })}`,
    );
    expect(history.body).toHaveLength(1);
  });

  it('accepts the template with only some rows filled in, skipping the blank ones', async () => {
    const evaluation = await newEvaluation();
    const template = await fetch(`${baseUrl()}/api/evaluations/${evaluation.id}/import-template?format=csv`, {
      headers: { authorization: `Bearer ${adminToken()}` },
    });
    const [header, first, ...rest] = (await template.text()).trim().split('\n');
    const cells = first.split(',');
    cells[6] = '150'; // n
    cells[7] = '45'; // events
    const job = await finished((await upload(evaluation.id, [header, cells.join(','), ...rest].join('\n'))).body.id);
    expect(job.state).toBe('completed');
    expect(job.result).toMatchObject({ written: 1, skippedBlankRows: 3 });
  });

  it('validates only on a dry run', async () => {
    const evaluation = await newEvaluation();
    const job = await finished((await upload(evaluation.id, csv(good()), { query: '?dryRun=true' })).body.id);
    expect(job.state).toBe('completed');
    expect(job.result).toMatchObject({ dryRun: true, written: 0, wouldInsert: 4 });
    expect(await measurementsOf(evaluation.id)).toHaveLength(0);
  });

  it('writes nothing when one row is bad, and lists every problem with row and column', async () => {
    const evaluation = await newEvaluation();
    const rows = [
      ...good(),
      `${proportion.code},comparison,post,100,130,,`,
      `NOPE-01,treatment,post,10,1,,`,
      `${knowledge.code},single,post,5,,3,-1`,
    ];
    const job = await finished((await upload(evaluation.id, csv(rows))).body.id);
    expect(job.state).toBe('failed');
    expect(job.result).toMatchObject({ written: 0, rows: 7 });
    expect(job.errors).toEqual(
      expect.arrayContaining([
        { row: 6, column: 'events', value: '130', message: 'must be at most n (100)' },
        { row: 7, column: 'indicator_code', value: 'NOPE-01', message: 'no indicator has the code NOPE-01' },
        expect.objectContaining({ row: 8, column: 'sd', value: '-1' }) as unknown,
      ]),
    );
    expect(job.errorCount).toBe(3);
    expect(await measurementsOf(evaluation.id)).toHaveLength(0);
  });

  it('reports existing measurements instead of overwriting them, and replaces them on upsert (audited)', async () => {
    const evaluation = await newEvaluation();
    await finished((await upload(evaluation.id, csv(good()))).body.id);
    const again = await finished(
      (await upload(evaluation.id, csv([`${proportion.code},treatment,post,115,70,,`]))).body.id,
    );
    expect(again.state).toBe('failed');
    expect(again.errors[0].message).toContain('mode=upsert');
    const upsert = await finished(
      (await upload(evaluation.id, csv([`${proportion.code},treatment,post,115,70,,`]), { query: '?mode=upsert' })).body
        .id,
    );
    expect(upsert.result).toMatchObject({ inserted: 0, replaced: 1 });
    expect((await measurementsOf(evaluation.id)).map((m) => m.events)).toContain(70);
  });

  it('makes a retried upload with the same Idempotency-Key safe', async () => {
    const evaluation = await newEvaluation();
    const key = `retry-${Date.now()}`;
    const first = await upload(evaluation.id, csv(good()), { key });
    const retry = await upload(evaluation.id, csv(good()), { key });
    expect(first.status).toBe(202);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    await finished(first.body.id);
    expect(await measurementsOf(evaluation.id)).toHaveLength(4);
    const reused = await upload(evaluation.id, csv(good().slice(0, 1)), { key });
    expect(reused.status).toBe(409);
  });

  it('answers bad files clearly: too large 413, not a spreadsheet 415, wrong header or encoding 422', async () => {
    const evaluation = await newEvaluation();
    const big = await upload(evaluation.id, csv(good()) + 'x'.repeat(1.2 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect(big.body.message).toContain('IMPORT_MAX_MB');
    const png = await upload(evaluation.id, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), {
      fileName: 'chart.png',
    });
    expect(png.status).toBe(415);
    const header = await upload(evaluation.id, 'indicator,arm,timepoint,n,colour\nX,treatment,post,1,red\n');
    expect(header.status).toBe(422);
    expect(header.body.message).toContain('missing column(s): indicator_code');
    expect(header.body.message).toContain('unknown column(s): indicator, colour');
    const latin1 = await upload(
      evaluation.id,
      Buffer.from(csv([`${proportion.code},treatment,post,10,1,,`]).replace('post', 'pós'), 'latin1'),
    );
    expect(latin1.status).toBe(422);
    expect(latin1.body.message).toContain('UTF-8');
    const none = await fetch(`${baseUrl()}/api/evaluations/${evaluation.id}/imports`, {
      method: 'POST',
      body: JSON.stringify({}),
      headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' },
    });
    expect(none.status).toBe(415);
    // Nothing of the refused uploads was kept.
    expect(await measurementsOf(evaluation.id)).toHaveLength(0);
  });

  it('reads the sheet named outcomes from an XLSX with several sheets', async () => {
    const evaluation = await newEvaluation();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('notes').addRow(['anything', 'here']);
    const sheet = workbook.addWorksheet('outcomes');
    sheet.addRow(['indicator_code', 'arm', 'timepoint', 'n', 'events']);
    sheet.addRow([proportion.code, 'treatment', 'post', 90, 45]);
    sheet.addRow([proportion.code, 'comparison', 'post', 88, 30]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const uploaded = await upload(evaluation.id, file, { fileName: 'outcomes.xlsx' });
    expect({ status: uploaded.status, body: uploaded.body }).toMatchObject({ status: 202 });
    const job = await finished(uploaded.body.id);
    expect(job).toMatchObject({ state: 'completed', processedRows: 2 });
    expect(await measurementsOf(evaluation.id)).toHaveLength(2);
  });

  it('recognises an XLSX whose first bytes arrive one at a time (the format is not decided on a sliver)', async () => {
    const evaluation = await newEvaluation();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('outcomes');
    sheet.addRow(['indicator_code', 'arm', 'timepoint', 'n', 'events']);
    sheet.addRow([proportion.code, 'treatment', 'post', 90, 45]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    // A slow network, by hand: the multipart head, then the file's first bytes in separate
    // TCP writes a moment apart, then the rest ("PK" alone is not yet a ZIP signature).
    const boundary = `----ledger${Date.now()}`;
    const url = new URL(`/api/evaluations/${evaluation.id}/imports`, baseUrl());
    const response = await new Promise<{ status: number; body: Job & ErrorBody }>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${adminToken()}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Job & ErrorBody }));
      });
      req.on('error', reject);
      const pause = () => new Promise((done) => setTimeout(done, 40));
      void (async () => {
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="outcomes.xlsx"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
        );
        for (const byte of file.subarray(0, 3)) {
          await pause();
          req.write(Buffer.from([byte]));
        }
        await pause();
        req.write(file.subarray(3));
        req.end(`\r\n--${boundary}--\r\n`);
      })();
    });
    expect(response).toMatchObject({ status: 202 });
    expect(await finished(response.body.id)).toMatchObject({ state: 'completed', processedRows: 1 });
  });

  it('refuses imports into evaluations that are not editable or not the actor’s', async () => {
    const evaluation = await newEvaluation();
    await finished((await upload(evaluation.id, csv(good()))).body.id);
    await api('POST', `/api/outcome-measurements`, {
      evaluationId: evaluation.id,
      indicatorId: proportion.id,
      arm: 'comparison',
      timepoint: 'post',
      n: 100,
      events: 30,
    });
    const submitted = await api('POST', `/api/evaluations/${evaluation.id}/submit`, { version: evaluation.version });
    expect(submitted.status).toBe(200);
    const locked = await upload(evaluation.id, csv(good()));
    expect(locked.status).toBe(409);
    const stranger = await createToken(await createUser('coordinator'), 'write');
    const other = await newEvaluation();
    expect((await upload(other.id, csv(good()), { token: stranger })).status).toBe(404);
    const job = await upload(other.id, csv(good()));
    expect((await api('GET', `/api/jobs/${job.body.id}`, undefined, { token: stranger })).status).toBe(404);
    expect((await api('GET', '/api/jobs/not-a-uuid')).status).toBe(404);
  });
});

describe('the same machinery imports the indicator library and grant targets', () => {
  it('imports indicators for administrators, all or nothing, upserting on request', async () => {
    const stamp = Date.now().toString(36).toUpperCase();
    const file = (name: string) =>
      [
        'code,name,level,measure_type,direction,unit,min_value,max_value,sdg_target',
        `IMP-${stamp}-1,${name},outcome,proportion,increase,share of students,0,1,16.2`,
        `IMP-${stamp}-2,Hotline tips,output,count,increase,tips,0,,`,
      ].join('\n');
    const path = '/api/indicators/imports';
    const done = await finished((await upload(0, file('Students who know the hotline'), { path })).body.id);
    expect(done).toMatchObject({ state: 'completed', result: expect.objectContaining({ inserted: 2 }) as unknown });
    const listed = await api<{ code: string; name: string }[]>(
      'GET',
      `/api/indicators${listQuery({ filter: { q: `IMP-${stamp}` } })}`,
    );
    expect(listed.body.map((i) => i.code).sort()).toEqual([`IMP-${stamp}-1`, `IMP-${stamp}-2`]);
    const again = await finished((await upload(0, file('Renamed'), { path })).body.id);
    expect(again.state).toBe('failed');
    expect(again.errors[0].message).toContain('mode=upsert');
    const bad = await finished(
      (await upload(0, `code,name,level,measure_type,direction\nbad code,X,outcome,proportion,sideways`, { path })).body
        .id,
    );
    expect(bad.errors.map((e) => e.column).sort()).toEqual(['code', 'direction']);
    const upsert = await finished((await upload(0, file('Renamed'), { path, query: '?mode=upsert' })).body.id);
    expect(upsert.result).toMatchObject({ replaced: 2 });
    const coordinator = await createToken(await createUser('coordinator'), 'write');
    expect((await upload(0, file('x'), { path, token: coordinator })).status).toBe(403);
  });

  it('reads a rate’s base from rate_base, required for rates and refused for other measure types', async () => {
    const stamp = Date.now().toString(36).toUpperCase();
    const path = '/api/indicators/imports';
    const header = 'code,name,level,measure_type,direction,unit,rate_base';
    const bad = await finished(
      (
        await upload(
          0,
          [
            header,
            `RB-${stamp}-1,Reports per 1000 children,impact,rate,decrease,per 1000 children,`,
            `RB-${stamp}-2,Share of students,outcome,proportion,increase,share,100`,
            `RB-${stamp}-3,Reports per 10 000,impact,rate,decrease,per 10 000,10000`,
            `RB-${stamp}-4,Reports per 100 000,impact,rate,decrease,per 100 000,"100,000"`,
          ].join('\n'),
          { path },
        )
      ).body.id,
    );
    expect(bad.state).toBe('failed');
    expect(bad.errors).toEqual([
      { row: 2, column: 'rate_base', value: '', message: 'is required for a rate: 1, 100, 1000 or 100000' },
      {
        row: 3,
        column: 'rate_base',
        value: '100',
        message: 'must be empty for a proportion (only a rate has a base)',
      },
      { row: 4, column: 'rate_base', value: '10000', message: 'must be one of 1, 100, 1000, 100000' },
    ]);
    const good = await finished(
      (
        await upload(
          0,
          [
            header,
            `RB-${stamp}-1,Reports per 1000 children,impact,rate,decrease,per 1000 children,1000`,
            `RB-${stamp}-2,Share of students,outcome,proportion,increase,share,`,
            `RB-${stamp}-4,Reports per 100 000,impact,rate,decrease,per 100 000,"100,000"`,
          ].join('\n'),
          { path },
        )
      ).body.id,
    );
    expect(good).toMatchObject({ state: 'completed', result: expect.objectContaining({ inserted: 3 }) as unknown });
    const listed = await api<{ code: string; rateBase: number | null }[]>(
      'GET',
      `/api/indicators${listQuery({ filter: { q: `RB-${stamp}` }, sort: ['code', 'ASC'] })}`,
    );
    expect(listed.body.map((i) => [i.code, i.rateBase])).toEqual([
      [`RB-${stamp}-1`, 1000],
      [`RB-${stamp}-2`, null],
      [`RB-${stamp}-4`, 100000],
    ]);
  });

  it('imports targets from the funder and actual values from the grantee, each only their own', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id);
    const funder = await createUser('funder');
    const coordinator = await createUser('coordinator', ngo.id);
    const tokens = { funder: await createToken(funder, 'write'), coordinator: await createToken(coordinator, 'write') };
    // An accepted grant (created by an admin): targets are set on grants the grantee accepted.
    const grant = await createGrant(funder.organizationId, ngo.id, [program.id]);
    const indicator = await createIndicator();
    const path = `/api/grants/${grant.id}/imports`;
    const targets = [
      'period,indicator_code,baseline_value,target_value,sex',
      `2026 Q1,${indicator.code},0.2,0.4,total`,
      `2026-04-01,${indicator.code},0.2,0.5,total`,
    ].join('\n');
    const created = await finished((await upload(0, targets, { path, token: tokens.funder })).body.id, tokens.funder);
    expect(created).toMatchObject({ state: 'completed', result: expect.objectContaining({ inserted: 2 }) as unknown });

    const actuals = ['period,indicator_code,actual_value,comment', `2026 Q1,${indicator.code},0.35,Term 1 survey`].join(
      '\n',
    );
    const reported = await finished(
      (await upload(0, actuals, { path, token: tokens.coordinator })).body.id,
      tokens.coordinator,
    );
    expect(reported.state).toBe('completed');
    const stored = await api<{ actualValue: number | null; comment: string; progress: number }[]>(
      'GET',
      `/api/targets${listQuery({ filter: { grantId: grant.id }, sort: ['id', 'ASC'] })}`,
      undefined,
      { token: tokens.coordinator },
    );
    expect(stored.body[0]).toMatchObject({ actualValue: 0.35, comment: 'Term 1 survey' });
    expect(stored.body[0].progress).toBeCloseTo(0.75, 12);

    const grabbing = ['period,indicator_code,target_value', `2026 Q1,${indicator.code},0.3`].join('\n');
    const refused = await finished(
      (await upload(0, grabbing, { path, token: tokens.coordinator })).body.id,
      tokens.coordinator,
    );
    expect(refused.errors[0]).toMatchObject({ row: 2, column: 'target_value' });
    const funderActual = ['period,indicator_code,target_value,actual_value', `2026 Q3,${indicator.code},0.6,0.6`].join(
      '\n',
    );
    const refusedFunder = await finished(
      (await upload(0, funderActual, { path, token: tokens.funder })).body.id,
      tokens.funder,
    );
    expect(refusedFunder.errors[0]).toMatchObject({ column: 'actual_value' });
    const unknownPeriod = ['period,indicator_code,target_value', `2030 Q1,${indicator.code},0.6`].join('\n');
    const noPeriod = await finished(
      (await upload(0, unknownPeriod, { path, token: tokens.funder })).body.id,
      tokens.funder,
    );
    expect(noPeriod.errors[0].message).toContain('2026 Q1');
    const stranger = await createToken(await createUser('coordinator'), 'write');
    expect((await upload(0, actuals, { path, token: stranger })).status).toBe(404);
  });
});
