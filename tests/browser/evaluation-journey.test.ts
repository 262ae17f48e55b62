/**
 * The evaluation journey across two roles, in the browser: a coordinator records an evaluation and its
 * outcome numbers and submits it; the funder asks for changes; the coordinator answers and resubmits;
 * the funder sees what changed and approves; the approved evaluation is locked and is amended.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import type { Locator, Page } from 'playwright-core';
import { api, baseUrl, unique } from '../support/api';
import { enterOutcomeCell, eventually, logIn, pickAutocomplete, pickSelect } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import {
  createOrganization,
  createProgram,
  fetchEvaluation,
  fetchMeasurements,
  type Organization,
  type Program,
} from '../support/factories';
import { createUser, type TestUser } from '../support/sessions';

interface Indicator {
  id: number;
  code: string;
  name: string;
}
interface Grant {
  id: number;
  title: string;
}

const banner = (page: Page) => page.getByTestId('status-banner');

describeBrowser('admin: the evaluation review journey (browser)', () => {
  const ui = useBrowserPage({ prefix: 'journey', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;
  let ngo: Organization;
  let program: Program;
  let indicator: Indicator;
  let grant: Grant;
  let coordinator: TestUser;
  let funder: TestUser;
  /** The evaluation the coordinator creates; later tests carry it on. */
  let evaluationId = 0;

  beforeAll(async () => {
    ngo = await createOrganization({ name: unique('Journey NGO') });
    const funderOrg = await createOrganization({ name: unique('Journey Foundation'), kind: 'funder' });
    program = await createProgram(ngo.id, { name: unique('Journey program') });
    const code = `JRN-${Date.now().toString(36).toUpperCase()}`;
    const createdIndicator = await api<Indicator>('POST', '/api/indicators', {
      code,
      name: 'Students who can name three recruitment tactics',
      level: 'outcome',
      measureType: 'proportion',
      direction: 'increase',
      minValue: 0,
      maxValue: 1,
      active: true,
    });
    expect(createdIndicator.status).toBe(201);
    indicator = createdIndicator.body;
    const createdGrant = await api<Grant>('POST', '/api/grants', {
      funderOrganizationId: funderOrg.id,
      granteeOrganizationId: ngo.id,
      programIds: [program.id],
      reference: unique('JRN'),
      title: unique('Journey grant'),
      amount: 50000,
      currency: 'USD',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      reportingFrequency: 'quarterly',
      status: 'active',
    });
    expect(createdGrant.status).toBe(201);
    grant = createdGrant.body;
    coordinator = await createUser('coordinator', ngo.id);
    funder = await createUser('funder', funderOrg.id);
  });

  const openEvaluation = async (tab = '') => {
    await ui.page.goto(`${baseUrl()}/#/evaluations/${evaluationId}/show${tab ? `/${tab}` : ''}`);
    await banner(ui.page).waitFor();
  };
  /** The outcome grid's rows of the journey's indicator. */
  const grid = (): Locator => ui.page.getByRole('rowgroup', { name: `${indicator.code} — ${indicator.name}` });
  const cellInput = (label: string) => grid().getByRole('textbox', { name: label, exact: true });

  /** Types n and events into one cell of the grid; Tab saves it. */
  const enterCell = (where: string, n: number, events: number) => enterOutcomeCell(ui.page, grid(), where, n, events);

  test('a coordinator creates an evaluation, enters its outcomes and submits it', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await page.goto(`${baseUrl()}/#/evaluations/create`);
    await page.getByLabel('Title *', { exact: true }).waitFor();

    await pickAutocomplete(page, 'Program', program.name.replace('Journey program ', ''), program.name);
    await pickAutocomplete(page, 'Grant', grant.title.replace('Journey grant ', ''), grant.title);
    await page.getByLabel('Title *', { exact: true }).fill('School sessions, 2026 trial');
    await pickSelect(page, 'Design', 'Randomised controlled trial');
    // Only the arms of the chosen design are asked for.
    await page.getByLabel('Planned size, Treatment', { exact: true }).fill('120');
    await page.getByLabel('Planned size, Comparison', { exact: true }).fill('120');
    expect(await page.getByLabel('Planned size, Single group', { exact: true }).count()).toBe(0);
    await page.getByLabel('Start date *', { exact: true }).fill('2026-02-01');
    await pickAutocomplete(page, 'Primary outcomes', indicator.code, `${indicator.code} — ${indicator.name}`);
    await shot('1-create');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/evaluations\/\d+\/show$/);
    evaluationId = Number(/evaluations\/(\d+)\/show/.exec(page.url())![1]);
    await eventually(async () => expect(await banner(page).innerText()).toContain('Draft · revision 1'));

    await page.getByRole('tab', { name: 'Outcomes' }).click();
    await cellInput('Treatment · Baseline · n').waitFor();
    // Only the design's arms are columns.
    expect(
      await grid()
        .getByRole('textbox', { name: /^Single group/ })
        .count(),
    ).toBe(0);

    // A proportion above n is refused by the server, with its message on the cell.
    await enterCell('Treatment · Baseline', 120, 150);
    const cellError = grid().getByRole('alert');
    await cellError.waitFor();
    expect(await cellError.innerText()).toMatch(/events|n/i);
    expect(await cellInput('Treatment · Baseline · events').getAttribute('aria-invalid')).toBe('true');
    await shot('2-cell-error');

    await enterCell('Treatment · Baseline', 120, 30);
    await enterCell('Treatment · Post', 118, 64);
    await enterCell('Comparison · Baseline', 115, 28);
    await enterCell('Comparison · Post', 112, 31);
    await eventually(async () => {
      const saved = await fetchMeasurements(evaluationId);
      expect(saved.map((m) => `${m.arm}/${m.timepoint}/${m.n}/${m.events}`).sort()).toEqual([
        'comparison/baseline/115/28',
        'comparison/post/112/31',
        'treatment/baseline/120/30',
        'treatment/post/118/64',
      ]);
    });
    await eventually(async () => expect(await grid().getByRole('alert').count()).toBe(0));
    await shot('3-outcomes');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Submit for review' }).click();
    await eventually(async () => expect(await banner(page).innerText()).toContain('Submitted · revision 1'));
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0);
    const submitted = await fetchEvaluation(evaluationId);
    expect(submitted).toMatchObject({
      status: 'submitted',
      revision: 1,
      registeredPrimaryIndicatorIds: [indicator.id],
    });
  });

  test('the funder asks for changes with a comment', async () => {
    const { page } = ui;
    expect(evaluationId).toBeGreaterThan(0);
    await logIn(page, funder);
    await openEvaluation();
    await page.getByRole('button', { name: 'Request changes' }).click();
    const dialog = page.getByRole('dialog');
    // A request without a comment is not sent.
    await dialog.getByRole('button', { name: 'Request changes' }).click();
    await dialog.getByText('Say what needs to change.').waitFor();
    await dialog
      .getByRole('textbox', { name: 'What needs to change' })
      .fill('Comparison post events look low: please check against the survey sheets.');
    await shot('4-request-changes');
    await dialog.getByRole('button', { name: 'Request changes' }).click();
    await eventually(async () => expect(await banner(page).innerText()).toContain('Changes requested · revision 1'));
    expect((await fetchEvaluation(evaluationId)).status).toBe('changes_requested');
  });

  test('the coordinator reads the comment, fixes a number and resubmits', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await openEvaluation('review');
    expect(await banner(page).innerText()).toContain('The funder asked for changes');
    const thread = page.getByRole('list', { name: 'Review thread' });
    await thread.getByText('Comparison post events look low').waitFor();
    expect(await thread.innerText()).toContain('Changes requested');
    await shot('5-coordinator-review');

    await page.getByRole('tab', { name: 'Outcomes' }).click();
    await enterCell('Comparison · Post', 112, 35);
    await eventually(async () => {
      const post = (await fetchMeasurements(evaluationId)).find(
        (m) => m.arm === 'comparison' && m.timepoint === 'post',
      );
      expect(post?.events).toBe(35);
    });
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Submit for review' }).click();
    await eventually(async () => expect(await banner(page).innerText()).toContain('Submitted · revision 1'));
    expect((await fetchEvaluation(evaluationId)).status).toBe('submitted');
  });

  test('the funder sees what changed and approves; the evaluation is then locked', async () => {
    const { page } = ui;
    await logIn(page, funder);
    await openEvaluation('review');
    const changes = page.getByTestId('changes');
    await changes.waitFor();
    expect(await changes.innerText()).toMatch(/Comparison · Post: events 31 → 35/);
    await shot('6-what-changed');

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await eventually(async () => expect(await banner(page).innerText()).toContain('Approved · revision 1'));
    expect((await fetchEvaluation(evaluationId)).status).toBe('approved');
  });

  test('the coordinator finds it locked and amends it into a draft revision 2', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await openEvaluation('outcomes');
    expect(await banner(page).innerText()).toContain('Approved evaluations are locked; amend to change them');
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    await grid().waitFor();
    expect(await grid().getByRole('textbox').count()).toBe(0);
    expect(await grid().innerText()).toContain('35');
    await shot('7-locked');

    await page.getByRole('button', { name: 'Amend' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Amend' }).click();
    await page.waitForURL(
      (url) => /#\/evaluations\/\d+\/show$/.test(url.hash) && !url.hash.includes(`/${evaluationId}/`),
    );
    const amendmentId = Number(/evaluations\/(\d+)\/show/.exec(page.url())![1]);
    await eventually(async () => expect(await banner(page).innerText()).toContain('Draft · revision 2'));
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await shot('8-amendment');

    const amendment = await fetchEvaluation(amendmentId);
    expect(amendment).toMatchObject({ status: 'draft', revision: 2, previousRevisionId: evaluationId });
    expect(await fetchMeasurements(amendmentId)).toHaveLength(4);
    expect((await fetchEvaluation(evaluationId)).status).toBe('approved');
  });

  test('on the grant, the funder sets a target and the coordinator reports the actual value', async () => {
    let { page } = ui;
    await logIn(page, funder);
    await page.goto(`${baseUrl()}/#/grants/${grant.id}/show`);
    await page.locator('#main-content').getByText(grant.title, { exact: true }).first().waitFor();
    expect(await page.locator('#main-content').innerText()).toContain('$50,000.00');
    await shot('9-grant-overview');

    await page.getByRole('tab', { name: 'Reporting periods' }).click();
    const periodRows = page.locator('table tbody tr');
    await eventually(async () => expect(await periodRows.count()).toBe(4)); // quarterly over one year

    await page.getByRole('tab', { name: 'Targets' }).click();
    await page.getByRole('button', { name: 'Add target' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Reporting period' }).click();
    await page.getByRole('option').first().click();
    await pickAutocomplete(page, 'Indicator', indicator.code, `${indicator.code} — ${indicator.name}`);
    await dialog.getByLabel('Baseline', { exact: true }).fill('0.2');
    await dialog.getByLabel('Target *', { exact: true }).fill('0.6');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const targetsTable = page.getByRole('table', { name: 'Targets by indicator and reporting period' });
    await targetsTable.getByText('Target 0.6').waitFor();
    await shot('10-grant-targets-funder');

    // The coordinator, in a fresh page (as after signing out).
    page = await ui.freshPage();
    await logIn(page, coordinator);
    await page.goto(`${baseUrl()}/#/grants/${grant.id}/show/targets`);
    await page.getByRole('button', { name: /^Report the actual value for/ }).click();
    const actual = page.getByRole('dialog');
    await actual.getByLabel('Actual value', { exact: true }).fill('0.4');
    await actual.getByRole('button', { name: 'Save' }).click();
    await actual.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Targets by indicator and reporting period' }).getByText('50 %').waitFor();
    await shot('11-grant-targets-coordinator');

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('table', { name: 'History' });
    await history.waitFor();
    expect(await history.innerText()).toMatch(/Target/);
    await shot('12-grant-history');
  });
});
