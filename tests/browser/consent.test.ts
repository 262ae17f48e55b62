/**
 * Grants by consent in the browser (issue 17, PRODUCT.md hard rule 3): a funder's grant reaches
 * the NGO as an offer. Its coordinator finds it on the dashboard, accepts one offer choosing which
 * of its programs it covers, and declines another with a reason; the funder then sees the chosen
 * program and nothing else of the NGO. Skipped, loudly, when no Chromium is installed.
 */
import { api, unique } from '../support/api';
import { eventually, logIn } from '../support/browser-helpers';
import { describeBrowser, useBrowserPage } from '../support/browser-suite';
import { createOrganization, createProgram, offerGrant, type Grant, type Program } from '../support/factories';
import { createToken, createUser, type TestUser } from '../support/sessions';

describeBrowser('admin: a grantee answers grant offers (browser)', () => {
  const ui = useBrowserPage({ prefix: 'consent', viewport: { width: 1440, height: 1000 } });
  let coordinator: TestUser;
  let funderToken: string;
  let covered: Program;
  let other: Program;
  let toAccept: Grant;
  let toDecline: Grant;

  const asFunder = async (grantId: number) =>
    (await api<Grant>('GET', `/api/grants/${grantId}`, undefined, { token: funderToken })).body;

  beforeAll(async () => {
    const ngo = await createOrganization({ name: unique('Consent NGO') });
    covered = await createProgram(ngo.id, { name: unique('Street outreach') });
    other = await createProgram(ngo.id, { name: unique('Hotline') });
    coordinator = await createUser('coordinator', ngo.id);
    funderToken = await createToken(await createUser('funder'), 'write');
    toAccept = await offerGrant(funderToken, ngo.id, { title: unique('Outreach grant') });
    toDecline = await offerGrant(funderToken, ngo.id, { title: unique('Hotline grant') });
  });

  it('accepts one offer choosing a program and declines the other with a reason', async () => {
    const { page } = ui;
    await logIn(page, coordinator);
    const offers = page.getByRole('region', { name: 'Grants offered to your NGO' });
    await offers.getByRole('link', { name: toAccept.title }).waitFor();
    await ui.shot('dashboard-offers');

    await offers.getByRole('link', { name: toAccept.title }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    const accept = page.getByRole('dialog', { name: 'Accept this grant' });
    const confirm = accept.getByRole('button', { name: 'Accept' });
    expect(await confirm.isDisabled()).toBe(true);
    await accept.getByRole('checkbox', { name: covered.name }).check();
    await ui.shot('accept-dialog');
    await confirm.click();
    await page.getByText('Grant accepted').waitFor();
    await eventually(async () =>
      expect(await asFunder(toAccept.id)).toMatchObject({ consent: 'accepted', programIds: [covered.id] }),
    );

    await page.goto(`${process.env.LEDGER_BASE_URL}/#/grants/${toDecline.id}/show`);
    await page.getByRole('button', { name: 'Decline' }).click();
    const decline = page.getByRole('dialog', { name: 'Decline this grant' });
    await decline.getByLabel('Reason').fill('Hotline is funded by the city');
    await decline.getByRole('button', { name: 'Decline' }).click();
    await page.getByText('Grant declined').waitFor();
    await eventually(async () =>
      expect(await asFunder(toDecline.id)).toMatchObject({
        consent: 'declined',
        declineReason: 'Hotline is funded by the city',
        programIds: [],
      }),
    );

    // The funder reads the program the NGO chose, not the other one.
    const read = (id: number) => api('GET', `/api/programs/${id}`, undefined, { token: funderToken });
    expect((await read(covered.id)).status).toBe(200);
    expect((await read(other.id)).status).toBe(404);
  });
});
