/**
 * Accessibility (issue 7): axe-core runs inside the page on every main screen — login, each role's
 * dashboard, the lists, an evaluation's edit form and outcome grid, the Analysis page with a forest
 * plot, an indicator with its context chart — and finds no serious or critical violation. Then the
 * outcome grid is filled in with the keyboard alone: Tab moves between inputs, Enter saves.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { api, baseUrl, listQuery, unique } from '../support/api';
import { eventually, logIn } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import { createIndicator, type Evaluation, type Measurement } from '../support/factories';
import { createPortfolio, createTrial, THREE_TRIALS, type Portfolio } from '../support/portfolio';
import { createUser, type TestUser } from '../support/sessions';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (through evaluate, so no CSP gets in the way) and returns serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describeBrowser('admin: accessibility and keyboard use (browser)', () => {
  const ui = useBrowserPage({ prefix: 'a11y', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;
  let portfolio: Portfolio;
  let coordinator: TestUser;
  let funder: TestUser;
  let researcher: TestUser;
  let draft: Evaluation;
  let contextIndicatorId: number;

  beforeAll(async () => {
    portfolio = await createPortfolio();
    draft = await createTrial(portfolio.program, portfolio.indicator, THREE_TRIALS[0].counts, {
      title: unique('Draft trial'),
      grantId: portfolio.grant.id,
      status: 'draft',
    });
    const context = await createIndicator({
      name: unique('Tips received by the national hotline'),
      measureType: 'count',
      unit: 'tips per year',
      minValue: 0,
      maxValue: null,
      contextSeries: [
        { year: 1999, value: 9673 },
        { year: 1998, value: 4578 },
        { year: 2000, value: 19276 },
      ],
      contextSource: 'National hotline tip counts, as cited in the field’s report',
    });
    contextIndicatorId = context.id;
    coordinator = await createUser('coordinator', portfolio.ngo.id);
    funder = await createUser('funder', portfolio.funderOrg.id);
    researcher = await createUser('researcher');
  });

  /** Opens a route, waits for `ready`, checks it with axe and keeps a screenshot. */
  async function check(route: string, ready: () => Promise<unknown>, name: string): Promise<void> {
    await ui.page.goto(`${baseUrl()}/#${route}`);
    await ready();
    await ui.page.waitForLoadState('networkidle');
    await shot(name);
    expect({ page: route, violations: await seriousViolations(ui.page) }).toEqual({ page: route, violations: [] });
  }

  test('the login page', async () => {
    const { page } = ui;
    await check('/login', () => page.getByLabel('Email').waitFor(), 'login');
  });

  test("a coordinator's dashboard, lists, evaluation edit form and outcome grid", async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    await check('/', () => page.getByTestId('target-chart').first().waitFor(), 'coordinator-dashboard');
    await check('/programs', () => page.getByText(portfolio.program.name).waitFor(), 'programs');
    await check('/evaluations', () => page.getByText(draft.title).waitFor(), 'evaluations');
    await check(`/evaluations/${draft.id}`, () => page.getByLabel('Title *', { exact: true }).waitFor(), 'edit');
    await check(
      `/evaluations/${draft.id}/show/outcomes`,
      () => page.getByRole('textbox', { name: 'Treatment · Baseline · n', exact: true }).waitFor(),
      'outcome-grid',
    );
  });

  test("a funder's dashboard with charts and the grants list", async () => {
    const { page } = ui;
    await logIn(page, funder);
    await check('/', () => page.getByTestId('portfolio-chart').waitFor(), 'funder-dashboard');
    // Every chart says in words what it shows, and has its numbers as a table.
    const target = page.getByTestId('target-chart').first();
    expect(await target.getByTestId('chart-summary').innerText()).toMatch(/against a target of/);
    await target.getByText('Show the numbers as a table').click();
    expect(await target.getByRole('table').getByRole('row').count()).toBe(5); // header + four quarters
    await check('/grants', () => page.getByText(portfolio.grant.title).waitFor(), 'grants');
  });

  test("a researcher's evidence map, the Analysis page and an indicator's context series", async () => {
    const { page } = ui;
    await logIn(page, researcher);
    await check('/', () => page.getByTestId('evidence-map').waitFor(), 'researcher-dashboard');
    await check(
      `/analysis?strategy=educate_potential_victims&indicatorId=${portfolio.indicator.id}`,
      () => page.getByTestId('forest-plot').waitFor(),
      'analysis',
    );
    await check(
      `/indicators/${contextIndicatorId}/show`,
      () => page.getByTestId('context-series-chart').waitFor(),
      'context',
    );
    const chart = page.getByTestId('context-series-chart');
    expect(await chart.getByTestId('chart-summary').innerText()).toContain('1998');
    await chart.getByText('Show the numbers as a table').click();
    expect(await chart.getByRole('table').innerText()).toMatch(/1998\s+4,578[\s\S]*2000\s+19,276/);
  });

  test("the administrator's dashboard and the users and indicators lists", async () => {
    const { page } = ui;
    await logIn(page, await createUser('admin'));
    await check(
      '/',
      () => page.getByRole('region', { name: 'Recent activity', exact: true }).waitFor(),
      'admin-dashboard',
    );
    // Other suites add users and indicators to the same database: search for ours.
    const search = (q: string) => `?filter=${encodeURIComponent(JSON.stringify({ q }))}`;
    await check(`/users${search(coordinator.email)}`, () => page.getByText(coordinator.email).waitFor(), 'users');
    await check(
      `/indicators${search(portfolio.indicator.code)}`,
      () => page.getByText(portfolio.indicator.code).waitFor(),
      'indicators',
    );
  });

  test('the outcome grid can be filled in with the keyboard alone', async () => {
    const { page } = ui;
    const fresh = await createTrial(portfolio.program, portfolio.indicator, THREE_TRIALS[1].counts, {
      title: unique('Keyboard trial'),
      status: 'draft',
      measurements: false,
    });
    await logIn(page, coordinator);
    await page.goto(`${baseUrl()}/#/evaluations/${fresh.id}/show/outcomes`);
    const first = page.getByRole('textbox', { name: 'Treatment · Baseline · n', exact: true });
    await first.waitFor();

    // Reach the grid with Tab from the tab list, never with the mouse.
    await page.getByRole('tab', { name: 'Outcomes' }).focus();
    for (let presses = 0; presses < 60; presses += 1) {
      if (await first.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);

    // The inputs come row by row (arm), then column by column (baseline, post, follow-up), n then
    // events; follow-up stays empty. Tab moves on (and saves the cell it leaves), Enter saves the last.
    const typed = ['120', '30', '118', '64', '', '', '115', '28', '112', '35'];
    for (const [index, value] of typed.entries()) {
      if (value) await page.keyboard.type(value);
      await page.keyboard.press(index === typed.length - 1 ? 'Enter' : 'Tab');
    }
    await shot('keyboard-grid');
    await eventually(async () => {
      const saved = await api<Measurement[]>(
        'GET',
        `/api/outcome-measurements${listQuery({ filter: { evaluationId: fresh.id } })}`,
      );
      expect(saved.body.map((m) => `${m.arm}/${m.timepoint}/${m.n}/${m.events}`).sort()).toEqual([
        'comparison/baseline/115/28',
        'comparison/post/112/35',
        'treatment/baseline/120/30',
        'treatment/post/118/64',
      ]);
    });
  });
});
