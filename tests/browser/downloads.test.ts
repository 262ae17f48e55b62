/**
 * Downloads and the other imports in the browser (issue 6). A funder downloads the summary PDF of a submitted
 * evaluation linked to their grant, imports the grant's targets on its Targets tab, and publishes the grant as
 * IATI 2.03 and as a DHIS2 data value set; the grantee's coordinator imports actual values and sees the progress;
 * a researcher downloads the Frictionless data package from the Analysis page; an organization without grants
 * offers no IATI download. Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import type { Locator } from 'playwright-core';
import { api, baseUrl, listQuery, unique } from '../support/api';
import { csvRecords, downloadText, eventually, followNextImport, logIn, pickSelect } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
  type Grant,
  type Indicator,
  type Organization,
  submitEvaluation,
  approveEvaluation,
} from '../support/factories';
import { createUser, type TestUser } from '../support/sessions';

/** A grant reference as the admin puts it in a file name (anything but letters, digits, . _ - becomes -). */
const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-');

interface Target {
  reportingPeriodId: number;
  baselineValue: number | null;
  targetValue: number;
  actualValue: number | null;
  progress: number | null;
}

/** An evaluation of the program under the grant, with a full 2 × 2 of numbers, submitted (and approved if asked). */
async function evaluationWithNumbers(
  programId: number,
  grantId: number,
  indicatorId: number,
  title: string,
  approve: boolean,
): Promise<Evaluation> {
  const created = await api<Evaluation>(
    'POST',
    '/api/evaluations',
    evaluationInput(programId, { grantId, title, primaryIndicatorIds: [indicatorId] }),
  );
  expect(created.status).toBe(201);
  const counts = {
    treatment: { baseline: [120, 30], post: [118, 64] },
    comparison: { baseline: [115, 28], post: [112, 35] },
  };
  for (const arm of ['treatment', 'comparison'] as const) {
    for (const timepoint of ['baseline', 'post'] as const) {
      const [n, events] = counts[arm][timepoint];
      const m = await api('POST', '/api/outcome-measurements', {
        evaluationId: created.body.id,
        indicatorId,
        arm,
        timepoint,
        n,
        events,
      });
      expect(m.status).toBe(201);
    }
  }
  const submitted = await submitEvaluation(created.body);
  return approve ? approveEvaluation(submitted) : submitted;
}

describeBrowser('admin: downloads, open data and grant imports (browser)', () => {
  const ui = useBrowserPage({ prefix: 'download', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;
  let ngo: Organization;
  let funderOrg: Organization;
  let indicator: Indicator & { name: string };
  let grant: Grant;
  let submitted: Evaluation;
  let funder: TestUser;
  let coordinator: TestUser;
  let researcher: TestUser;

  beforeAll(async () => {
    ngo = await createOrganization({ name: unique('Downloads NGO') });
    funderOrg = await createOrganization({ name: unique('Downloads Foundation'), kind: 'funder' });
    const program = await createProgram(ngo.id, {
      name: unique('Safe Schools'),
      strategy: 'educate_potential_victims',
    });
    indicator = (await createIndicator({
      name: unique('Students who can name three recruitment tactics'),
    })) as Indicator & {
      name: string;
    };
    grant = await createGrant(funderOrg.id, ngo.id, [program.id], { title: 'School workshops, 2026' });
    submitted = await evaluationWithNumbers(program.id, grant.id, indicator.id, 'School sessions, 2026 trial', false);
    await evaluationWithNumbers(program.id, grant.id, indicator.id, 'School sessions, 2025 pilot', true);
    funder = await createUser('funder', funderOrg.id);
    coordinator = await createUser('coordinator', ngo.id);
    researcher = await createUser('researcher');
  });

  /** Lets MUI's transitions (menus fading in) finish before a screenshot. */
  const settle = () => ui.page.waitForTimeout(400);
  const targets = async () => {
    const response = await api<Target[]>(
      'GET',
      '/api/targets' + listQuery({ filter: { grantId: grant.id }, sort: ['id', 'ASC'], range: [0, 99] }),
    );
    expect(response.status).toBe(200);
    return response.body;
  };
  const openTargets = async () => {
    await ui.page.goto(`${baseUrl()}/#/grants/${grant.id}/show/targets`);
    await ui.page.getByText('Each cell:', { exact: false }).waitFor();
  };
  const chooseFile = async (dialog: Locator, name: string, content: string) => {
    await dialog
      .getByLabel('File (.csv or .xlsx)')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    await eventually(async () => expect(await dialog.getByTestId('import-file-name').innerText()).toContain(name));
  };
  /** Dry run, then "Import now", then the summary; returns the dialog's final status text. */
  const checkAndImport = async (dialog: Locator, expectValid: string) => {
    let ended = followNextImport(dialog.page());
    await dialog.getByRole('button', { name: 'Check file' }).click();
    await ended();
    const status = dialog.getByRole('status');
    await status.waitFor();
    expect(await status.innerText()).toContain(expectValid);
    ended = followNextImport(dialog.page());
    await dialog.getByRole('button', { name: 'Import now' }).click();
    await ended();
    await eventually(async () => expect(await status.innerText()).toMatch(/imported|reported/));
    return status.innerText();
  };

  test('a funder downloads the summary PDF of a submitted evaluation linked to their grant', async () => {
    const { page } = ui;
    await logIn(page, funder);
    await page.goto(`${baseUrl()}/#/evaluations/${submitted.id}/show`);
    await page.getByTestId('status-banner').waitFor();
    await page.getByRole('button', { name: 'Summary' }).click();
    await page.getByRole('menuitem', { name: /^PDF/ }).waitFor();
    expect(await page.getByRole('menu').innerText()).toContain('Evaluation summary for boards and funders');
    await settle();
    await shot('1-summary-menu');
    const pdf = await downloadText(page, () => page.getByRole('menuitem', { name: /^PDF/ }).click());
    expect(pdf.filename).toMatch(/\.pdf$/);
    expect(new URL(pdf.url).pathname).toBe(`/api/evaluations/${submitted.id}/summary.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const xlsx = await downloadText(page, async () => {
      await page.getByRole('button', { name: 'Summary' }).click();
      await page.getByRole('menuitem', { name: /^Excel/ }).click();
    });
    expect(xlsx.filename).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  test('the funder imports the grant’s targets from a CSV on the Targets tab and sees them in the grid', async () => {
    const { page } = ui;
    await logIn(page, funder);
    await openTargets();
    await page.getByText('No targets yet.').waitFor();
    await page.getByRole('button', { name: 'Import targets' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import targets from a file' });
    await dialog.waitFor();
    // No server template: the dialog lists the expected columns, with this grant's period labels.
    const columns = dialog.getByRole('table', { name: 'Columns of the file' });
    expect(await columns.getByRole('row').count()).toBe(9);
    expect(await columns.innerText()).toContain('“2026 Q1”, “2026 Q2”, “2026 Q3”, “2026 Q4”');
    expect(await dialog.getByRole('checkbox', { name: 'Replace existing targets (upsert)' }).count()).toBe(1);

    const file = [
      'period,indicator_code,sex,age_band,region,baseline_value,target_value,comment',
      `2026 Q1,${indicator.code},total,total,total,0.2,0.3,First quarter`,
      // A period can also be named by its start date; empty breakdowns are totals.
      `2026-04-01,${indicator.code},,,,0.2,0.4,`,
    ].join('\n');
    await chooseFile(dialog, 'targets.csv', file);
    await settle();
    await shot('2-targets-dialog');
    const done = await checkAndImport(dialog, '2 rows are valid: 2 new, 0 would replace existing targets.');
    expect(done).toContain('2 targets imported (2 new, 0 replaced)');
    await shot('3-targets-imported');
    expect((await targets()).map((t) => [t.baselineValue, t.targetValue, t.actualValue])).toEqual([
      [0.2, 0.3, null],
      [0.2, 0.4, null],
    ]);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    const grid = page.getByRole('table', { name: 'Targets by indicator and reporting period' });
    await eventually(async () => {
      const text = await grid.innerText();
      expect(text).toContain('Target 0.3');
      expect(text).toContain('Target 0.4');
    });
    await shot('4-targets-grid');
  });

  test('the grantee’s coordinator imports actual values from the file the dialog offers and sees the progress', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await openTargets();
    expect(await page.getByRole('button', { name: 'Import targets' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Import actual values' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import actual values from a file' });
    await dialog.waitFor();
    // Nothing to replace for a grantee: the upsert option is not offered.
    expect(await dialog.getByRole('checkbox', { name: /upsert/ }).count()).toBe(0);
    await settle();
    await shot('5a-actuals-dialog');

    // The file to fill in: one row per existing target.
    const start = await downloadText(page, () =>
      dialog.getByRole('button', { name: 'Download a CSV to fill in' }).click(),
    );
    expect(start.filename).toBe(`${safe(grant.reference)}-actuals.csv`);
    const rows = csvRecords(start.text);
    expect(rows.map((r) => [r.period, r.indicator_code, r.actual_value])).toEqual([
      ['2026 Q1', indicator.code, ''],
      ['2026 Q2', indicator.code, ''],
    ]);
    const header = Object.keys(rows[0]);
    expect(header).toEqual(['period', 'indicator_code', 'sex', 'age_band', 'region', 'actual_value', 'comment']);
    const actual: Record<string, string> = { '2026 Q1': '0.25', '2026 Q2': '0.4' };
    const filled = [
      header.join(','),
      ...rows.map((r) => header.map((h) => (h === 'actual_value' ? actual[r.period] : r[h])).join(',')),
    ].join('\n');

    await chooseFile(dialog, 'actuals.csv', filled);
    const done = await checkAndImport(dialog, '2 actual values are valid and ready to report.');
    expect(done).toContain('2 actual values reported.');
    await shot('5-actuals-imported');
    const saved = await targets();
    expect(saved.map((t) => [t.actualValue, t.progress])).toEqual([
      [0.25, 0.5],
      [0.4, 1],
    ]);
    // The comment the funder wrote is kept (it came back in the file).
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    const grid = page.getByRole('table', { name: 'Targets by indicator and reporting period' });
    await eventually(async () => {
      expect(await grid.getByRole('progressbar', { name: 'Progress 50 %' }).count()).toBe(1);
      expect(await grid.getByRole('progressbar', { name: 'Progress 100 %' }).count()).toBe(1);
    });
    expect(await grid.innerText()).toContain('First quarter');
    await shot('6-actuals-grid');
  });

  test('the funder publishes the grant as IATI 2.03 and DHIS2, and all its grants from its organization page', async () => {
    const { page } = ui;
    await logIn(page, funder);
    await page.goto(`${baseUrl()}/#/grants/${grant.id}/show`);
    await page.getByRole('button', { name: 'Open data' }).click();
    await page.getByRole('menuitem', { name: /^IATI 2\.03/ }).waitFor();
    await settle();
    await shot('7-open-data-menu');
    const iati = await downloadText(page, () => page.getByRole('menuitem', { name: /^IATI 2\.03/ }).click());
    expect(iati.filename).toBe(`grant-${safe(grant.reference)}-iati.xml`);
    expect(iati.text.startsWith('<?xml')).toBe(true);
    expect(iati.text).toContain('<iati-activities');
    expect(iati.text).toContain(indicator.code);

    const dhis2 = await downloadText(page, async () => {
      await page.getByRole('button', { name: 'Open data' }).click();
      await page.getByRole('menuitem', { name: /^DHIS2 data value set \(CSV\)/ }).click();
    });
    expect(dhis2.filename).toBe(`grant-${safe(grant.reference)}-dhis2.csv`);
    const values = csvRecords(dhis2.text);
    expect(Object.keys(values[0] ?? {}).slice(0, 3)).toEqual(['dataelement', 'period', 'orgunit']);
    expect(values.map((v) => v.dataelement).sort()).toEqual([
      `${indicator.code}_ACTUAL`,
      `${indicator.code}_ACTUAL`,
      `${indicator.code}_TARGET`,
      `${indicator.code}_TARGET`,
    ]);

    await page.goto(`${baseUrl()}/#/organizations/${funderOrg.id}/show`);
    const all = page.getByRole('button', { name: 'Download all grants as IATI' });
    await all.waitFor();
    await shot('8-organization');
    const organizationIati = await downloadText(page, () => all.click());
    expect(organizationIati.filename).toMatch(/-iati\.xml$/);
    expect(organizationIati.text).toContain('<iati-activities');
    expect(organizationIati.text).toContain(grant.reference);
  });

  test('an organization without grants offers no IATI download', async () => {
    const { page } = ui;
    const lonely = await createOrganization({ name: unique('NGO without grants') });
    const other = await createUser('coordinator', lonely.id);
    await logIn(page, other);
    const lookups: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/grants') lookups.push(response.status());
    });
    await page.goto(`${baseUrl()}/#/organizations/${lonely.id}/show`);
    await page.getByText(lonely.name).first().waitFor();
    // Whether it has grants as funder or as grantee: both answered "none".
    await eventually(() => expect(lookups).toEqual([200, 200]));
    await page.waitForTimeout(200);
    expect(await page.getByRole('button', { name: 'Download all grants as IATI' }).count()).toBe(0);
  });

  test('a researcher downloads the data package of the chosen strategy from the Analysis page', async () => {
    const { page } = ui;
    await logIn(page, researcher);
    await page.getByRole('menuitem', { name: 'Analysis' }).click();
    await page.getByTestId('evidence-map').waitFor();
    await pickSelect(page, 'Strategy', 'Educate potential victims');
    const section = page.getByTestId('dataset');
    await eventually(async () =>
      expect(await section.innerText()).toContain('Educate potential victims · all indicators'),
    );
    expect(await section.innerText()).toContain('small counts (1 to 10)');
    await section.getByRole('button', { name: 'Download data set' }).click();
    await page.getByRole('menuitem', { name: /^Frictionless data package/ }).waitFor();
    expect(await page.getByRole('menu').innerText()).toContain('Rows of Educate potential victims · all indicators');
    await settle();
    await shot('9-dataset-menu');
    const zip = await downloadText(page, () =>
      page.getByRole('menuitem', { name: /^Frictionless data package/ }).click(),
    );
    expect(zip.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(zip.filename).toMatch(/\.zip$/);
    await settle();
    await shot('10-dataset-section');
    const request = new URL(zip.url);
    expect(request.pathname).toBe('/api/exports/research-dataset');
    expect(Object.fromEntries(request.searchParams)).toEqual({
      format: 'datapackage',
      strategy: 'educate_potential_victims',
    });

    // With an indicator chosen too, the CSV is filtered by it and holds the approved evaluation's rows.
    await pickSelect(page, 'Indicator', `${indicator.code} — ${indicator.name}`);
    const csv = await downloadText(page, async () => {
      await section.getByRole('button', { name: 'Download data set' }).click();
      await page.getByRole('menuitem', { name: /^CSV/ }).click();
    });
    expect(new URL(csv.url).searchParams.get('indicatorId')).toBe(String(indicator.id));
    const rows = csvRecords(csv.text);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.evaluation_title))).toEqual(new Set(['School sessions, 2025 pilot']));
  });

  test('an administrator imports indicators on the indicator list; others have no Import button', async () => {
    let { page } = ui;
    const admin = await createUser('admin');
    const code = `IMP-${Date.now().toString(36).toUpperCase()}`;
    await logIn(page, admin);
    await page.goto(`${baseUrl()}/#/indicators`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import indicators from a file' });
    await dialog.waitFor();
    const columns = dialog.getByRole('table', { name: 'Columns of the file' });
    expect(await columns.getByRole('row').count()).toBe(15); // header + 14 columns (rate_base included)
    expect(await columns.innerText()).toContain('One of: proportion, mean, count, rate');
    const file = [
      'code,name,level,measure_type,direction,min_value,max_value',
      `${code},Parents who know where to report a suspected recruiter,outcome,proportion,increase,0,1`,
    ].join('\n');
    await chooseFile(dialog, 'indicators.csv', file);
    await settle();
    await shot('11-indicators-dialog');
    const done = await checkAndImport(dialog, '1 row is valid: 1 new, 0 would update an existing indicator.');
    expect(done).toContain('1 indicator imported (1 new, 0 updated)');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByPlaceholder('Search').fill(code);
    await eventually(async () => expect(await page.locator('tbody tr').first().innerText()).toContain(code));

    page = await ui.freshPage();
    await logIn(page, funder);
    await page.goto(`${baseUrl()}/#/indicators`);
    await page.getByRole('button', { name: 'Export' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
  });
});
