/**
 * Imports and exports in the browser. A coordinator downloads the outcome template of a draft evaluation,
 * uploads a file with a bad row (dry run: the problems are listed, can be downloaded, nothing is written),
 * then a good file (dry run, "Import now", progress, the grid fills in); a wrong header is refused inside
 * the dialog. On the programs list, "Export" downloads exactly the rows the search shows, from the server.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import type { Locator } from 'playwright-core';
import { api, baseUrl, listQuery, unique } from '../support/api';
import { csvRecords, downloadText, eventually, followNextImport, logIn } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import {
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  fetchMeasurements,
  type Evaluation,
  type Indicator,
  type Organization,
  type Program,
} from '../support/factories';
import { createUser, type TestUser } from '../support/sessions';

const HEADER = 'indicator_code,arm,timepoint,sex,age_band,region,n,events,mean,sd,value,timepoint_label,measured_on';

describeBrowser('admin: imports and server-side exports (browser)', () => {
  const ui = useBrowserPage({ prefix: 'import', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;
  let ngo: Organization;
  let program: Program;
  let indicator: Indicator & { name: string };
  let evaluation: Evaluation;
  let coordinator: TestUser;

  beforeAll(async () => {
    ngo = await createOrganization({ name: unique('Import NGO') });
    program = await createProgram(ngo.id, { name: unique('Import program') });
    indicator = (await createIndicator()) as Indicator & { name: string };
    const created = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(program.id, { title: 'School sessions, 2026 trial', primaryIndicatorIds: [indicator.id] }),
    );
    expect(created.status).toBe(201);
    evaluation = created.body;
    coordinator = await createUser('coordinator', ngo.id);
  });

  const dialog = (): Locator => ui.page.getByRole('dialog', { name: 'Import outcome numbers from a file' });
  const grid = (): Locator => ui.page.getByRole('rowgroup', { name: `${indicator.code} — ${indicator.name}` });
  const cellInput = (label: string) => grid().getByRole('textbox', { name: label, exact: true });

  /** Lets MUI's transitions (menus fading in, buttons changing colour) finish before a screenshot. */
  const settle = () => ui.page.waitForTimeout(400);
  const openOutcomes = async () => {
    await ui.page.goto(`${baseUrl()}/#/evaluations/${evaluation.id}/show/outcomes`);
    await cellInput('Treatment · Baseline · n').waitFor();
  };

  /** Chooses a file in the open import dialog (the picker's hidden input takes it directly). */
  const chooseFile = async (name: string, content: string) => {
    await dialog()
      .getByLabel('File (.csv or .xlsx)')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    await eventually(async () => expect(await dialog().getByTestId('import-file-name').innerText()).toContain(name));
  };

  const csv = (rows: string[][]) => [HEADER, ...rows.map((r) => [...r, '', '', '', '', '', ''].join(','))].join('\n');
  const row = (arm: string, timepoint: string, n: number, events: number) => [
    indicator.code,
    arm,
    timepoint,
    'total',
    'total',
    'total',
    String(n),
    String(events),
  ];
  const goodRows = () => [
    row('treatment', 'baseline', 120, 30),
    row('treatment', 'post', 118, 64),
    row('comparison', 'baseline', 115, 28),
    row('comparison', 'post', 112, 31),
  ];

  test('a coordinator downloads the template, sees the problems of a bad file, then imports a good one', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await openOutcomes();
    await shot('1-outcomes');

    // The template: the evaluation's indicator × arms × timepoints, with the documented header.
    await page.getByRole('button', { name: 'Download template' }).click();
    const template = await downloadText(page, () => page.getByRole('menuitem', { name: /^CSV template/ }).click());
    expect(template.filename).toBe(`evaluation-${evaluation.id}-outcomes.csv`);
    const lines = template.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      `${indicator.code},treatment,baseline`,
      `${indicator.code},treatment,post`,
      `${indicator.code},comparison,baseline`,
      `${indicator.code},comparison,post`,
    ]);

    // A file whose third line has more events than participants: a dry run lists it and writes nothing.
    await page.getByRole('button', { name: 'Import from file' }).click();
    await dialog().waitFor();
    expect(await dialog().getByText('Aggregates only', { exact: false }).count()).toBe(1);
    const dryRun = dialog().getByRole('checkbox', { name: 'Check only (dry run)' });
    expect(await dryRun.isChecked()).toBe(true);
    expect(await dialog().getByRole('button', { name: 'Check file' }).isDisabled()).toBe(true);
    const bad = goodRows();
    bad[1] = row('treatment', 'post', 118, 164);
    await chooseFile('outcomes-bad.csv', csv(bad));
    await settle();
    await shot('2-dialog');
    let ended = followNextImport(page);
    await dialog().getByRole('button', { name: 'Check file' }).click();
    await ended();

    const problems = dialog().getByRole('table', { name: 'Problems in the file' });
    await problems.waitFor();
    const cells = await problems.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(['3', 'events', '164']);
    expect(cells[3]).toMatch(/\S/);
    expect(await problems.getByRole('row').count()).toBe(2);
    expect(await dialog().getByText('The file has problems', { exact: true }).count()).toBe(1);
    await shot('3-errors');
    expect(await fetchMeasurements(evaluation.id)).toHaveLength(0);

    const errorsCsv = await downloadText(page, () =>
      dialog().getByRole('button', { name: 'Download problems as CSV' }).click(),
    );
    expect(errorsCsv.filename).toBe('outcomes-bad-problems.csv');
    const listed = csvRecords(errorsCsv.text);
    expect(listed).toEqual([{ row: '3', column: 'events', value: '164', message: cells[3] }]);

    // The good file: the dry run summarises, "Import now" writes it with a progress bar.
    await dialog().getByRole('button', { name: 'Choose another file' }).click();
    expect(await dryRun.isChecked()).toBe(true);
    await chooseFile('outcomes.csv', csv(goodRows()));
    ended = followNextImport(page);
    await dialog().getByRole('button', { name: 'Check file' }).click();
    await ended();
    const status = dialog().getByRole('status');
    await status.waitFor();
    expect(await status.innerText()).toContain(
      '4 rows are valid: 4 new, 0 would replace existing numbers. Nothing has been written yet.',
    );
    await shot('4-valid');
    expect(await fetchMeasurements(evaluation.id)).toHaveLength(0);

    ended = followNextImport(page);
    await dialog().getByRole('button', { name: 'Import now' }).click();
    // The job is followed every 500 ms, so the bar is on screen for at least that long.
    await dialog().getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await dialog()
      .getByText(/^(Waiting for the server to start|Checking rows)/)
      .waitFor();
    await shot('5-progress');
    await ended();
    await eventually(async () => expect(await status.innerText()).toContain('4 rows imported (4 new, 0 replaced)'));
    await shot('6-imported');
    const saved = await fetchMeasurements(evaluation.id);
    expect(saved.map((m) => `${m.arm}/${m.timepoint}/${m.n}/${m.events}`).sort()).toEqual([
      'comparison/baseline/115/28',
      'comparison/post/112/31',
      'treatment/baseline/120/30',
      'treatment/post/118/64',
    ]);

    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
    await eventually(async () => {
      expect(await cellInput('Treatment · Baseline · n').inputValue()).toBe('120');
      expect(await cellInput('Comparison · Post · events').inputValue()).toBe('31');
    });
    await shot('7-grid');
  });

  test('a lost upload is retried with the same Idempotency-Key; upsert previews replacements', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await openOutcomes();
    const keys: string[] = [];
    await page.route('**/api/evaluations/*/imports?*', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      // The first upload never reaches the server.
      if (keys.length === 1) await route.abort('connectionreset');
      else await route.continue();
    });
    await page.getByRole('button', { name: 'Import from file' }).click();
    await chooseFile('outcomes.csv', csv(goodRows()));
    await dialog().getByRole('checkbox', { name: 'Replace existing numbers (upsert)' }).check();
    await dialog().getByRole('button', { name: 'Check file' }).click();
    const refusal = dialog().getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('The upload did not reach the server.');

    const ended = followNextImport(page);
    await dialog().getByRole('button', { name: 'Try again' }).click();
    await ended();
    const status = dialog().getByRole('status');
    await status.waitFor();
    expect(await status.innerText()).toContain('4 rows are valid: 0 new, 4 would replace existing numbers.');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[\w.:-]{8,}$/);
    expect(keys[1]).toBe(keys[0]);
    await shot('10-upsert-preview');

    // Another file is another submission, with a new key.
    await dialog().getByRole('button', { name: 'Choose another file' }).click();
    await chooseFile('outcomes-again.csv', csv(goodRows().slice(0, 2)));
    await dialog().getByRole('checkbox', { name: 'Replace existing numbers (upsert)' }).check();
    const again = followNextImport(page);
    await dialog().getByRole('button', { name: 'Check file' }).click();
    await again();
    await eventually(async () =>
      expect(await status.innerText()).toContain('2 rows are valid: 0 new, 2 would replace'),
    );
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(await fetchMeasurements(evaluation.id)).toHaveLength(4);
  });

  test('a file with a wrong header is refused inside the dialog, in plain words', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await openOutcomes();
    await page.getByRole('button', { name: 'Import from file' }).click();
    await chooseFile('wrong-header.csv', 'indicator,group,timepoint,n,events\nX,treatment,post,10,2\n');
    await dialog().getByRole('button', { name: 'Check file' }).click();
    const refusal = dialog().getByRole('alert');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('The file cannot be imported as it is.');
    expect(text).toContain('missing column(s): indicator_code, arm');
    expect(text).toContain('Start from the template');
    await shot('8-refused');
    // The file can be chosen again: the dialog stays on the first step.
    expect(await dialog().getByRole('button', { name: 'Check file' }).isEnabled()).toBe(true);
  });

  test('Export on the programs list downloads exactly the rows the search shows, from the server', async () => {
    const { page } = ui;
    const tag = `Exportable${Date.now().toString(36)}`;
    const matching = [];
    for (const suffix of ['Alpha', 'Beta, "quoted"', 'Gamma']) {
      matching.push(await createProgram(ngo.id, { name: `${tag} ${suffix}` }));
    }
    await createProgram(ngo.id, { name: unique('Not exported') });

    await logIn(page, coordinator);
    await page.goto(`${baseUrl()}/#/programs`);
    await page.getByRole('button', { name: 'Export' }).waitFor();
    await page.getByPlaceholder('Search').fill(tag);
    await eventually(async () => expect(await page.locator('tbody tr').count()).toBe(matching.length));

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: /^CSV/ }).waitFor();
    expect(await page.getByRole('menu').innerText()).toContain(`All ${matching.length} matching rows, from the server`);
    await settle();
    await shot('9-export-menu');
    const exported = await downloadText(page, () => page.getByRole('menuitem', { name: /^CSV/ }).click());
    expect(exported.filename).toMatch(/^programs-\d{4}-\d{2}-\d{2}\.csv$/);
    const request = new URL(exported.url);
    expect(request.pathname).toBe('/api/programs/export');
    expect(JSON.parse(request.searchParams.get('filter') ?? '{}')).toEqual({ q: tag });
    expect(JSON.parse(request.searchParams.get('sort') ?? '[]')).toEqual(['name', 'ASC']);

    const listed = await api<{ id: number; name: string }[]>(
      'GET',
      '/api/programs' + listQuery({ filter: { q: tag }, sort: ['name', 'ASC'], range: [0, 99] }),
    );
    expect(listed.status).toBe(200);
    const rows = csvRecords(exported.text);
    expect(rows.map((r) => [Number(r.id), r.name])).toEqual(listed.body.map((p) => [p.id, p.name]));
    expect(rows.map((r) => r.name).sort()).toEqual(matching.map((p) => p.name).sort());

    const xlsx = await downloadText(page, async () => {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: /^Excel/ }).click();
    });
    expect(xlsx.filename).toMatch(/^programs-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // Nothing to export: the button is disabled.
    await page.getByPlaceholder('Search').fill(`${tag}-nothing-matches`);
    await eventually(async () => expect(await page.getByRole('button', { name: 'Export' }).isDisabled()).toBe(true));
  });
});
