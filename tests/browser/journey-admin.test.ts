/**
 * Journey 4 of issue 7: the administrator creates a user, then switches the admin to Spanish and to
 * French — the menu, a list's columns, a dashboard, numbers and dates follow — and back to English.
 * A server refusal shows in the chosen language too (its stable `code` is translated).
 * Screenshots go to tests/browser/artifacts/. Skipped, loudly, when no Chromium is installed.
 */
import { api, baseUrl, listQuery, unique } from '../support/api';
import { eventually, logIn, pickSelect } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import { createOrganization, type Organization } from '../support/factories';
import { createUser, type TestUser } from '../support/sessions';

describeBrowser('journey 4: an administrator creates a user and works in Spanish and French (browser)', () => {
  const ui = useBrowserPage({ prefix: 'journey-admin', viewport: { width: 1440, height: 1000 } });
  const { shot } = ui;
  let admin: TestUser;
  let ngo: Organization;

  beforeAll(async () => {
    ngo = await createOrganization({ name: unique('Fundación Journey') });
    admin = await createUser('admin');
  });

  /** The app bar's language menu (react-admin's LocalesMenuButton). */
  async function switchLanguage(from: string, to: string): Promise<void> {
    await ui.page.getByRole('button', { name: from }).first().click();
    await ui.page.getByRole('menuitem', { name: to }).click();
  }

  test('creates a user, then reads the admin in Spanish and French', async () => {
    const { page } = ui;
    await logIn(page, admin);
    const email = `${unique('maria').replace(/\W+/g, '.')}@ngo.example`.toLowerCase();
    await page.goto(`${baseUrl()}/#/users/create`);
    await page.getByLabel('Email *', { exact: true }).fill(email);
    await page.getByLabel('Name *', { exact: true }).fill('María Pérez');
    const organization = page.getByRole('combobox', { name: 'Organization' });
    await organization.click();
    await organization.pressSequentially(ngo.name.slice(0, 18));
    await page.getByRole('option', { name: new RegExp(ngo.name) }).click();
    await pickSelect(page, 'Role', 'Program coordinator');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'User created: set-password link' });
    await dialog.waitFor();
    await shot('1-created');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.waitForURL(/#\/users\/\d+\/show$/);
    const stored = await api<{ email: string; role: string; organizationId: number }[]>(
      'GET',
      `/api/users${listQuery({ filter: { q: email } })}`,
    );
    expect(stored.body).toEqual([expect.objectContaining({ email, role: 'coordinator', organizationId: ngo.id })]);

    // Spanish: the menu, the list's columns, the page's language and number formats change.
    await switchLanguage('English', 'Español');
    await page.getByRole('menuitem', { name: 'Usuarios' }).click();
    await page.getByRole('columnheader', { name: 'Correo electrónico' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.getByRole('menuitem', { name: 'Organizaciones' }).count()).toBe(1);
    await shot('2-users-es');

    // A refusal from the server, translated from its code: the same email again is a 409 duplicate.
    await page.goto(`${baseUrl()}/#/users/create`);
    await page.getByLabel('Correo electrónico *', { exact: true }).fill(email);
    await page.getByLabel('Nombre *', { exact: true }).fill('María Pérez');
    const again = page.getByRole('combobox', { name: 'Organización' });
    await again.click();
    await again.pressSequentially(ngo.name.slice(0, 18));
    await page.getByRole('option', { name: new RegExp(ngo.name) }).click();
    await pickSelect(page, 'Rol', 'Coordinador de programa');
    await page.getByRole('button', { name: 'Guardar' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Ya existe' });
    await alert.waitFor();
    await shot('3-duplicate-es');

    // French: the dashboard in French, with French number formats.
    await switchLanguage('Español', 'Français');
    await page.goto(`${baseUrl()}/#/`);
    await page.getByRole('region', { name: 'Activité récente' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.getByRole('menuitem', { name: 'Tableau de bord' }).count()).toBe(1);
    await shot('4-dashboard-fr');

    // The choice survives a reload; English comes back from the same menu.
    await page.reload();
    await page.getByRole('region', { name: 'Activité récente' }).waitFor();
    await switchLanguage('Français', 'English');
    await eventually(async () => expect(await page.getByRole('menuitem', { name: 'Dashboard' }).count()).toBe(1));
  });
});
