/**
 * Each role logs in through the login page and sees only its menu entries and rows.
 * Skipped, loudly, when no Chromium is installed (see support/chromium.ts).
 */
import type { Page } from 'playwright-core';
import { api, baseUrl, unique } from '../support/api';
import { logIn } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import { createProgram } from '../support/factories';
import { createToken, createUser, type TestUser } from '../support/sessions';

async function menuEntries(page: Page): Promise<string[]> {
  const items = page.locator('.RaMenu-open [role="menuitem"], .RaMenu-closed [role="menuitem"]');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

describeBrowser('admin: what each role sees (browser)', () => {
  // A fresh page (no cookies) per test; these tests never checked the page for uncaught errors.
  const ui = useBrowserPage({ failOnPageErrors: false });
  let coordinator: TestUser;
  let researcher: TestUser;
  let ownProgram: string;
  let otherProgram: string;

  beforeAll(async () => {
    coordinator = await createUser('coordinator');
    researcher = await createUser('researcher');
    const other = await createUser('coordinator');
    ownProgram = (await createProgram(coordinator.organizationId, { name: unique('Own program') })).name;
    otherProgram = (await createProgram(other.organizationId, { name: unique('Other NGO program') })).name;
  });

  test('an anonymous visitor gets the login page, and a wrong password an error', async () => {
    const { page } = ui;
    await page.goto(`${baseUrl()}/#/programs`);
    await page.getByLabel('Email').waitFor();
    expect(page.url()).toContain('#/login');
    await page.getByLabel('Email').fill(coordinator.email);
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('Wrong email or password').waitFor();
    await ui.shot('login-error', { fullPage: false });
  });

  test('a coordinator sees Programs and Organizations, not Users, and only their own programs', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    const entries = await menuEntries(page);
    expect(entries).toEqual(expect.arrayContaining(['Programs', 'Organizations', 'Indicators']));
    expect(entries).not.toContain('Users');
    expect(entries).not.toContain('Audit log');
    await page.goto(`${baseUrl()}/#/programs`);
    await page.getByText(ownProgram).waitFor();
    expect(await page.getByText(otherProgram).count()).toBe(0);
    await ui.shot('coordinator-programs');
  });

  test('a funder sees Programs (none of an NGO it does not fund) and not Users', async () => {
    const funder = await createUser('funder');
    const { page } = ui;
    await logIn(page, funder);
    const entries = await menuEntries(page);
    expect(entries).toEqual(expect.arrayContaining(['Programs', 'Organizations']));
    expect(entries).not.toContain('Users');
    await page.goto(`${baseUrl()}/#/programs`);
    await page.locator('#react-admin-title').getByText('Programs').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(ownProgram).count()).toBe(0);
  });

  test('a researcher sees neither Programs nor Users', async () => {
    const { page } = ui;
    await logIn(page, researcher);
    const entries = await menuEntries(page);
    expect(entries).not.toContain('Programs');
    expect(entries).not.toContain('Users');
  });

  test('the administrator sees Users', async () => {
    const { page } = ui;
    await logIn(page, { email: process.env.LEDGER_ADMIN_EMAIL!, password: process.env.LEDGER_ADMIN_PASSWORD! });
    expect(await menuEntries(page)).toEqual(
      expect.arrayContaining(['Programs', 'Indicators', 'Organizations', 'Users', 'Audit log']),
    );
    await ui.shot('admin-dashboard');
  });

  test('a new user sets a password through the one-time link without logging in', async () => {
    const email = `${unique('link').replace(/\W+/g, '.')}@tests.invalid`;
    const created = await api<{ setPasswordUrl: string }>('POST', '/api/users', {
      email,
      displayName: 'Link user',
      organizationId: researcher.organizationId,
      role: 'researcher',
    });
    expect(created.status).toBe(201);
    const { page } = ui;
    await page.goto(`${baseUrl()}/${created.body.setPasswordUrl.replace(/^\//, '')}`);
    const fields = page.locator('input[type="password"]');
    await fields.first().waitFor();
    expect(await fields.count()).toBe(2);
    await fields.nth(0).fill('a-browser-set-password');
    await fields.nth(1).fill('a-browser-set-password');
    await page
      .getByRole('button')
      .filter({ hasText: /password/i })
      .first()
      .click();
    await page.getByRole('link', { name: /log in|sign in/i }).waitFor();
    const login = await api('POST', '/api/auth/login', { email, password: 'a-browser-set-password' }, { token: null });
    expect(login.status).toBe(200);
  });

  test('changing the password signs the user out and says their API tokens were revoked', async () => {
    const person = await createUser('coordinator');
    const token = await createToken(person, 'write');
    const { page } = ui;
    await logIn(page, person);
    await page.goto(`${baseUrl()}/#/password`);
    const fields = page.locator('input[type="password"]');
    await fields.first().waitFor();
    expect(await fields.count()).toBe(3);
    await fields.nth(0).fill(person.password);
    await fields.nth(1).fill('a-browser-changed-password');
    await fields.nth(2).fill('a-browser-changed-password');
    await page.getByRole('button', { name: /change password/i }).click();
    await page.getByText(/API token was revoked/).waitFor();
    await page.getByLabel('Email').waitFor();
    expect(page.url()).toContain('#/login');
    await ui.shot('password-changed', { fullPage: false });
    expect((await api('GET', '/api/auth/me', undefined, { token })).status).toBe(401);
    const login = await api(
      'POST',
      '/api/auth/login',
      { email: person.email, password: 'a-browser-changed-password' },
      { token: null },
    );
    expect(login.status).toBe(200);
  });

  test('a session that ended elsewhere sends the user back to the sign-in page from the tokens page', async () => {
    const person = await createUser('coordinator');
    await createToken(person, 'read');
    const { page } = ui;
    await logIn(page, person);
    await page.goto(`${baseUrl()}/#/tokens`);
    await page.getByRole('button', { name: 'Revoke' }).first().waitFor();
    // The session is gone (expired, or ended in another tab): the next call is a 401.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Revoke' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByLabel('Email').waitFor();
    expect(page.url()).toContain('#/login');
  });
});
