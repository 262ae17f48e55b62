/**
 * Three user journeys end to end in the browser, each checked through the API afterwards:
 *  1. a coordinator creates a program and an evaluation of it, types outcome numbers into the grid (one refused by
 *     the server), imports the rest from a CSV file and submits the evaluation;
 *  2. a funder finds a submitted evaluation in the dashboard's review queue, asks for changes, and once the
 *     coordinator has fixed and resubmitted it (API), approves it and confirms the suggested rating;
 *  3. a researcher picks a cell of the dashboard's evidence map, lands on the Analysis page with the forest plot, and
 *     downloads the data package, in which (as on the page) no small count of a sex breakdown can be seen.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import JSZip from 'jszip';
import type { Locator } from 'playwright-core';
import { api, baseUrl, unique } from '../support/api';
import {
  csvRecords,
  downloadText,
  enterOutcomeCell,
  eventually,
  followNextImport,
  logIn,
  pickAutocomplete,
  pickSelect,
} from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  fetchEvaluation,
  fetchMeasurements,
  type Evaluation,
  type Indicator,
  type Measurement,
  type Organization,
  type Program,
  submitEvaluation,
} from '../support/factories';
import { createToken, createUser, type TestUser } from '../support/sessions';

/** The test server runs with the default small-cell threshold (SUPPRESSION_K is not set in support/global-setup.mjs). */
const K = 11;
const IMPORT_HEADER =
  'indicator_code,arm,timepoint,sex,age_band,region,n,events,mean,sd,value,timepoint_label,measured_on';

type NamedIndicator = Indicator & { name: string };
type Arm = 'treatment' | 'comparison';
type Timepoint = 'baseline' | 'post';
type Counts = Record<Arm, Record<Timepoint, [number, number]>>;

interface Rating {
  suggested: string;
  reasons: string[];
  confirmed: string | null;
  override: { rating: string; reason: string } | null;
}
interface Pooled {
  k: number;
  estimate: number;
  studies: { evaluationId: number; label: string }[];
}

const RATING_LABEL: Record<string, string> = {
  effective: 'Effective',
  promising: 'Promising',
  no_effects: 'No effects',
  insufficient: 'Insufficient evidence',
};

const summary = (rows: Measurement[]) =>
  rows.map((m) => `${m.arm}/${m.timepoint}/${(m as Measurement & { sex: string }).sex}/${m.n}/${m.events}`).sort();

/** An RCT of the program with a full 2 × 2 of totals (and any extra rows), submitted by the admin API. */
async function submittedTrial(
  programId: number,
  indicatorId: number,
  title: string,
  counts: Counts,
  extra: Record<string, unknown>[] = [],
  grantId?: number,
): Promise<Evaluation> {
  const created = await api<Evaluation>(
    'POST',
    '/api/evaluations',
    evaluationInput(programId, { title, grantId, primaryIndicatorIds: [indicatorId] }),
  );
  expect(created.status).toBe(201);
  const rows: Record<string, unknown>[] = [];
  for (const arm of ['treatment', 'comparison'] as const) {
    for (const timepoint of ['baseline', 'post'] as const) {
      const [n, events] = counts[arm][timepoint];
      rows.push({ arm, timepoint, n, events });
    }
  }
  for (const row of [...rows, ...extra]) {
    const m = await api('POST', '/api/outcome-measurements', { evaluationId: created.body.id, indicatorId, ...row });
    expect(m.status).toBe(201);
  }
  return submitEvaluation(created.body);
}

describeBrowser('admin: three user journeys (browser)', () => {
  const ui = useBrowserPage({ prefix: 'journey', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;

  /** Lets MUI's transitions (menus fading in, dialogs) finish before a screenshot. */
  const settle = () => ui.page.waitForTimeout(400);
  const banner = () => ui.page.getByTestId('status-banner');
  const section = (name: string): Locator => ui.page.getByRole('region', { name, exact: true });

  describe('coordinator', () => {
    let ngo: Organization;
    let indicator: NamedIndicator;
    let coordinator: TestUser;

    beforeAll(async () => {
      ngo = await createOrganization({ name: unique('Coordinator NGO') });
      indicator = (await createIndicator({
        name: unique('Students who know where to report an online approach'),
      })) as NamedIndicator;
      coordinator = await createUser('coordinator', ngo.id);
    });

    const grid = (): Locator => ui.page.getByRole('rowgroup', { name: `${indicator.code} — ${indicator.name}` });
    const cellInput = (label: string) => grid().getByRole('textbox', { name: label, exact: true });
    const importDialog = (): Locator => ui.page.getByRole('dialog', { name: 'Import outcome numbers from a file' });

    /** Types n and events into one cell of the grid; Tab saves it. */
    const enterCell = (where: string, n: number, events: number) => enterOutcomeCell(ui.page, grid(), where, n, events);

    test('creates a program and an evaluation, enters and imports outcomes, and submits it', async () => {
      const { page } = ui;
      await logIn(page, coordinator);

      // Programs → Create.
      await page.getByRole('menuitem', { name: 'Programs' }).click();
      await page.waitForURL(/#\/programs$/);
      await page.getByRole('link', { name: 'Create' }).click();
      await page.waitForURL(/#\/programs\/create$/);
      const programName = unique('Online safety clubs');
      await page.getByLabel('Name *', { exact: true }).fill(programName);
      await page
        .getByLabel('Summary', { exact: true })
        .fill('After-school clubs on how offenders approach girls online');
      await pickSelect(page, 'Strategy', 'Educate potential victims');
      await pickSelect(page, 'Setting', 'School');
      await pickAutocomplete(page, 'Countries', 'Phil', 'Philippines');
      await page.getByRole('button', { name: 'Philippines' }).waitFor(); // the chip
      await page.getByLabel('Start date *', { exact: true }).fill('2026-01-15');
      const activities = page.getByLabel('Activities', { exact: true });
      await activities.click();
      await page.keyboard.type('Weekly club sessions');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Peer mentors');
      // A coordinator does not choose the NGO: it is theirs.
      expect(await page.getByRole('combobox', { name: 'NGO' }).count()).toBe(0);
      await shot('coordinator-1-program-form');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/#\/programs\/\d+\/show$/);
      const programId = Number(/programs\/(\d+)\/show/.exec(page.url())![1]);
      await page.locator('#main-content').getByText(programName, { exact: true }).waitFor();
      const program = (await api<Program>('GET', `/api/programs/${programId}`)).body;
      expect(program).toMatchObject({
        name: programName,
        organizationId: ngo.id,
        strategy: 'educate_potential_victims',
        setting: 'school',
        countries: ['PH'],
        startDate: '2026-01-15',
        activities: ['Weekly club sessions', 'Peer mentors'],
      });

      // An evaluation of that program, with the API's indicator as its one primary outcome.
      await page.goto(`${baseUrl()}/#/evaluations/create`);
      await page.getByLabel('Title *', { exact: true }).waitFor();
      await pickAutocomplete(page, 'Program', programName.replace('Online safety clubs ', ''), programName);
      const title = unique('Clubs trial');
      await page.getByLabel('Title *', { exact: true }).fill(title);
      await pickSelect(page, 'Design', 'Randomised controlled trial');
      await page.getByLabel('Planned size, Treatment', { exact: true }).fill('120');
      await page.getByLabel('Planned size, Comparison', { exact: true }).fill('120');
      await page.getByLabel('Start date *', { exact: true }).fill('2026-02-01');
      await pickAutocomplete(page, 'Primary outcomes', indicator.code, `${indicator.code} — ${indicator.name}`);
      await shot('coordinator-2-evaluation-form');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/#\/evaluations\/\d+\/show$/);
      const evaluationId = Number(/evaluations\/(\d+)\/show/.exec(page.url())![1]);
      await eventually(async () => expect(await banner().innerText()).toContain('Draft · revision 1'));
      expect(await fetchEvaluation(evaluationId)).toMatchObject({
        programId,
        title,
        design: 'rct',
        status: 'draft',
        grantId: null,
        primaryIndicatorIds: [indicator.id],
      });

      // Outcomes: the keyboard; events above n are refused by the server, with its message on the cell.
      await page.getByRole('tab', { name: 'Outcomes' }).click();
      await cellInput('Treatment · Baseline · n').waitFor();
      await enterCell('Treatment · Baseline', 120, 150);
      const cellError = grid().getByRole('alert');
      await cellError.waitFor();
      expect(await cellError.innerText()).toMatch(/more than n|at most n/i);
      expect(await cellInput('Treatment · Baseline · events').getAttribute('aria-invalid')).toBe('true');
      await shot('coordinator-3-cell-error');
      expect(await fetchMeasurements(evaluationId)).toHaveLength(0);

      await enterCell('Treatment · Baseline', 120, 30);
      await enterCell('Treatment · Post', 118, 64);
      await eventually(async () =>
        expect(summary(await fetchMeasurements(evaluationId))).toEqual([
          'treatment/baseline/total/120/30',
          'treatment/post/total/118/64',
        ]),
      );
      await eventually(async () => expect(await grid().getByRole('alert').count()).toBe(0));

      // The comparison group's numbers come from a file: dry run, then "Import now".
      await page.getByRole('button', { name: 'Import from file' }).click();
      await importDialog().waitFor();
      const file = [
        IMPORT_HEADER,
        `${indicator.code},comparison,baseline,total,total,total,115,28,,,,,`,
        `${indicator.code},comparison,post,total,total,total,112,31,,,,,`,
      ].join('\n');
      await importDialog()
        .getByLabel('File (.csv or .xlsx)')
        .setInputFiles({ name: 'comparison.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
      await eventually(async () =>
        expect(await importDialog().getByTestId('import-file-name').innerText()).toContain('comparison.csv'),
      );
      expect(await importDialog().getByRole('checkbox', { name: 'Check only (dry run)' }).isChecked()).toBe(true);
      let ended = followNextImport(page);
      await importDialog().getByRole('button', { name: 'Check file' }).click();
      await ended();
      const status = importDialog().getByRole('status');
      await status.waitFor();
      expect(await status.innerText()).toContain('2 rows are valid: 2 new, 0 would replace existing numbers.');
      expect(await fetchMeasurements(evaluationId)).toHaveLength(2); // a dry run writes nothing
      await shot('coordinator-4-import-dry-run');

      ended = followNextImport(page);
      await importDialog().getByRole('button', { name: 'Import now' }).click();
      // The bar, or (if the job was quicker than the first poll) the completed state.
      await importDialog()
        .getByRole('progressbar', { name: 'Import progress' })
        .or(importDialog().getByText(/2 rows imported/))
        .first()
        .waitFor();
      await shot('coordinator-5-import-progress');
      await ended();
      await eventually(async () => expect(await status.innerText()).toContain('2 rows imported (2 new, 0 replaced)'));
      await shot('coordinator-6-import-done');
      expect(summary(await fetchMeasurements(evaluationId))).toEqual([
        'comparison/baseline/total/115/28',
        'comparison/post/total/112/31',
        'treatment/baseline/total/120/30',
        'treatment/post/total/118/64',
      ]);
      await importDialog().getByRole('button', { name: 'Close' }).click();
      await importDialog().waitFor({ state: 'detached' });
      await eventually(async () => {
        expect(await cellInput('Comparison · Baseline · n').inputValue()).toBe('115');
        expect(await cellInput('Comparison · Post · events').inputValue()).toBe('31');
        expect(await cellInput('Treatment · Post · events').inputValue()).toBe('64');
      });
      await shot('coordinator-7-grid');

      // Submit for review.
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Submit for review' }).click();
      await eventually(async () => expect(await banner().innerText()).toContain('Submitted · revision 1'));
      expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0);
      await shot('coordinator-8-submitted');
      expect(await fetchEvaluation(evaluationId)).toMatchObject({
        status: 'submitted',
        revision: 1,
        registeredPrimaryIndicatorIds: [indicator.id],
      });
    });
  });

  describe('funder', () => {
    let indicator: NamedIndicator;
    let evaluation: Evaluation;
    let funder: TestUser;
    let coordinatorToken: string;

    beforeAll(async () => {
      const ngo = await createOrganization({ name: unique('Funder journey NGO') });
      const funderOrg = await createOrganization({ name: unique('Funder journey Foundation'), kind: 'funder' });
      const program = await createProgram(ngo.id, { name: unique('Safe Barangays') });
      const grant = await createGrant(funderOrg.id, ngo.id, [program.id], { title: unique('Safe Barangays grant') });
      indicator = (await createIndicator({
        name: unique('Children who can name a trusted adult to tell'),
      })) as NamedIndicator;
      evaluation = await submittedTrial(
        program.id,
        indicator.id,
        unique('Safe Barangays trial'),
        { treatment: { baseline: [150, 40], post: [146, 90] }, comparison: { baseline: [148, 41], post: [140, 45] } },
        [],
        grant.id,
      );
      expect(evaluation.status).toBe('submitted');
      funder = await createUser('funder', funderOrg.id);
      coordinatorToken = await createToken(await createUser('coordinator', ngo.id), 'write');
    });

    test('asks for changes from the review queue, then approves the fix and confirms the rating', async () => {
      const { page } = ui;
      await logIn(page, funder);
      const queue = section('Review queue');
      const link = queue.getByRole('link', { name: evaluation.title });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`#/evaluations/${evaluation.id}/show`);
      await shot('funder-1-review-queue');
      await link.click();
      await page.waitForURL(new RegExp(`#/evaluations/${evaluation.id}/show$`));
      await eventually(async () => expect(await banner().innerText()).toContain('Submitted · revision 1'));

      const comment = 'Comparison post events look low for 140 children: please check the survey sheets.';
      await page.getByRole('button', { name: 'Request changes' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'What needs to change' }).fill(comment);
      await settle();
      await shot('funder-2-request-changes');
      await dialog.getByRole('button', { name: 'Request changes' }).click();
      await eventually(async () => expect(await banner().innerText()).toContain('Changes requested · revision 1'));
      expect((await fetchEvaluation(evaluation.id)).status).toBe('changes_requested');

      // The coordinator, by API: corrects the comparison post events and resubmits.
      const post = (await fetchMeasurements(evaluation.id)).find(
        (m) => m.arm === 'comparison' && m.timepoint === 'post',
      )!;
      const fixed = await api<Measurement>(
        'PUT',
        `/api/outcome-measurements/${post.id}`,
        { version: post.version, events: 52 },
        { token: coordinatorToken },
      );
      expect(fixed.status).toBe(200);
      const current = await fetchEvaluation(evaluation.id);
      const resubmitted = await api<Evaluation>(
        'POST',
        `/api/evaluations/${evaluation.id}/submit`,
        { version: current.version, comment: 'Checked against the sheets: 52, not 45.' },
        { token: coordinatorToken },
      );
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.status).toBe('submitted');

      // The funder sees the thread and what changed, and approves.
      // (Same document: a hash change alone would show the cached record, so reload as a user would.)
      await page.goto(`${baseUrl()}/#/evaluations/${evaluation.id}/show/review`);
      await page.reload();
      await eventually(async () => expect(await banner().innerText()).toContain('Submitted · revision 1'));
      const thread = page.getByRole('list', { name: 'Review thread' });
      await thread.getByText('Checked against the sheets').waitFor();
      expect(await thread.innerText()).toContain(comment);
      const changes = page.getByTestId('changes');
      await changes.waitFor();
      expect(await changes.innerText()).toMatch(/Comparison · Post: events 45 → 52/);
      await shot('funder-3-what-changed');
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
      await eventually(async () => expect(await banner().innerText()).toContain('Approved · revision 1'));
      expect((await fetchEvaluation(evaluation.id)).status).toBe('approved');

      // Effects: confirm the suggested rating.
      const rating = await api<Rating>('GET', `/api/evaluations/${evaluation.id}/rating`);
      expect(rating.status).toBe(200);
      expect(rating.body.confirmed).toBeNull();
      const suggested = RATING_LABEL[rating.body.suggested];
      await page.getByRole('tab', { name: 'Effects' }).click();
      await page.getByTestId('effects-table').waitFor();
      const postRow = page.getByTestId('effect-row').filter({ hasText: 'Post' });
      expect(await postRow.innerText()).toContain(`${indicator.code} — ${indicator.name}`);
      const panel = page.getByTestId('rating-panel');
      expect(await panel.getByTestId('rating-suggested').innerText()).toBe(suggested);
      await panel.getByText('Not yet confirmed by the reviewer.').waitFor();
      await shot('funder-4-effects');
      await panel.getByRole('button', { name: `Confirm “${suggested}”` }).click();
      await panel.getByTestId('rating-decision').getByText(`Confirmed as “${suggested}”`).waitFor();
      await shot('funder-5-rating-confirmed');

      const after = await fetchEvaluation(evaluation.id);
      expect(after.status).toBe('approved');
      const confirmed = await api<Rating>('GET', `/api/evaluations/${evaluation.id}/rating`);
      expect(confirmed.body.confirmed).toBe(rating.body.suggested);
      expect(confirmed.body.override).toBeNull();
      const comparisonPost = (await fetchMeasurements(evaluation.id)).find(
        (m) => m.arm === 'comparison' && m.timepoint === 'post',
      );
      expect(comparisonPost?.events).toBe(52);
    });
  });

  describe('researcher', () => {
    /** Three trials; the first also reports its treatment post group by sex, with a small count of girls. */
    const TRIALS: { title: string; counts: Counts }[] = [
      {
        title: 'Community theatre, Cebu 2026',
        counts: {
          treatment: { baseline: [120, 30], post: [118, 64] },
          comparison: { baseline: [115, 28], post: [112, 35] },
        },
      },
      {
        title: 'Community theatre, Davao 2026',
        counts: {
          treatment: { baseline: [200, 52], post: [196, 88] },
          comparison: { baseline: [205, 50], post: [198, 62] },
        },
      },
      {
        title: 'Community theatre, Iloilo 2026',
        counts: {
          treatment: { baseline: [80, 22], post: [78, 30] },
          comparison: { baseline: [82, 21], post: [79, 24] },
        },
      },
    ];
    /** The small cell: 9 girls, 5 of them with the outcome (9 − 5 = 4 without), all below K. */
    const SMALL = { n: 9, events: 5 };
    const BY_SEX = [
      { arm: 'treatment', timepoint: 'post', sex: 'female', ...SMALL },
      { arm: 'treatment', timepoint: 'post', sex: 'male', n: 109, events: 59 },
    ];
    let indicator: NamedIndicator;
    let evaluations: Evaluation[];
    let researcher: TestUser;
    let researcherToken: string;

    beforeAll(async () => {
      const ngo = await createOrganization({ name: unique('Researcher journey NGO') });
      const program = await createProgram(ngo.id, {
        name: unique('Theatre for prevention'),
        strategy: 'educate_potential_victims',
      });
      indicator = (await createIndicator({
        name: unique('Adolescents who recognise a fake job offer'),
      })) as NamedIndicator;
      evaluations = [];
      for (const [i, trial] of TRIALS.entries()) {
        const submitted = await submittedTrial(
          program.id,
          indicator.id,
          trial.title,
          trial.counts,
          i === 0 ? BY_SEX : [],
        );
        const approved = await api<Evaluation>('POST', `/api/evaluations/${submitted.id}/approve`, {
          version: submitted.version,
        });
        expect(approved.status).toBe(200);
        evaluations.push(approved.body);
      }
      researcher = await createUser('researcher');
      researcherToken = await createToken(researcher, 'read');
    });

    /**
     * Text on the page (HTML or SVG) that reads exactly as one of the small cell's counts, or names the female
     * breakdown at all: the page has no reason to show either to a researcher. Evidence-map cells are skipped.
     */
    const smallCountsOnPage = () =>
      ui.page.evaluate(
        ({ values }) => {
          const found: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = (node.textContent ?? '').trim();
            // The evidence map's "k = …" captions count evaluations, not people (and other suites add cells).
            if (node.parentElement?.closest('[data-testid="evidence-cell"]')) continue;
            if (values.includes(text) || /\bfemale\b/i.test(text)) found.push(text);
          }
          return found;
        },
        { values: [SMALL.n, SMALL.events].map(String) },
      );

    test('follows the evidence map to the forest plot and downloads a data package without small counts', async () => {
      const { page } = ui;
      const pooled = await api<Pooled>(
        'GET',
        `/api/analysis/pooled?indicatorId=${indicator.id}&strategy=educate_potential_victims&measure=RR&method=REML&test=z`,
        undefined,
        { token: researcherToken },
      );
      expect(pooled.status).toBe(200);
      expect(pooled.body.k).toBe(3);

      await logIn(page, researcher);
      const map = page.getByTestId('evidence-map');
      await map.waitFor();
      const cell = map.locator(
        `[data-testid="evidence-cell"][title^="Educate potential victims × ${indicator.code}:"]`,
      );
      await cell.waitFor();
      expect(await cell.count()).toBe(1);
      expect(await cell.innerText()).toContain('k = 3');
      expect(await cell.getAttribute('title')).toContain(`RR ${Math.exp(pooled.body.estimate).toFixed(2)}`);
      await cell.scrollIntoViewIfNeeded();
      await shot('researcher-1-dashboard');
      expect(await smallCountsOnPage()).toEqual([]);

      await cell.click();
      await page.waitForURL(
        (url) =>
          url.hash.startsWith('#/analysis?') &&
          new URLSearchParams(url.hash.split('?')[1]).get('strategy') === 'educate_potential_victims' &&
          new URLSearchParams(url.hash.split('?')[1]).get('indicatorId') === String(indicator.id),
      );
      await page.getByTestId('pooled-result').waitFor();
      await eventually(async () => expect(await page.getByTestId('stat-k').innerText()).toBe('3'));
      expect(await page.getByRole('combobox', { name: 'Strategy' }).innerText()).toBe('Educate potential victims');
      expect(await page.getByRole('combobox', { name: 'Indicator' }).innerText()).toBe(
        `${indicator.code} — ${indicator.name}`,
      );
      const forest = page.getByTestId('forest-plot');
      expect(await forest.getByTestId('forest-study').count()).toBe(3);
      expect(await forest.getByTestId('forest-diamond').count()).toBe(1);
      expect(await page.getByTestId('stat-estimate').innerText()).toBe(Math.exp(pooled.body.estimate).toFixed(2));
      const rows = page.getByTestId('study-row');
      expect(await rows.count()).toBe(3);
      for (const study of pooled.body.studies) await rows.filter({ hasText: study.label }).waitFor();
      await shot('researcher-2-analysis');

      // The data package of the chosen strategy and indicator.
      const dataset = page.getByTestId('dataset');
      await eventually(async () =>
        expect(await dataset.innerText()).toContain(
          `Educate potential victims · ${indicator.code} — ${indicator.name}`,
        ),
      );
      await dataset.getByRole('button', { name: 'Download data set' }).click();
      await page.getByRole('menuitem', { name: /^Frictionless data package/ }).waitFor();
      await settle();
      await shot('researcher-3-dataset-menu');
      const zip = await downloadText(page, () =>
        page.getByRole('menuitem', { name: /^Frictionless data package/ }).click(),
      );
      expect(zip.filename).toMatch(/\.zip$/);
      expect(zip.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(Object.fromEntries(new URL(zip.url).searchParams)).toEqual({
        format: 'datapackage',
        strategy: 'educate_potential_victims',
        indicatorId: String(indicator.id),
      });

      const archive = await JSZip.loadAsync(zip.bytes);
      const descriptor = JSON.parse(await archive.file('datapackage.json')!.async('string')) as {
        resources: { path: string; schema: { missingValues: string[] } }[];
      };
      expect(descriptor.resources).toHaveLength(1);
      expect(descriptor.resources[0].schema.missingValues).toContain('S');
      const table = csvRecords(await archive.file(descriptor.resources[0].path)!.async('string'));
      const ours = new Set(evaluations.map((e) => String(e.id)));
      // Filtered by strategy and indicator: exactly our three trials, 4 totals each plus the sex breakdown.
      expect(new Set(table.map((r) => r.evaluation_id))).toEqual(ours);
      expect(table).toHaveLength(3 * 4 + BY_SEX.length);
      const girls = table.find((r) => r.sex === 'female')!;
      expect(girls).toMatchObject({ evaluation_id: String(evaluations[0].id), n: 'S', events: 'S' });
      expect(girls.suppressed).toMatch(/\bn\b/);
      // No count anywhere in the package is a small one, nor can one be derived as n − events.
      const small = (v: number) => v > 0 && v < K;
      for (const row of table) {
        const n = row.n === 'S' || row.n === '' ? null : Number(row.n);
        const events = row.events === 'S' || row.events === '' ? null : Number(row.events);
        if (n !== null) expect({ row: row.sex, n, small: small(n) }).toMatchObject({ small: false });
        if (events !== null) expect({ row: row.sex, events, small: small(events) }).toMatchObject({ small: false });
        if (n !== null && events !== null) expect(small(n - events)).toBe(false);
      }
      // The numbers of the small cell appear in no file of the package as a count.
      for (const name of Object.keys(archive.files).filter((f) => f.endsWith('.csv'))) {
        for (const row of csvRecords(await archive.file(name)!.async('string'))) {
          expect([row.n, row.events]).not.toEqual([String(SMALL.n), String(SMALL.events)]);
        }
      }

      // And nothing on the page shows the small cell either.
      await page.keyboard.press('Escape');
      await settle();
      expect(await smallCountsOnPage()).toEqual([]);
      expect(await page.locator('body').innerText()).not.toMatch(new RegExp(`\\bn\\s*=\\s*${SMALL.n}\\b`));
      await shot('researcher-4-after-download');

      // The owning NGO's evaluation still holds the real numbers (only outsiders see S).
      const stored = (await fetchMeasurements(evaluations[0].id)).find(
        (m) => (m as Measurement & { sex: string }).sex === 'female',
      );
      expect(stored).toMatchObject({ n: SMALL.n, events: SMALL.events });
    });
  });
});
