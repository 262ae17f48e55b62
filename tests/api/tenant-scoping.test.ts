import { api, listQuery } from '../support/api';
import { createProgram } from '../support/factories';
import { createToken, createUser } from '../support/sessions';

/** Lists and lookups only ever contain the actor's own rows (row scoping in the services). */
describe('tenant scoping', () => {
  it('shows each coordinator only their NGO, funders and researchers no programs yet', async () => {
    const mine = await createUser('coordinator');
    const theirs = await createUser('coordinator');
    const funder = await createUser('funder');
    const ownProgram = await createProgram(mine.organizationId);
    const otherProgram = await createProgram(theirs.organizationId);
    const tokens = {
      mine: await createToken(mine, 'read'),
      funder: await createToken(funder, 'read'),
    };

    const listed = await api<{ id: number; organizationId: number }[]>(
      'GET',
      `/api/programs${listQuery({ range: [0, 999] })}`,
      undefined,
      { token: tokens.mine },
    );
    expect(listed.body.map((p) => p.id)).toContain(ownProgram.id);
    expect(listed.body.every((p) => p.organizationId === mine.organizationId)).toBe(true);

    // getMany with another tenant's id: silently absent, like a missing one.
    const many = await api<{ id: number }[]>(
      'GET',
      `/api/programs${listQuery({ filter: { id: [ownProgram.id, otherProgram.id] } })}`,
      undefined,
      { token: tokens.mine },
    );
    expect(many.body.map((p) => p.id)).toEqual([ownProgram.id]);

    const other = await api<{ message: string }>('GET', `/api/programs/${otherProgram.id}`, undefined, {
      token: tokens.mine,
    });
    const missing = await api<{ message: string }>('GET', '/api/programs/2147483000', undefined, {
      token: tokens.mine,
    });
    expect(other.status).toBe(404);
    expect(other.body.message).toBe(`program ${otherProgram.id} does not exist`);
    expect(missing.status).toBe(404);

    const organizations = await api<{ id: number }[]>('GET', '/api/organizations', undefined, { token: tokens.mine });
    expect(organizations.body.map((o) => o.id)).toEqual([mine.organizationId]);

    const funderList = await api<unknown[]>('GET', '/api/programs', undefined, { token: tokens.funder });
    expect(funderList.status).toBe(200);
    expect(funderList.body).toEqual([]);
  });

  it('takes a coordinator’s organization from the actor and refuses moving a program away', async () => {
    const coordinator = await createUser('coordinator');
    const other = await createUser('coordinator');
    const token = await createToken(coordinator, 'write');
    const created = await api<{ id: number; organizationId: number; version: number }>(
      'POST',
      '/api/programs',
      { name: 'Own program', strategy: 'training', setting: 'school', startDate: '2026-01-01' },
      { token },
    );
    expect(created.status).toBe(201);
    expect(created.body.organizationId).toBe(coordinator.organizationId);
    const moved = await api(
      'PUT',
      `/api/programs/${created.body.id}`,
      { version: 1, organizationId: other.organizationId },
      { token },
    );
    expect(moved.status).toBe(403);
  });
});
