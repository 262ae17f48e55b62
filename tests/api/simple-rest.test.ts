import { fetchUtils } from 'ra-core';
import simpleRestProvider from 'ra-data-simple-rest';
import { adminToken, baseUrl, unique } from '../support/api';
import { createOrganization, Program, programInput } from '../support/factories';

/** The stock react-admin provider, unchanged, against the running server. */
describe('ra-data-simple-rest against /api/programs', () => {
  // The stock provider with the documented httpClient hook adding a Bearer token.
  const provider = () =>
    simpleRestProvider(`${baseUrl()}/api`, (url: string, options: fetchUtils.Options = {}) =>
      fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${adminToken()}` } }),
    );
  let organizationId: number;
  const tag = unique('simple-rest');

  beforeAll(async () => {
    organizationId = (await createOrganization()).id;
  });

  it('create, getOne, getList, getMany, update, delete', async () => {
    const dp = provider();
    const created = [];
    for (const name of ['b', 'a', 'c']) {
      const { data } = await dp.create<Program>('programs', {
        data: programInput(organizationId, { name: `${tag} ${name}` }),
      });
      created.push(data);
    }
    expect(created.every((p) => typeof p.id === 'number')).toBe(true);

    const one = await dp.getOne<Program>('programs', { id: created[0].id });
    expect(one.data.name).toBe(`${tag} b`);

    const list = await dp.getList<Program>('programs', {
      pagination: { page: 1, perPage: 2 },
      sort: { field: 'name', order: 'DESC' },
      filter: { q: tag },
    });
    expect(list.total).toBe(3);
    expect(list.data.map((p) => p.name)).toEqual([`${tag} c`, `${tag} b`]);

    const secondPage = await dp.getList<Program>('programs', {
      pagination: { page: 2, perPage: 2 },
      sort: { field: 'name', order: 'DESC' },
      filter: { q: tag },
    });
    expect(secondPage.data.map((p) => p.name)).toEqual([`${tag} a`]);

    const many = await dp.getMany<Program>('programs', { ids: [created[0].id, created[2].id] });
    expect(many.data.map((p) => p.id).sort()).toEqual([created[0].id, created[2].id].sort());

    const reference = await dp.getManyReference<Program>('programs', {
      target: 'organizationId',
      id: organizationId,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(reference.total).toBe(3);

    const updated = await dp.update<Program>('programs', {
      id: one.data.id,
      data: { ...one.data, status: 'suspended' },
      previousData: one.data,
    });
    expect(updated.data).toMatchObject({ status: 'suspended', version: 2 });

    const deleted = await dp.delete<Program>('programs', { id: created[1].id, previousData: created[1] });
    expect(deleted.data.id).toBe(created[1].id);
    await expect(dp.getOne('programs', { id: created[1].id })).rejects.toMatchObject({ status: 404 });
  });

  it('surfaces a stale update as an HttpError with status 409', async () => {
    const dp = provider();
    const { data } = await dp.create<Program>('programs', { data: programInput(organizationId) });
    await dp.update('programs', { id: data.id, data: { ...data, status: 'planned' }, previousData: data });
    await expect(
      dp.update('programs', { id: data.id, data: { ...data, status: 'completed' }, previousData: data }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
