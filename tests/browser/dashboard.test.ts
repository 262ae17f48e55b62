/**
 * Role dashboards in the browser, fed by GET /api/dashboard. A coordinator sees its draft under
 * "Needs your action" and an overdue report; the funder sees the submitted evaluation in its review
 * queue, waiting 0 days; researchers and the administrator get their own first screens.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import type { Locator } from 'playwright-core';
import { api, listQuery, unique } from '../support/api';
import { eventually, logIn } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
} from '../support/factories';
import { createUser, type TestUser } from '../support/sessions';

describeBrowser('admin: role dashboards (browser)', () => {
  const ui = useBrowserPage({ prefix: 'dashboard', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;
  let coordinator: TestUser;
  let funder: TestUser;
  let researcher: TestUser;
  let draft: Evaluation;
  let submitted: Evaluation;
  let grantTitle: string;

  beforeAll(async () => {
    const ngo = await createOrganization({ name: unique('Dashboard NGO') });
    const program = await createProgram(ngo.id, {
      name: unique('Dashboard program'),
      strategy: 'parental_supervision',
    });
    coordinator = await createUser('coordinator', ngo.id);
    funder = await createUser('funder');
    researcher = await createUser('researcher');
    grantTitle = unique('Dashboard grant');
    // A grant that ended last year: its reporting periods are past due.
    const grant = await createGrant(funder.organizationId, ngo.id, [program.id], {
      title: grantTitle,
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      amount: 80000,
    });
    const indicator = await createIndicator();
    const periods = (
      await api<{ id: number }[]>('GET', `/api/reporting-periods${listQuery({ filter: { grantId: grant.id } })}`)
    ).body;
    const reported = await api('POST', '/api/targets', {
      reportingPeriodId: periods[0].id,
      indicatorId: indicator.id,
      baselineValue: 0.2,
      targetValue: 0.4,
      actualValue: 0.3,
    });
    expect(reported.status).toBe(201);
    const missing = await api('POST', '/api/targets', {
      reportingPeriodId: periods[1].id,
      indicatorId: indicator.id,
      baselineValue: 0.2,
      targetValue: 0.5,
    });
    expect(missing.status).toBe(201);

    const created = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(program.id, { grantId: grant.id, title: unique('Draft study') }),
    );
    expect(created.status).toBe(201);
    draft = created.body;
    const second = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(program.id, {
        grantId: grant.id,
        title: unique('Submitted study'),
        primaryIndicatorIds: [indicator.id],
      }),
    );
    expect(second.status).toBe(201);
    submitted = second.body;
    for (const arm of ['treatment', 'comparison']) {
      const measured = await api('POST', '/api/outcome-measurements', {
        evaluationId: submitted.id,
        indicatorId: indicator.id,
        arm,
        timepoint: 'post',
        n: 100,
        events: 40,
      });
      expect(measured.status).toBe(201);
    }
    const submit = await api('POST', `/api/evaluations/${submitted.id}/submit`, {
      version: submitted.version,
      comment: 'Please review',
    });
    expect(submit.status).toBe(200);
  });

  const section = (name: string): Locator => ui.page.getByRole('region', { name, exact: true });

  test('a coordinator finds the draft under "Needs your action" and the overdue report', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    const needsAction = section('Needs your action');
    const link = needsAction.getByRole('link', { name: draft.title });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`#/evaluations/${draft.id}/show`);
    expect(await needsAction.getByRole('link', { name: submitted.title }).count()).toBe(0);
    expect(await needsAction.innerText()).toContain('Complete the outcome numbers and submit for review');

    expect(await section('Evaluations by status').innerText()).toMatch(/Draft: 1[\s\S]*Submitted: 1/);
    const grants = await section('Grants and targets').innerText();
    expect(grants).toContain(grantTitle);
    expect(grants).toContain('1 of 2 targets');
    expect(grants).toContain('50% of target');

    const due = section('Reports due');
    const overdue = due.getByRole('listitem').filter({ hasText: `${grantTitle} · 2025 Q2` });
    expect(await overdue.innerText()).toMatch(/overdue since .*2025; 1 actual value missing/);
    expect(await overdue.getByRole('link').getAttribute('href')).toMatch(/#\/grants\/\d+\/show\/targets$/);

    expect(await section('Latest review comments').innerText()).toContain('Please review');
    await shot('1-coordinator');
  });

  test('the funder finds the submitted evaluation in the review queue, waiting 0 days', async () => {
    const { page } = ui;
    await logIn(page, funder);
    const queue = section('Review queue');
    await queue.getByRole('link', { name: submitted.title }).waitFor();
    const row = queue.getByRole('row').filter({ hasText: submitted.title });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[3]).toBe('0 days');
    expect(await queue.getByRole('link', { name: draft.title }).count()).toBe(0);
    expect(await row.getByRole('link').getAttribute('href')).toBe(`#/evaluations/${submitted.id}/show`);

    const portfolio = section('Portfolio');
    await eventually(async () =>
      expect(await portfolio.innerText()).toContain('Improve parental supervision and prevent child abuse'),
    );
    expect(await portfolio.innerText()).toContain('$80,000.00');
    // Nothing approved yet: the empty state says what comes next.
    expect(await section('Evidence ratings').innerText()).toContain('No approved evaluations yet.');
    await shot('2-funder');
  });

  test('a researcher is pointed to the Analysis page', async () => {
    const { page } = ui;
    await logIn(page, researcher);
    const welcome = section('Start with the evidence');
    const link = welcome.getByRole('link', { name: 'Open the Analysis page' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('#/analysis');
    expect(await welcome.innerText()).toContain('Download data set');
    await shot('3-researcher');
  });

  test('the administrator sees accounts, recent activity, failed jobs and the review queue', async () => {
    const { page } = ui;
    await logIn(page, {
      email: process.env.LEDGER_ADMIN_EMAIL!,
      password: process.env.LEDGER_ADMIN_PASSWORD!,
    });
    await section('Accounts').getByText('Users').waitFor();
    expect(await section('Recent activity').getByRole('row').count()).toBeGreaterThan(1);
    await section('Failed jobs').waitFor();
    await section('Review queue').getByRole('link', { name: submitted.title }).waitFor();
    await shot('4-admin');
  });
});
