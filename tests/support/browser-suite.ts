/**
 * The frame every browser suite shares: skip (loudly) without Chromium, one browser per describe block, a fresh
 * page per test whose uncaught errors fail the test, and full-page screenshots under browser/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { findChromium, launchBrowser, type LaunchedBrowser } from './chromium';

/** Where the browser suites keep their screenshots. */
export const ARTIFACTS = join(__dirname, '..', 'browser', 'artifacts');

const chromiumFound = Boolean(findChromium());
if (!chromiumFound) console.warn('SKIPPED: browser suite (no Chromium)');

/** `describe` when a Chromium is installed, else `describe.skip` (with the warning above). */
export const describeBrowser: jest.Describe = chromiumFound ? describe : describe.skip;

export interface BrowserPageOptions {
  /** Screenshot names become `<prefix>-<name>.png`; without a prefix, `<name>.png`. */
  prefix?: string;
  viewport?: { width: number; height: number };
  /** Clear the context's cookies before each test (default true); false keeps a session made in beforeAll. */
  clearCookies?: boolean;
  /** Fail a test whose page threw an uncaught error (default true). */
  failOnPageErrors?: boolean;
}

export interface BrowserPage {
  /** The browser launched for the describe block (for extra pages or its request API). */
  readonly browser: LaunchedBrowser;
  /** The current test's page. */
  readonly page: Page;
  /** Path of the artifact `<prefix>-<name>.png`. */
  artifact: (name: string) => string;
  /** Screenshot of the current page into `<prefix>-<name>.png` (full page unless told otherwise). */
  shot: (name: string, options?: { fullPage?: boolean }) => Promise<Buffer>;
  /** Closes the current page and opens a fresh one without cookies (as after signing out); page errors still count. */
  freshPage: () => Promise<Page>;
}

/**
 * Registers, at the top of a describe block, the hooks that launch and close the browser (beforeAll/afterAll) and
 * open and close a page per test (beforeEach/afterEach). Declared first, its beforeAll runs before the block's own.
 */
export function useBrowserPage(options: BrowserPageOptions = {}): BrowserPage {
  const { prefix, viewport, clearCookies = true, failOnPageErrors = true } = options;
  let browser: LaunchedBrowser | undefined;
  let page: Page | undefined;
  let pageErrors: string[] = [];

  const launched = (): LaunchedBrowser => {
    if (!browser) throw new Error('The browser is launched in beforeAll');
    return browser;
  };
  const current = (): Page => {
    if (!page) throw new Error('The page is opened in beforeEach');
    return page;
  };
  const openPage = async (): Promise<Page> => {
    if (clearCookies) await launched().context.clearCookies();
    page = await launched().context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };
  const artifact = (name: string) => join(ARTIFACTS, `${prefix ? `${prefix}-` : ''}${name}.png`);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchBrowser(viewport ? { viewport } : {});
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    pageErrors = [];
    await openPage();
  });

  afterEach(async () => {
    await page?.close();
    page = undefined;
    if (failOnPageErrors) expect(pageErrors).toEqual([]);
  });

  return {
    get browser() {
      return launched();
    },
    get page() {
      return current();
    },
    artifact,
    shot: (name, { fullPage = true } = {}) => current().screenshot({ path: artifact(name), fullPage }),
    freshPage: async () => {
      await page?.close();
      return openPage();
    },
  };
}
