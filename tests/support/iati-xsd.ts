import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const XSD = join(__dirname, '..', 'fixtures', 'iati-2.03', 'iati-activities-schema.xsd');

/** Whether xmllint is installed (.ci/run installs libxml2-utils); without it, XSD checks are skipped. */
export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

/** Validates a document against the official IATI 2.03 schema; returns xmllint's complaints ('' when valid). */
export function xsdErrors(xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'iati-')), 'activities.xml');
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}
