import { adminToken, api, baseUrl, listQuery } from '../support/api';
import { createGrant, createIndicator, createOrganization, createProgram, type Grant } from '../support/factories';
import { hasXmllint, xsdErrors } from '../support/iati-xsd';
import { createToken, createUser } from '../support/sessions';

if (!hasXmllint) console.warn('SKIPPED: IATI XSD validation (no xmllint; .ci/run installs libxml2-utils)');

async function text(path: string, token = adminToken()) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

describe('open data: IATI 2.03 and DHIS2', () => {
  let grant: Grant;
  let indicatorCode: string;
  let funderToken: string;

  beforeAll(async () => {
    const ngo = await createOrganization({ country: 'CO' });
    const program = await createProgram(ngo.id, { countries: ['CO', 'PE'] });
    const funder = await createUser('funder');
    funderToken = await createToken(funder, 'write');
    grant = await createGrant(funder.organizationId, ngo.id, [program.id]);
    const indicator = await createIndicator({
      iatiVocabulary: '99',
      iatiCode: 'CSEC-EDU-1',
      definition: 'Share of students, surveyed.',
    });
    indicatorCode = indicator.code;
    const periods = (
      await api<{ id: number }[]>('GET', `/api/reporting-periods${listQuery({ filter: { grantId: grant.id } })}`)
    ).body;
    const target = async (body: Record<string, unknown>) => {
      const r = await api<{ id: number; version: number }>('POST', '/api/targets', {
        indicatorId: indicator.id,
        ...body,
      });
      expect(r.status).toBe(201);
      return r.body;
    };
    const first = await target({
      reportingPeriodId: periods[0].id,
      baselineValue: 0.3,
      targetValue: 0.4,
      comment: 'First term & survey <pilot>',
    });
    await api('PUT', `/api/targets/${first.id}`, { version: first.version, actualValue: 0.42 });
    await target({ reportingPeriodId: periods[0].id, sex: 'female', targetValue: 0.45, actualValue: 0.47 });
    await target({ reportingPeriodId: periods[1].id, baselineValue: 0.3, targetValue: 0.5 });
  });

  (hasXmllint ? it : it.skip)(
    'publishes a grant as IATI activity XML that the official 2.03 schema accepts',
    async () => {
      const file = await text(`/api/grants/${grant.id}/iati.xml`, funderToken);
      expect(file.status).toBe(200);
      expect(file.type).toContain('xml');
      expect(xsdErrors(file.body)).toBe('');
      expect(file.body).toContain('<iati-activities version="2.03"');
      expect(file.body).toContain(`<recipient-country code="CO"/>`);
      expect(file.body).toContain('<reference vocabulary="99" code="CSEC-EDU-1"/>');
      expect(file.body).toContain('<baseline year="2026" iso-date="2026-01-01" value="30"/>');
      expect(file.body).toMatch(/<target value="45">\s*<dimension name="sex" value="female"\/>/);
      expect(file.body).toContain('<actual value="42"/>');
      expect(file.body).toContain('First term &amp; survey &lt;pilot&gt;');
      expect(file.body).toContain(`<narrative>${indicatorCode}:`);
    },
  );

  (hasXmllint ? it : it.skip)('publishes every grant of an organization, also valid', async () => {
    const file = await text(`/api/organizations/${grant.funderOrganizationId}/iati.xml`, funderToken);
    expect(file.status).toBe(200);
    expect(xsdErrors(file.body)).toBe('');
    const empty = await text(`/api/organizations/${(await createOrganization()).id}/iati.xml`);
    expect(empty.status).toBe(422);
  });

  it('writes DHIS2 data value sets in JSON and CSV', async () => {
    const json = await text(`/api/grants/${grant.id}/dhis2`, funderToken);
    const { dataValues } = JSON.parse(json.body) as { dataValues: Record<string, string>[] };
    expect(dataValues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dataElement: `${indicatorCode}_TARGET`,
          period: '2026Q1',
          value: '0.4',
          categoryOptionCombo: 'total;total;total',
        }),
        expect.objectContaining({ dataElement: `${indicatorCode}_ACTUAL`, period: '2026Q1', value: '0.42' }),
        expect.objectContaining({ dataElement: `${indicatorCode}_TARGET`, period: '2026Q2', value: '0.5' }),
      ]),
    );
    expect(dataValues).toHaveLength(5);
    const csv = await text(`/api/grants/${grant.id}/dhis2?format=csv`, funderToken);
    expect(csv.body.split('\n')[0]).toBe(
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup',
    );
    expect((await text(`/api/grants/${grant.id}/dhis2?format=xml`)).status).toBe(400);
  });

  it('publishes only grants the caller can read, and audits each publication', async () => {
    const stranger = await createToken(await createUser('funder'), 'read');
    expect((await text(`/api/grants/${grant.id}/iati.xml`, stranger)).status).toBe(404);
    expect((await text(`/api/grants/${grant.id}/dhis2`, stranger)).status).toBe(404);
    const audit = await api<{ after: { format: string } }[]>(
      'GET',
      `/api/audit-events${listQuery({ filter: { subjectType: 'grant', subjectId: String(grant.id), action: 'export' } })}`,
    );
    expect(audit.body.map((a) => a.after.format)).toEqual(
      expect.arrayContaining(['iati-2.03', 'dhis2-json', 'dhis2-csv']),
    );
  });
});
