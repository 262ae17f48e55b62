/** Small helpers for browser suites: retrying checks, signing in, choosing from MUI selects, reading downloads. */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { baseUrl } from './api';
import type { TestUser } from './sessions';

/** Retries `check` until it passes or `timeout` ms have passed (then rethrows its last error). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeout = 10_000, interval = 150 } = {},
): Promise<T> {
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

/** Signs in through the login form and waits for the menu. */
export async function logIn(page: Page, user: TestUser): Promise<void> {
  await page.goto(`${baseUrl()}/#/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('menuitem').first().waitFor();
}

/** Opens the MUI select whose accessible name starts with `label` and chooses `option`. */
export async function pickSelect(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  const choice = page.getByRole('option', { name: option, exact: true });
  await choice.click();
  await choice.waitFor({ state: 'detached' });
}

/** Clicks what starts a download and returns the downloaded file's name and text. */
export async function downloadText(
  page: Page,
  start: () => Promise<void>,
): Promise<{ filename: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}
