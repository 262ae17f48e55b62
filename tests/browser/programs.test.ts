/**
 * Browser suite for the programs pages of the admin app (served by the built server at `/`, hash router).
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import type { Page } from 'playwright-core';
import { api, baseUrl, listQuery, unique } from '../support/api';
import { eventually, pickAutocomplete, pickSelect } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import { createOrganization, createProgram, type Organization, type Program } from '../support/factories';

const END_BEFORE_START = 'End date must be on or after the start date';

/** Programs whose name is exactly `name`, as the list endpoint returns them. */
async function programsNamed(name: string): Promise<Program[]> {
  const response = await api<Program[]>('GET', '/api/programs' + listQuery({ filter: { q: name } }));
  expect(response.status).toBe(200);
  expect(Array.isArray(response.body)).toBe(true);
  return response.body.filter((program) => program.name === name);
}

/** A combobox (MUI select or autocomplete) by its label; required labels end with an aria-hidden " *". */
const combobox = (page: Page, label: string) => page.getByRole('combobox', { name: label });

/** The editable value of the first field labelled `label`. */
const fieldValue = (page: Page, label: string) => page.getByLabel(label, { exact: true }).inputValue();

describeBrowser('admin: programs pages (browser)', () => {
  // The context keeps the administrator's session from beforeAll: no cookie clearing between tests.
  const ui = useBrowserPage({ clearCookies: false });
  let ngo: Organization;
  /** The program created through the form, edited by the next test. */
  let created: Program | undefined;

  beforeAll(async () => {
    // Log the browser context in as the test administrator: the context's request API shares its cookies.
    const login = await ui.browser.context.request.post(`${baseUrl()}/api/auth/login`, {
      data: { email: process.env.LEDGER_ADMIN_EMAIL, password: process.env.LEDGER_ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
    ngo = await createOrganization({ name: unique('Browser NGO') });
  });

  /** Fills the fields every program needs (NGO, name, strategy, setting, start date). */
  async function fillRequired(name: string, startDate: string): Promise<void> {
    // The NGO's unique name is "Browser NGO <suffix>": type the suffix only, so the search does the work.
    await pickAutocomplete(ui.page, 'NGO', ngo.name.replace('Browser NGO ', ''), ngo.name);
    expect(await combobox(ui.page, 'NGO').inputValue()).toBe(ngo.name);
    await ui.page.getByLabel('Name *', { exact: true }).fill(name);
    await pickSelect(ui.page, 'Strategy', 'Educate potential victims');
    await pickSelect(ui.page, 'Setting', 'School');
    await ui.page.getByLabel('Start date *', { exact: true }).fill(startDate);
  }

  test('the list renders its title and rows, and the search finds a program', async () => {
    const { page } = ui;
    const program = await createProgram(ngo.id, { name: unique('Browser listed program') });

    await page.goto(`${baseUrl()}/#/programs`);
    await eventually(async () => expect(await page.locator('#react-admin-title').innerText()).toBe('Programs'));
    const rows = page.locator('table tbody').getByRole('row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    await ui.shot('programs-list');

    await page.getByPlaceholder('Search').fill(program.name);
    const row = rows.filter({ hasText: program.name });
    await row.waitFor();
    await eventually(async () => expect(await rows.count()).toBe(1));
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining([program.name, ngo.name, 'Educate potential victims', 'School']));
  });

  test('a program is created through the form', async () => {
    const { page } = ui;
    const name = unique('Browser program');
    await page.goto(`${baseUrl()}/#/programs/create`);
    await page.getByLabel('Name *', { exact: true }).waitFor();

    await fillRequired(name, '2026-02-01');
    await pickAutocomplete(page, 'Countries', 'Phil', 'Philippines');
    await page.getByRole('button', { name: 'Philippines' }).waitFor(); // the chip of the chosen country
    const activities = page.getByLabel('Activities', { exact: true });
    await activities.click();
    await page.keyboard.type('Classroom sessions');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Parent evenings');
    expect(await activities.inputValue()).toBe('Classroom sessions\nParent evenings');
    await ui.shot('program-create');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/programs\/\d+\/show$/);
    await page.locator('#main-content').getByText(name, { exact: true }).waitFor();

    const saved = await eventually(async () => {
      const found = await programsNamed(name);
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(page.url()).toMatch(new RegExp(`#/programs/${saved.id}/show$`));
    expect(saved).toMatchObject({
      organizationId: ngo.id,
      strategy: 'educate_potential_victims',
      setting: 'school',
      countries: ['PH'],
      startDate: '2026-02-01',
      endDate: null,
      status: 'planned',
      activities: ['Classroom sessions', 'Parent evenings'],
      version: 1,
    });
    expect(saved.activities).toHaveLength(2);
    created = saved;
  });

  test('the created program is renamed through the edit form', async () => {
    const { page } = ui;
    if (!created) throw new Error('the create test did not save a program');
    const program = created;
    const newName = unique('Browser renamed program');

    await page.goto(`${baseUrl()}/#/programs/${program.id}`);
    await eventually(async () => expect(await fieldValue(page, 'Name *')).toBe(program.name));
    await page.getByLabel('Name *', { exact: true }).fill(newName);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`#/programs/${program.id}/show$`));
    await page.locator('#main-content').getByText(newName, { exact: true }).waitFor();

    const response = await api<Program>('GET', `/api/programs/${program.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: newName,
      version: 2,
      countries: ['PH'],
      activities: ['Classroom sessions', 'Parent evenings'],
    });
    expect(await programsNamed(program.name)).toHaveLength(0);
  });

  test('an end date before the start date is refused and nothing is saved', async () => {
    const { page } = ui;
    const name = unique('Browser invalid program');
    // Client-side validation should stop the request; if one is sent anyway, the server must refuse it.
    const accepted: number[] = [];
    page.on('response', (response) => {
      const request = response.request();
      const isCreate = request.method() === 'POST' && new URL(request.url()).pathname === '/api/programs';
      if (isCreate && response.ok()) accepted.push(response.status());
    });

    await page.goto(`${baseUrl()}/#/programs/create`);
    await page.getByLabel('Name *', { exact: true }).waitFor();
    await fillRequired(name, '2026-03-01');
    await page.getByLabel('End date', { exact: true }).fill('2026-02-01');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByText(END_BEFORE_START, { exact: true }).waitFor();
    const endDate = page.getByLabel('End date', { exact: true });
    expect(await endDate.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/#\/programs\/create$/);
    expect(accepted).toEqual([]);
    expect(await programsNamed(name)).toHaveLength(0);
  });
});
