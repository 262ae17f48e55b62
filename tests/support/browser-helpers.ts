/** Small helpers for browser suites: retrying checks, signing in, choosing from MUI selects, reading downloads. */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { api, baseUrl } from './api';
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

/**
 * Follows the next file upload the page makes to an import route: call before the click that
 * uploads, await the returned function after it. It resolves once the upload was refused or its
 * job has ended, however long the server takes on a busy machine (no time limit of its own), so
 * the UI waits that follow only cover the dialog's 500 ms poll and a render.
 */
export function followNextImport(page: Page): () => Promise<void> {
  const response = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/imports'),
    { timeout: 0 },
  );
  response.catch(() => undefined); // the page may close first when a test fails earlier
  return async () => {
    const answer = await response;
    if (answer.status() !== 200 && answer.status() !== 202) return;
    const { id } = (await answer.json()) as { id: string };
    for (;;) {
      const job = await api<{ state: string }>('GET', `/api/jobs/${id}`);
      if (job.status !== 200) throw new Error(`job ${id}: ${job.status}`);
      if (job.body.state !== 'queued' && job.body.state !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
}

/** Signs in through the login form and waits for the menu. */
export async function logIn(page: Page, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
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

/** A finished browser download: the name the server suggested, where it came from and its bytes. */
export interface DownloadedFile {
  filename: string;
  url: string;
  bytes: Buffer;
  text: string;
}

/** Clicks what starts a download and returns the downloaded file's name, address and content. */
export async function downloadText(page: Page, start: () => Promise<void>): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const bytes = await readFile(await download.path());
  return { filename: download.suggestedFilename(), url: download.url(), bytes, text: bytes.toString('utf8') };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF; a leading BOM is dropped) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/** Types into a react-admin autocomplete whose accessible name starts with `label` and clicks the exact `option`. */
export async function pickAutocomplete(page: Page, label: string, typed: string, option: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.pressSequentially(typed);
  const choice = page.getByRole('option', { name: option, exact: true });
  await choice.waitFor();
  await choice.click();
}

/**
 * Types n and events into one cell (`where`, e.g. "Treatment · Baseline") of an indicator's rows in the outcome grid,
 * with the keyboard; Tab leaves each field, which saves it.
 */
export async function enterOutcomeCell(
  page: Page,
  grid: Locator,
  where: string,
  n: number,
  events: number,
): Promise<void> {
  await grid.getByRole('textbox', { name: `${where} · n`, exact: true }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(n));
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(events));
  await page.keyboard.press('Tab');
}
