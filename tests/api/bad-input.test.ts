import { api, ErrorBody, listQuery } from '../support/api';
import { createOrganization, createProgram, Program, programInput } from '../support/factories';

/** Every bad input gets a 4xx in the one error shape, names what is wrong, and writes nothing. */
describe('bad input', () => {
  let ngoId: number;
  let program: Program;

  beforeAll(async () => {
    ngoId = (await createOrganization()).id;
    program = await createProgram(ngoId);
  });

  async function programCount(): Promise<string | null> {
    // Counted within this suite's NGO: other suites create programs at the same time.
    return (
      await api('GET', `/api/programs${listQuery({ range: [0, 0], filter: { organizationId: ngoId } })}`)
    ).headers.get('content-range');
  }

  function expectErrorShape(body: ErrorBody, status: number): void {
    expect(body.statusCode).toBe(status);
    expect(typeof body.error).toBe('string');
    expect(typeof body.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|QueryFailedError/);
  }

  async function expectRejectedCreate(body: unknown, field: string, message: string | RegExp): Promise<void> {
    const before = await programCount();
    const response = await api<ErrorBody>('POST', '/api/programs', body);
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 400);
    const detail = response.body.details?.find((d) => d.field === field);
    expect(detail).toBeDefined();
    expect(detail!.message).toMatch(message);
    expect(await programCount()).toBe(before);
  }

  it('missing required field', async () => {
    const { name: _name, ...withoutName } = programInput(ngoId);
    await expectRejectedCreate(withoutName, 'name', 'is required');
  });

  it('wrong type', async () => {
    await expectRejectedCreate(programInput(ngoId, { organizationId: 'one' }), 'organizationId', /integer/);
    await expectRejectedCreate(programInput(ngoId, { countries: 'PH' }), 'countries', /array/);
  });

  it('unknown field', async () => {
    await expectRejectedCreate(programInput(ngoId, { childName: 'Ana' }), 'childName', 'is not a known field');
  });

  it('end date before start date', async () => {
    await expectRejectedCreate(
      programInput(ngoId, { startDate: '2026-05-01', endDate: '2026-04-30' }),
      'endDate',
      'must be on or after the start date',
    );
  });

  it('invalid country code', async () => {
    await expectRejectedCreate(programInput(ngoId, { countries: ['PH', 'XX'] }), 'countries', /ISO 3166-1 alpha-2/);
  });

  it('impossible calendar date', async () => {
    await expectRejectedCreate(programInput(ngoId, { startDate: '2026-02-30' }), 'startDate', /YYYY-MM-DD/);
  });

  it.each([
    ['sort', { sort: '["name"' }, 'not valid JSON'],
    ['sort', { sort: '["password","ASC"]' }, 'cannot sort by "password"'],
    ['range', { range: '[0,"x"]' }, 'two whole numbers'],
    ['range', { range: '[0,1000]' }, 'at most 1000'],
    ['filter', { filter: '{"q":' }, 'not valid JSON'],
    ['filter', { filter: '{"owner":"me"}' }, 'unknown filter "owner"'],
    ['filter.strategy', { filter: '{"strategy":"magic"}' }, '"magic" is not one of'],
    ['limit', { limit: '10' }, 'unknown query parameter'],
  ])('malformed list parameter %s (%j)', async (field, params, message) => {
    const query = new URLSearchParams(params).toString();
    const response = await api<ErrorBody>('GET', `/api/programs?${query}`);
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 400);
    expect(response.body.details?.[0].field).toBe(field);
    expect(response.body.message).toContain(message);
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999', '1e3'])('non-numeric or out-of-range id %s', async (id) => {
    const response = await api<ErrorBody>('GET', `/api/programs/${id}`);
    expect(response.status).toBe(400);
    expect(response.body.details?.[0].field).toBe('id');
  });

  it('unknown id on read, update and delete', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await api<ErrorBody>(method, '/api/programs/2147483647');
      expect(response.status).toBe(404);
      expect(response.body.message).toBe('program 2147483647 does not exist');
    }
    const update = await api<ErrorBody>('PUT', '/api/programs/2147483647', { version: 1, name: 'x' });
    expect(update.status).toBe(404);
  });

  it('stale version', async () => {
    const fresh = await createProgram(ngoId);
    await api('PUT', `/api/programs/${fresh.id}`, { version: 1, status: 'suspended' });
    const stale = await api<ErrorBody>('PUT', `/api/programs/${fresh.id}`, { version: 1, status: 'completed' });
    expect(stale.status).toBe(409);
    expectErrorShape(stale.body, 409);
    expect((await api<Program>('GET', `/api/programs/${fresh.id}`)).body.status).toBe('suspended');
  });

  it('update without a version, or with an id that contradicts the path', async () => {
    const noVersion = await api<ErrorBody>('PUT', `/api/programs/${program.id}`, { name: 'x' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.details?.map((d) => d.field)).toContain('version');
    const otherId = await api<ErrorBody>('PUT', `/api/programs/${program.id}`, { id: program.id + 1, version: 1 });
    expect(otherId.status).toBe(400);
    expect(otherId.body.details?.[0].field).toBe('id');
  });

  it('null for a required field on update is a 400, not a database error', async () => {
    const response = await api<ErrorBody>('PUT', `/api/programs/${program.id}`, { version: 1, name: null });
    expect(response.status).toBe(400);
    expect(response.body.details?.map((d) => d.field)).toContain('name');
  });

  it('body that is not JSON, or not an object', async () => {
    const broken = await api<ErrorBody>('POST', '/api/programs', undefined, { rawBody: '{"name": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toContain('not valid JSON');
    const array = await api<ErrorBody>('POST', '/api/programs', [1, 2, 3]);
    expect(array.status).toBe(400);
  });

  it('body over the size limit', async () => {
    const response = await api<ErrorBody>(
      'POST',
      '/api/programs',
      programInput(ngoId, { summary: 'x'.repeat(2_000_000) }),
    );
    expect(response.status).toBe(413);
    expectErrorShape(response.body, 413);
  });

  it('unknown route', async () => {
    const response = await api<ErrorBody>('GET', '/api/no-such-thing');
    expect(response.status).toBe(404);
    expectErrorShape(response.body, 404);
  });
});
