import { Client } from 'pg';
import { api, listQuery, unique } from '../support/api';
import { createOrganization, createProgram, Program } from '../support/factories';

interface AuditRow {
  id: string;
  actorUserId: number | null;
  organizationId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

async function auditOf(entityType: string, id: number): Promise<AuditRow[]> {
  const response = await api<AuditRow[]>(
    'GET',
    `/api/audit-events${listQuery({ sort: ['id', 'ASC'], range: [0, 999], filter: { entityType } })}`,
  );
  expect(response.status).toBe(200);
  return response.body.filter((row) => row.entityId === String(id));
}

describe('audit log', () => {
  it('records create, update (changed fields only, with the request id) and delete', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id);
    const updated = await api<Program>(
      'PUT',
      `/api/programs/${program.id}`,
      { version: 1, status: 'suspended', name: program.name },
      { headers: { 'x-request-id': 'audit-test-request-1' } },
    );
    expect(updated.status).toBe(200);
    expect((await api('DELETE', `/api/programs/${program.id}`)).status).toBe(200);

    const rows = await auditOf('program', program.id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[0].after).toMatchObject({ name: program.name, organizationId: ngo.id });
    expect(rows[1].before).toEqual({ status: 'active' });
    expect(rows[1].after).toEqual({ status: 'suspended' });
    expect(rows[1].requestId).toBe('audit-test-request-1');
    expect(rows[1].actorUserId).toEqual(expect.any(Number));
    expect(rows[2].before).toMatchObject({ id: program.id, status: 'suspended' });
  });

  it('records a login with its request id', async () => {
    const login = await api<{ id: number }>(
      'POST',
      '/api/auth/login',
      { email: process.env.LEDGER_ADMIN_EMAIL, password: process.env.LEDGER_ADMIN_PASSWORD },
      { token: null, headers: { 'x-request-id': 'audit-login-request' } },
    );
    expect(login.status).toBe(200);
    const rows = await api<AuditRow[]>(
      'GET',
      `/api/audit-events${listQuery({ filter: { action: 'login' }, range: [0, 999] })}`,
    );
    const row = rows.body.find((r) => r.requestId === 'audit-login-request');
    expect(row).toMatchObject({ action: 'login', entityType: 'session', actorUserId: login.body.id });
  });

  it('writes nothing for a change that was refused', async () => {
    const ngo = await createOrganization();
    const program = await createProgram(ngo.id);
    expect((await api('PUT', `/api/programs/${program.id}`, { version: 7, status: 'planned' })).status).toBe(409);
    expect((await api('PUT', `/api/programs/${program.id}`, { version: 1, endDate: '1999-01-01' })).status).toBe(400);
    expect((await auditOf('program', program.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('is append-only in PostgreSQL itself', async () => {
    const ngo = await createOrganization({ name: unique('Audited NGO') });
    const client = new Client({ connectionString: process.env.LEDGER_DATABASE_URL });
    await client.connect();
    try {
      const before = await client.query<{ count: string }>('SELECT count(*) FROM audit_events');
      await expect(
        client.query(`UPDATE audit_events SET action = 'forged' WHERE entity_id = $1`, [String(ngo.id)]),
      ).rejects.toThrow('append-only');
      await expect(client.query('DELETE FROM audit_events')).rejects.toThrow('append-only');
      await expect(client.query('TRUNCATE audit_events')).rejects.toThrow('append-only');
      const after = await client.query<{ count: string }>('SELECT count(*) FROM audit_events');
      expect(Number(after.rows[0].count)).toBeGreaterThanOrEqual(Number(before.rows[0].count));
      const rows = await client.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity_type = 'organization' AND entity_id = $1`,
        [String(ngo.id)],
      );
      expect(rows.rows.map((r) => r.action)).toEqual(['create']);
    } finally {
      await client.end();
    }
  });
});
