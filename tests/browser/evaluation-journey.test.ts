/**
 * The evaluation journey across two roles, in the browser: a coordinator records an evaluation and its
 * outcome numbers and submits it; the funder asks for changes; the coordinator answers and resubmits;
 * the funder sees what changed and approves; the approved evaluation is locked and is amended.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { api, baseUrl, listQuery, unique } from '../support/api';
import { findChromium, launchBrowser, type LaunchedBrowser } from '../support/chromium';
import { createOrganization, createProgram, type Organization, type Program } from '../support/factories';
import { createUser, type TestUser } from '../support/sessions';

const ARTIFACTS = join(__dirname, 'artifacts');
const describeBrowser = findChromium() ? describe : describe.skip;
if (!findChromium()) console.warn('SKIPPED: browser suite (no Chromium)');

interface Indicator {
  id: number;
  code: string;
  name: string;
}
interface Grant {
  id: number;
  title: string;
}
interface Evaluation {
  id: number;
  status: string;
  revision: number;
  previousRevisionId: number | null;
  registeredPrimaryIndicatorIds: number[] | null;
  version: number;
}
interface Measurement {
  arm: string;
  timepoint: string;
  n: number;
  events: number | null;
}

async function eventually<T>(check: () => T | Promise<T>, { timeout = 10_000, interval = 150 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

async function logIn(page: Page, user: TestUser): Promise<void> {
  await page.goto(`${baseUrl()}/#/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('menuitem').first().waitFor();
}

async function pickAutocomplete(page: Page, label: string, typed: string, option: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.pressSequentially(typed);
  const choice = page.getByRole('option', { name: option, exact: true });
  await choice.waitFor();
  await choice.click();
}

async function pickSelect(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  const choice = page.getByRole('option', { name: option, exact: true });
  await choice.click();
  await choice.waitFor({ state: 'detached' });
}

async function evaluation(id: number): Promise<Evaluation> {
  const response = await api<Evaluation>('GET', `/api/evaluations/${id}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function measurements(evaluationId: number): Promise<Measurement[]> {
  const response = await api<Measurement[]>(
    'GET',
    '/api/outcome-measurements' + listQuery({ filter: { evaluationId }, range: [0, 999] }),
  );
  expect(response.status).toBe(200);
  return response.body;
}

const banner = (page: Page) => page.getByTestId('status-banner');

describeBrowser('admin: the evaluation review journey (browser)', () => {
  let browser: LaunchedBrowser;
  let ngo: Organization;
  let program: Program;
  let indicator: Indicator;
  let grant: Grant;
  let coordinator: TestUser;
  let funder: TestUser;
  let page: Page;
  let pageErrors: string[];
  /** The evaluation the coordinator creates; later tests carry it on. */
  let evaluationId = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchBrowser({ viewport: { width: 1440, height: 1000 } });
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

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toEqual([]);
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `journey-${name}.png`), fullPage: true });
  const openEvaluation = async (tab = '') => {
    await page.goto(`${baseUrl()}/#/evaluations/${evaluationId}/show${tab ? `/${tab}` : ''}`);
    await banner(page).waitFor();
  };
  /** The outcome grid's rows of the journey's indicator. */
  const grid = (): Locator => page.getByRole('rowgroup', { name: `${indicator.code} — ${indicator.name}` });
  const cellInput = (label: string) => grid().getByRole('textbox', { name: label, exact: true });

  /** Types n and events into one cell with the keyboard, then Tab leaves the cell and saves it. */
  async function enterCell(where: string, n: number, events: number): Promise<void> {
    await cellInput(`${where} · n`).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(n));
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(events));
    await page.keyboard.press('Tab');
  }

  test('a coordinator creates an evaluation, enters its outcomes and submits it', async () => {
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
      const saved = await measurements(evaluationId);
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
    const submitted = await evaluation(evaluationId);
    expect(submitted).toMatchObject({
      status: 'submitted',
      revision: 1,
      registeredPrimaryIndicatorIds: [indicator.id],
    });
  });

  test('the funder asks for changes with a comment', async () => {
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
    expect((await evaluation(evaluationId)).status).toBe('changes_requested');
  });

  test('the coordinator reads the comment, fixes a number and resubmits', async () => {
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
      const post = (await measurements(evaluationId)).find((m) => m.arm === 'comparison' && m.timepoint === 'post');
      expect(post?.events).toBe(35);
    });
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Submit for review' }).click();
    await eventually(async () => expect(await banner(page).innerText()).toContain('Submitted · revision 1'));
    expect((await evaluation(evaluationId)).status).toBe('submitted');
  });

  test('the funder sees what changed and approves; the evaluation is then locked', async () => {
    await logIn(page, funder);
    await openEvaluation('review');
    const changes = page.getByTestId('changes');
    await changes.waitFor();
    expect(await changes.innerText()).toMatch(/Comparison · Post: events 31 → 35/);
    await shot('6-what-changed');

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await eventually(async () => expect(await banner(page).innerText()).toContain('Approved · revision 1'));
    expect((await evaluation(evaluationId)).status).toBe('approved');
  });

  test('the coordinator finds it locked and amends it into a draft revision 2', async () => {
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

    const amendment = await evaluation(amendmentId);
    expect(amendment).toMatchObject({ status: 'draft', revision: 2, previousRevisionId: evaluationId });
    expect(await measurements(amendmentId)).toHaveLength(4);
    expect((await evaluation(evaluationId)).status).toBe('approved');
  });

  test('on the grant, the funder sets a target and the coordinator reports the actual value', async () => {
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
    await page.close();
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
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
