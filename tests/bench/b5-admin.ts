/**
 * B5: the admin's initial load — the entry JavaScript (the module the page loads and the chunks it
 * preloads), gzip-compressed, against 400 KB; and the time from opening the programs list signed in
 * to its first rendered row, in headless Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium, launchBrowser } from '../support/chromium';
import { seedPrograms } from './b4-list';
import { createSetting } from './fixtures';
import { median, round, withDatabase, type BenchContext, type BenchResult } from './harness';

const DIST = join(__dirname, '..', '..', 'admin', 'dist');

/** The entry module and what index.html preloads, with their raw and gzip sizes in KB. */
export function entrySizes(): { files: string[]; rawKb: number; gzipKb: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g),
  ].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(join(DIST, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: [...new Set(files)], rawKb: round(raw / 1024, 1), gzipKb: round(gzip / 1024, 1) };
}

export async function runB5(ctx: BenchContext): Promise<BenchResult> {
  const sizes = entrySizes();
  const times: number[] = [];
  if (findChromium()) {
    // Run on its own (BENCH_ONLY=B5) nothing has made programs yet: give the list a page of them,
    // or it would never show the row the timing waits for.
    const { rows } = await withDatabase(ctx.databaseUrl, (client) => client.query('SELECT 1 FROM programs LIMIT 1'));
    if (rows.length === 0) await seedPrograms(ctx, (await createSetting(ctx)).organizationId, 25);
    const email = process.env.LEDGER_ADMIN_EMAIL!;
    const password = process.env.LEDGER_ADMIN_PASSWORD!;
    for (let run = 0; run < ctx.repeats; run++) {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${ctx.baseUrl}/#/login`);
        await page.getByLabel('Email').fill(email);
        await page.locator('input[name="password"]').fill(password);
        await page.getByRole('button', { name: /sign in/i }).click();
        await page.getByRole('menuitem').first().waitFor();
        // A fresh tab on the programs list: the session cookie is there, the code is not cached in memory.
        const fresh = await browser.context.newPage();
        const start = Date.now();
        await fresh.goto(`${ctx.baseUrl}/#/programs`);
        await fresh.locator('tbody tr').first().waitFor({ timeout: 60_000 });
        times.push((Date.now() - start) / 1000);
      } finally {
        await browser.close();
      }
    }
  }
  ctx.log(
    `B5: entry ${sizes.gzipKb} KB gzip (${sizes.files.length} files); first list ${times.map((t) => t.toFixed(2)).join(', ')} s`,
  );
  return {
    ours: sizes.gzipKb,
    baseline: null,
    ratio: null,
    target: 400,
    met: sizes.gzipKb <= 400,
    unit: 'KB gzip',
    extra: {
      entryRawKb: sizes.rawKb,
      files: sizes.files,
      firstListSeconds: times.length ? round(median(times), 3) : null,
    },
  };
}
