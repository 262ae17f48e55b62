import { api, ErrorBody, listQuery, unique } from '../support/api';
import { createOrganization, createProgram, Organization } from '../support/factories';

describe('organizations API', () => {
  it('creates, lists by kind, updates and deletes', async () => {
    const name = unique('Fundación');
    const created = await api<Organization>('POST', '/api/organizations', {
      name,
      kind: 'research',
      country: 'co',
      website: 'https://research.example.org',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, kind: 'research', country: 'CO', version: 1 });

    const list = await api<Organization[]>(
      'GET',
      `/api/organizations${listQuery({ filter: { q: name, kind: 'research' } })}`,
    );
    expect(list.headers.get('content-range')).toBe('organizations 0-0/1');
    expect(list.body[0].id).toBe(created.body.id);

    const updated = await api<Organization>('PUT', `/api/organizations/${created.body.id}`, {
      ...created.body,
      website: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ website: null, version: 2 });

    expect((await api('DELETE', `/api/organizations/${created.body.id}`)).status).toBe(200);
    expect((await api('GET', `/api/organizations/${created.body.id}`)).status).toBe(404);
  });

  it('refuses a duplicate name, whatever its case, with 409', async () => {
    const first = await createOrganization();
    const duplicate = await api<ErrorBody>('POST', '/api/organizations', {
      name: first.name.toUpperCase(),
      kind: 'ngo',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toContain('already exists');
  });

  it('refuses to delete an NGO that still runs programs, with 409, and deletes nothing', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id);
    const response = await api<ErrorBody>('DELETE', `/api/organizations/${ngo.id}`);
    expect(response.status).toBe(409);
    expect(response.body.message).toContain('still runs 1 program');
    expect((await api('GET', `/api/organizations/${ngo.id}`)).status).toBe(200);
    expect((await api('GET', `/api/programs/${program.id}`)).status).toBe(200);
  });
});
