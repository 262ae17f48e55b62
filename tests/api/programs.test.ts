import { api, baseUrl, ErrorBody, listQuery, unique } from '../support/api';
import { createOrganization, createProgram, Program, programInput } from '../support/factories';

describe('programs API', () => {
  let ngoId: number;

  beforeAll(async () => {
    ngoId = (await createOrganization()).id;
  });

  it('creates, reads, updates and deletes a program', async () => {
    const created = await api<Program>('POST', '/api/programs', programInput(ngoId, { countries: ['ph', 'BR'] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organizationId: ngoId, countries: ['PH', 'BR'], version: 1 });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const read = await api<Program>('GET', `/api/programs/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const updated = await api<Program>('PUT', `/api/programs/${created.body.id}`, {
      ...read.body,
      status: 'completed',
      endDate: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ status: 'completed', endDate: null, version: 2 });

    const removed = await api<Program>('DELETE', `/api/programs/${created.body.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.id).toBe(created.body.id);
    expect((await api('GET', `/api/programs/${created.body.id}`)).status).toBe(404);
  });

  it('returns a page with Content-Range, sorted and filtered', async () => {
    const organization = await createOrganization();
    const names = ['Charlie', 'alpha', 'Bravo'].map((n) => unique(n));
    for (const name of names) await createProgram(organization.id, { name });
    const response = await api<Program[]>(
      'GET',
      `/api/programs${listQuery({ sort: ['name', 'ASC'], range: [0, 1], filter: { organizationId: organization.id } })}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-range')).toBe('programs 0-1/3');
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    expect(response.body.map((p) => p.name)).toEqual(sorted.slice(0, 2));

    const last = await api<Program[]>(
      'GET',
      `/api/programs${listQuery({ sort: ['name', 'DESC'], range: [2, 10], filter: { organizationId: organization.id } })}`,
    );
    expect(last.headers.get('content-range')).toBe('programs 2-2/3');
    expect(last.body.map((p) => p.name)).toEqual([sorted[0]]);
  });

  it('answers cross-origin browsers only from CORS_ORIGINS, exposing the list headers, never credentials', async () => {
    // The suite's server runs with CORS_ORIGINS=https://reports.example.org (support/global-setup.mjs).
    const path = `/api/programs${listQuery({ range: [0, 0] })}`;
    const allowed = await api('GET', path, undefined, { headers: { origin: 'https://reports.example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://reports.example.org');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('Content-Range');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await api('GET', path, undefined, { headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${baseUrl()}/api/programs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    // Without Access-Control-Allow-Origin the browser refuses the request whatever else is sent.
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('filters by search, strategy, status, country and ids', async () => {
    const organization = await createOrganization();
    const tag = unique('filters');
    const a = await createProgram(organization.id, {
      name: `${tag} school`,
      strategy: 'training',
      status: 'planned',
      countries: ['KE'],
    });
    const b = await createProgram(organization.id, {
      name: `${tag} campaign`,
      summary: 'Billboards against demand',
      strategy: 'educate_public',
      countries: ['KE', 'TZ'],
    });
    const ids = async (filter: object) =>
      (await api<Program[]>('GET', `/api/programs${listQuery({ filter })}`)).body.map((p) => p.id).sort();

    expect(await ids({ q: tag.toUpperCase() })).toEqual([a.id, b.id].sort());
    expect(await ids({ q: tag, strategy: 'training' })).toEqual([a.id]);
    expect(await ids({ q: tag, status: 'planned' })).toEqual([a.id]);
    expect(await ids({ q: 'BILLBOARDS against', organizationId: organization.id })).toEqual([b.id]);
    expect(await ids({ q: tag, country: 'TZ' })).toEqual([b.id]);
    expect(await ids({ q: tag, strategy: ['training', 'educate_public'] })).toEqual([a.id, b.id].sort());
    expect(await ids({ id: [a.id, b.id] })).toEqual([a.id, b.id].sort());
    expect(await ids({ q: tag, country: 'BR' })).toEqual([]);
  });

  it('refuses a stale version with 409 and keeps the newer data', async () => {
    const program = await createProgram(ngoId);
    const first = await api<Program>('PUT', `/api/programs/${program.id}`, { version: 1, name: unique('first') });
    expect(first.status).toBe(200);
    const stale = await api<ErrorBody>('PUT', `/api/programs/${program.id}`, { version: 1, name: unique('second') });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('changed by someone else');
    expect((await api<Program>('GET', `/api/programs/${program.id}`)).body.name).toBe(first.body.name);
  });

  it('refuses a program for an organization that is not an NGO', async () => {
    const funder = await createOrganization({ kind: 'funder' });
    const response = await api<ErrorBody>('POST', '/api/programs', programInput(funder.id));
    expect(response.status).toBe(400);
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details?.[0].field).toBe('organizationId');
    expect(response.body.details?.[0].message).toContain('NGOs');
  });
});
