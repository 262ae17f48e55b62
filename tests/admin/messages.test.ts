/**
 * The admin's three languages (issue 7): every key exists in English, Spanish and French,
 * each translation keeps the placeholders and plural forms of the English text, and every
 * literal `ledger.…` key the admin's code asks for exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Messages = { [key: string]: string | Messages };

// The admin's sources are ESM for the bundler; jest compiles them with swc (jest.config.js), and
// tsc does not follow a plain require, so the admin's module settings stay out of this project.
/* eslint-disable @typescript-eslint/no-require-imports */
const { en } = require('../../admin/src/i18n/en') as { en: Messages };
const { es } = require('../../admin/src/i18n/es') as { es: Messages };
const { fr } = require('../../admin/src/i18n/fr') as { fr: Messages };
/* eslint-enable @typescript-eslint/no-require-imports */

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const languages: Record<string, Messages> = { en, es, fr };
const flat = Object.fromEntries(Object.entries(languages).map(([name, m]) => [name, flatten(m)]));
const placeholders = (text: string) => [...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('admin messages', () => {
  it.each(['es', 'fr'])('%s has exactly the keys of English', (language) => {
    const english = [...flat.en.keys()];
    const other = [...flat[language].keys()];
    expect(english.filter((k) => !flat[language].has(k))).toEqual([]);
    expect(other.filter((k) => !flat.en.has(k))).toEqual([]);
    expect(english.length).toBeGreaterThan(1000);
  });

  it.each(['es', 'fr'])('%s keeps every placeholder and plural form of the English text', (language) => {
    const problems: string[] = [];
    for (const [key, text] of flat.en) {
      const translated = flat[language].get(key);
      if (translated === undefined) continue;
      // react-admin's own French file words some messages without the optional placeholder
      if (!key.startsWith('ra.') && placeholders(text).join() !== placeholders(translated).join())
        problems.push(`${key}: ${placeholders(text).join()} ≠ ${placeholders(translated).join()}`);
      if (text.split('||||').length !== translated.split('||||').length) problems.push(`${key}: plural forms`);
      if (!key.startsWith('ra.') && translated.trim() === '') problems.push(`${key}: empty`);
    }
    expect(problems).toEqual([]);
  });

  it('Spanish and French are translations, not copies of English', () => {
    for (const language of ['es', 'fr']) {
      const ours = [...flat.en].filter(([key]) => key.startsWith('ledger.') || key.startsWith('resources.'));
      const same = ours.filter(([key, text]) => flat[language].get(key) === text && /[a-z]{4,}/.test(text));
      // Names and codes (IATI, DHIS2, CSV, "Hedges' g") stay as they are; prose does not.
      expect(same.length / ours.length).toBeLessThan(0.1);
    }
  });

  it('every literal ledger key in the admin code exists', () => {
    const root = join(__dirname, '../../admin/src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'i18n') walk(path);
        } else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk(root);
    const missing = new Set<string>();
    let checked = 0;
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"]((?:ledger|resources|ra)\.[\w.-]+[\w])['"]/g)) {
        checked += 1;
        const key = match[1];
        const isBranch = [...flat.en.keys()].some((k) => k.startsWith(`${key}.`));
        if (!flat.en.has(key) && !isBranch) missing.add(`${key} (${file.slice(root.length + 1)})`);
      }
    }
    expect([...missing]).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });
});
