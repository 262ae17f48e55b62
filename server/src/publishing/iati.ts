/**
 * IATI 2.03 activity XML for grants (https://iatistandard.org/en/iati-standard/203/): one
 * `iati-activity` per grant, with a `result` per indicator that has targets, its `baseline`, and a
 * `period` per reporting period holding the `target` and `actual` values (with `dimension` for
 * disaggregations). Pure: built from plain rows, validated against the official XSD in the tests.
 */
import { create } from 'xmlbuilder2';
import { UnprocessableError } from '../common/errors';
import type { Direction, IndicatorLevel, MeasureType } from '../vocabulary/indicators';
import { textProblem } from '../vocabulary/text';

export interface IatiOrganization {
  id: number;
  name: string;
  kind: string;
}

export interface IatiTarget {
  id: number;
  period: { startDate: string; endDate: string };
  sex: string;
  ageBand: string;
  region: string;
  baselineValue: number | null;
  targetValue: number;
  actualValue: number | null;
  comment: string;
}

export interface IatiIndicator {
  id: number;
  code: string;
  name: string;
  definition: string;
  level: IndicatorLevel;
  measureType: MeasureType;
  direction: Direction;
  iatiVocabulary: string | null;
  iatiCode: string | null;
  targets: IatiTarget[];
}

export interface IatiGrant {
  id: number;
  reference: string;
  title: string;
  amount: number;
  currency: string;
  startDate: string;
  endDate: string;
  status: 'active' | 'closed';
  funder: IatiOrganization;
  grantee: IatiOrganization;
  programs: { id: number; name: string; summary: string; countries: string[] }[];
  indicators: IatiIndicator[];
}

/**
 * Our organizations have no registered IATI identifier yet; this stands in for one (documented
 * in docs/api.md). The IATI Organisation Identifier would replace it.
 */
export const organizationRef = (o: IatiOrganization) => `XX-OUTCOME-LEDGER-${o.id}`;

/** IATI OrganisationType codes: 22 national NGO, 60 foundation, 80 academic/research, 90 other. */
const ORGANISATION_TYPE: Record<string, string> = { ngo: '22', funder: '60', research: '80', platform: '90' };
/** IATI ResultType: 1 output, 2 outcome, 3 impact. */
const RESULT_TYPE: Record<IndicatorLevel, string> = { output: '1', outcome: '2', impact: '3' };
/** IATI IndicatorMeasure: 1 unit, 2 percentage. Proportions are published as percentages. */
const MEASURE: Record<MeasureType, string> = { proportion: '2', mean: '1', count: '1', rate: '1' };

const DIMENSION_NAMES = { sex: 'sex', ageBand: 'age band', region: 'region' } as const;

function publish(measureType: MeasureType, value: number): string {
  const v = measureType === 'proportion' ? value * 100 : value;
  return String(Number(v.toPrecision(12)));
}

/**
 * Stored text as it goes into the document. Text stored before the API refused the characters XML
 * cannot hold (vocabulary/text.ts) would make the file not well-formed: that is a 422 naming the
 * record and field to correct, never a broken file.
 */
function xmlText(text: string, record: string, field: string): string {
  const problem = textProblem(text);
  if (!problem) return text;
  throw new UnprocessableError(
    `${record} cannot be published as IATI XML: its ${field} ${problem.message}; correct it and publish again`,
    [{ field, message: problem.message, code: problem.code }],
  ).withCode('unpublishable_text');
}

const narrative = (parent: ReturnType<typeof create>, text: string, record: string, field: string) =>
  parent
    .ele('narrative')
    .txt(xmlText(text, record, field))
    .up();

/** The `iati-activities` document for the given grants. */
export function iatiActivities(grants: IatiGrant[], generatedAt = new Date()): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('iati-activities', {
    version: '2.03',
    'generated-datetime': generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  for (const grant of grants) {
    const ofGrant = `grant ${grant.id}`;
    const activity = root.ele('iati-activity', {
      'default-currency': xmlText(grant.currency, ofGrant, 'currency'),
      'xml:lang': 'en',
    });
    activity
      .ele('iati-identifier')
      .txt(`${organizationRef(grant.funder)}-${xmlText(grant.reference, ofGrant, 'reference')}`);
    narrative(
      activity.ele('reporting-org', {
        ref: organizationRef(grant.funder),
        type: ORGANISATION_TYPE[grant.funder.kind] ?? '90',
      }),
      grant.funder.name,
      `organization ${grant.funder.id}`,
      'name',
    );
    narrative(activity.ele('title'), grant.title, ofGrant, 'title');
    for (const p of grant.programs) {
      xmlText(p.name, `program ${p.id}`, 'name');
      xmlText(p.summary, `program ${p.id}`, 'summary');
    }
    narrative(
      activity.ele('description', { type: '1' }),
      grant.programs.map((p) => `${p.name}${p.summary ? `: ${p.summary}` : ''}`).join(' ') || grant.title,
      ofGrant,
      'description',
    );
    narrative(
      activity.ele('participating-org', {
        ref: organizationRef(grant.funder),
        role: '1',
        type: ORGANISATION_TYPE[grant.funder.kind] ?? '90',
      }),
      grant.funder.name,
      `organization ${grant.funder.id}`,
      'name',
    );
    narrative(
      activity.ele('participating-org', {
        ref: organizationRef(grant.grantee),
        role: '4',
        type: ORGANISATION_TYPE[grant.grantee.kind] ?? '90',
      }),
      grant.grantee.name,
      `organization ${grant.grantee.id}`,
      'name',
    );
    // ActivityStatus: 2 implementation, 4 post-completion.
    activity.ele('activity-status', { code: grant.status === 'active' ? '2' : '4' });
    activity.ele('activity-date', { type: '1', 'iso-date': grant.startDate });
    activity.ele('activity-date', { type: '3', 'iso-date': grant.endDate });
    const countries = [...new Set(grant.programs.flatMap((p) => p.countries))].sort();
    for (const country of countries)
      activity.ele('recipient-country', { code: xmlText(country, ofGrant, 'countries') });
    const budget = activity.ele('budget', { type: '1', status: '2' });
    budget.ele('period-start', { 'iso-date': grant.startDate });
    budget.ele('period-end', { 'iso-date': grant.endDate });
    budget.ele('value', { currency: grant.currency, 'value-date': grant.startDate }).txt(String(grant.amount));
    for (const indicator of grant.indicators) {
      const result = activity.ele('result', { type: RESULT_TYPE[indicator.level], 'aggregation-status': '0' });
      const ofIndicator = `indicator ${indicator.id}`;
      narrative(result.ele('title'), indicator.name, ofIndicator, 'name');
      const element = result.ele('indicator', {
        measure: MEASURE[indicator.measureType],
        ascending: indicator.direction === 'increase' ? '1' : '0',
      });
      narrative(
        element.ele('title'),
        `${xmlText(indicator.code, ofIndicator, 'code')}: ${indicator.name}`,
        ofIndicator,
        'name',
      );
      if (indicator.definition) narrative(element.ele('description'), indicator.definition, ofIndicator, 'definition');
      if (indicator.iatiVocabulary && indicator.iatiCode) {
        element.ele('reference', {
          vocabulary: xmlText(indicator.iatiVocabulary, ofIndicator, 'iatiVocabulary'),
          code: xmlText(indicator.iatiCode, ofIndicator, 'iatiCode'),
        });
      }
      const totals = indicator.targets.filter(
        (t) => t.sex === 'total' && t.ageBand === 'total' && t.region === 'total',
      );
      const first = [...totals].sort((a, b) => a.period.startDate.localeCompare(b.period.startDate))[0];
      if (first?.baselineValue !== null && first?.baselineValue !== undefined) {
        element.ele('baseline', {
          year: first.period.startDate.slice(0, 4),
          'iso-date': first.period.startDate,
          value: publish(indicator.measureType, first.baselineValue),
        });
      }
      const periods = new Map<string, IatiTarget[]>();
      for (const target of indicator.targets) {
        const key = `${target.period.startDate}|${target.period.endDate}`;
        periods.set(key, [...(periods.get(key) ?? []), target]);
      }
      for (const [key, targets] of [...periods].sort(([a], [b]) => a.localeCompare(b))) {
        const [start, end] = key.split('|');
        const period = element.ele('period');
        period.ele('period-start', { 'iso-date': start });
        period.ele('period-end', { 'iso-date': end });
        const withDimensions = (parent: ReturnType<typeof create>, t: IatiTarget) => {
          for (const [field, name] of Object.entries(DIMENSION_NAMES) as [keyof typeof DIMENSION_NAMES, string][]) {
            if (t[field] !== 'total') {
              parent.ele('dimension', { name, value: xmlText(t[field], `target ${t.id}`, field) });
            }
          }
        };
        for (const t of targets) {
          const target = period.ele('target', { value: publish(indicator.measureType, t.targetValue) });
          withDimensions(target, t);
          if (t.comment) narrative(target.ele('comment'), t.comment, `target ${t.id}`, 'comment');
        }
        for (const t of targets.filter((x) => x.actualValue !== null)) {
          withDimensions(period.ele('actual', { value: publish(indicator.measureType, t.actualValue!) }), t);
        }
      }
    }
  }
  return root.end({ prettyPrint: true });
}
