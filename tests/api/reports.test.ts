import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, api, baseUrl } from '../support/api';
import {
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
} from '../support/factories';
import { createToken, createUser } from '../support/sessions';

const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
if (!hasPdftotext) console.warn('SKIPPED: PDF text check (no pdftotext; .ci/run installs poppler-utils)');

async function download(path: string, token = adminToken()) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe('evaluation summary (PDF and XLSX)', () => {
  let evaluation: Evaluation;
  let indicatorCode: string;

  beforeAll(async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id, { name: 'Summary test program' });
    const indicator = await createIndicator();
    indicatorCode = indicator.code;
    evaluation = (
      await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(program.id, { title: 'Summary trial 2026', primaryIndicatorIds: [indicator.id] }),
      )
    ).body;
    for (const [arm, timepoint, n, events] of [
      ['treatment', 'baseline', 200, 60],
      ['comparison', 'baseline', 200, 61],
      ['treatment', 'post', 180, 110],
      ['comparison', 'post', 170, 70],
    ] as const) {
      await api('POST', '/api/outcome-measurements', {
        evaluationId: evaluation.id,
        indicatorId: indicator.id,
        arm,
        timepoint,
        n,
        events,
      });
    }
    await api('POST', `/api/evaluations/${evaluation.id}/submit`, {
      version: evaluation.version,
      comment: 'Ready for the board',
    });
  });

  it('renders a PDF with the study, outcomes, effects, rating and review history', async () => {
    const file = await download(`/api/evaluations/${evaluation.id}/summary.pdf`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('application/pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = file.body.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    if (!hasPdftotext) return;
    const path = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.pdf');
    writeFileSync(path, file.body);
    const text = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout;
    for (const expected of [
      'Summary trial 2026',
      'Summary test program',
      'Randomised controlled trial',
      'Effects',
      'Evidence rating',
      'Review history',
      'Ready for the board',
      indicatorCode,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/RR 1\.\d\d \(1\.\d\d to [12]\.\d\d\)/);
  });

  it('writes the same summary as a workbook', async () => {
    const file = await download(`/api/evaluations/${evaluation.id}/summary.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['evaluation', 'outcomes', 'effects', 'review']);
    expect(workbook.getWorksheet('outcomes')!.rowCount).toBe(5);
    const effect = workbook.getWorksheet('effects')!.getRow(2);
    expect(effect.getCell(1).value).toBe(indicatorCode);
    expect(Number(effect.getCell(5).value)).toBeCloseTo(Math.log(110 / 180 / (70 / 170)), 10);
  });

  it('is only for those who can read the evaluation', async () => {
    const stranger = await createToken(await createUser('coordinator'), 'read');
    expect((await download(`/api/evaluations/${evaluation.id}/summary.pdf`, stranger)).status).toBe(404);
    expect((await download(`/api/evaluations/${evaluation.id}/summary.xlsx`, stranger)).status).toBe(404);
  });
});
