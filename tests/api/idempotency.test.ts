import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { api, listQuery, unique, type ApiResponse, type ErrorBody } from '../support/api';
import { provisionDatabase, type Database } from '../support/database.mjs';
import {
  createIndicator,
  createOrganization,
  createProgram,
  programInput,
  type Evaluation,
} from '../support/factories';
import { createTrial } from '../support/portfolio';
import { startServerWithAdmin, type TestServer } from '../support/server.mjs';
import { createToken, createUser, Session } from '../support/sessions';

interface Program {
  id: number;
  name: string;
  version: number;
}

const withKey = (key: string, token?: string) => ({
  headers: { 'idempotency-key': key },
  ...(token === undefined ? {} : { token }),
});

async function countPrograms(name: string, token?: string): Promise<number> {
  const list = await api<Program[]>('GET', `/api/programs${listQuery({ filter: { q: name } })}`, undefined, {
    ...(token === undefined ? {} : { token }),
  });
  expect(list.status).toBe(200);
  return list.body.filter((p) => p.name === name).length;
}

/** Every answer to a burst of identical keyed requests: the first answer, or "still in progress". */
function expectOneAnswer(responses: ApiResponse[], status: number): ApiResponse {
  const answered = responses.filter((r) => r.status === status);
  for (const r of responses) {
    if (r.status !== status) {
      expect({ status: r.status, code: (r.body as ErrorBody).code }).toEqual({
        status: 409,
        code: 'idempotency_key_in_progress',
      });
      expect(r.headers.get('retry-after')).toBe('1');
    }
  }
  expect(answered.length).toBeGreaterThanOrEqual(1);
  for (const r of answered) expect(r.body).toEqual(answered[0].body);
  // Exactly one of them ran; the others are replays of its answer.
  expect(answered.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
  return answered[0];
}

/** Issue 18: `Idempotency-Key` on every create and workflow action. */
describe('Idempotency-Key', () => {
  let organizationId: number;

  beforeAll(async () => {
    organizationId = (await createOrganization()).id;
  });

  it('returns the first answer to a retried create, and creates one record', async () => {
    const key = randomUUID();
    const input = programInput(organizationId);
    const first = await api<Program>('POST', '/api/programs', input, withKey(key));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    const again = await api<Program>('POST', '/api/programs', reordered, withKey(key));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await countPrograms(input.name as string)).toBe(1);
    // Without a key, the same body is a new request.
    const unkeyed = await api<Program>('POST', '/api/programs', input);
    expect(unkeyed.status).toBe(201);
    expect(unkeyed.body.id).not.toBe(first.body.id);
  });

  it('replays workflow actions (submit, approve) instead of running them twice', async () => {
    const program = await createProgram(organizationId);
    const indicator = await createIndicator();
    const draft = await createTrial(
      program,
      indicator,
      {
        treatment: { baseline: [100, 20], post: [100, 40] },
        comparison: { baseline: [100, 21], post: [100, 25] },
      },
      { status: 'draft' },
    );
    const submitKey = randomUUID();
    const submit = () =>
      api<Evaluation>('POST', `/api/evaluations/${draft.id}/submit`, { version: draft.version }, withKey(submitKey));
    const submitted = await submit();
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    const resubmitted = await submit();
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toEqual(submitted.body);
    expect(resubmitted.headers.get('idempotent-replayed')).toBe('true');
    // Without the key the same request is refused: the version moved on (the replay did not run it).
    expect((await api('POST', `/api/evaluations/${draft.id}/submit`, { version: draft.version })).status).toBe(409);

    const approveKey = randomUUID();
    const approvals = await Promise.all(
      Array.from({ length: 3 }, () =>
        api<Evaluation>(
          'POST',
          `/api/evaluations/${draft.id}/approve`,
          { version: submitted.body.version },
          withKey(approveKey),
        ),
      ),
    );
    const approved = expectOneAnswer(approvals, 200);
    expect((approved.body as Evaluation).status).toBe('approved');
    const current = await api<Evaluation>('GET', `/api/evaluations/${draft.id}`);
    expect(current.body.version).toBe((approved.body as Evaluation).version);
  });

  it('replays a delete: the retry gets the first answer, not a 404', async () => {
    const program = await createProgram(organizationId);
    const key = randomUUID();
    const removed = await api<Program>('DELETE', `/api/programs/${program.id}`, undefined, withKey(key));
    expect(removed.status).toBe(200);
    const again = await api<Program>('DELETE', `/api/programs/${program.id}`, undefined, withKey(key));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(removed.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await api('DELETE', `/api/programs/${program.id}`)).status).toBe(404);
  });

  it('refuses the same key for a different body, method or path with 409 idempotency_key_reused', async () => {
    const key = randomUUID();
    const input = programInput(organizationId);
    const first = await api<Program>('POST', '/api/programs', input, withKey(key));
    expect(first.status).toBe(201);
    for (const [method, path, body] of [
      ['POST', '/api/programs', { ...input, name: unique('Other') }],
      ['PUT', `/api/programs/${first.body.id}`, { ...input, version: first.body.version }],
      ['POST', '/api/organizations', { name: unique('Org'), kind: 'ngo', country: 'PH' }],
    ] as const) {
      const reused = await api<ErrorBody>(method, path, body, withKey(key));
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('idempotency_key_reused');
      expect(reused.body.details?.[0].field).toBe('Idempotency-Key');
    }
    expect(await countPrograms(input.name as string)).toBe(1);
  });

  it('keeps each user’s keys apart', async () => {
    const a = await createToken(await createUser('coordinator', organizationId), 'write');
    const b = await createToken(await createUser('coordinator', organizationId), 'write');
    const key = `shared-${randomUUID()}`;
    const fromA = await api<Program>('POST', '/api/programs', programInput(organizationId), withKey(key, a));
    const fromB = await api<Program>('POST', '/api/programs', programInput(organizationId), withKey(key, b));
    expect([fromA.status, fromB.status]).toEqual([201, 201]);
    expect(fromB.body.id).not.toBe(fromA.body.id);
    expect(fromB.headers.get('idempotent-replayed')).toBeNull();
    // B's identical retry replays B's answer, never A's.
    const sameAsA = await api<Program>('POST', '/api/programs', { ...programInput(organizationId) }, withKey(key, b));
    expect(sameAsA.status).toBe(409);
    expect((sameAsA.body as unknown as ErrorBody).code).toBe('idempotency_key_reused');
  });

  it('refuses a malformed key with 400 naming the header, and ignores the header on reads', async () => {
    for (const key of ['has space', 'x'.repeat(256), 'tab\tinside']) {
      const refused = await api<ErrorBody>('POST', '/api/programs', programInput(organizationId), withKey(key));
      expect(refused.status).toBe(400);
      expect(refused.body.details?.[0].field).toBe('Idempotency-Key');
    }
    expect((await api('GET', '/api/programs', undefined, withKey('has space'))).status).toBe(200);
  });

  it('leaves no trace of a request that failed before writing: the retry runs again', async () => {
    const key = randomUUID();
    const input = programInput(organizationId);
    const invalid = await api<ErrorBody>('POST', '/api/programs', { ...input, startDate: 'not a date' }, withKey(key));
    expect(invalid.status).toBe(400);
    // Same key, corrected body: a new request, not a reuse.
    const fixed = await api<Program>('POST', '/api/programs', input, withKey(key));
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('applies one of five identical concurrent requests; the others get its answer or "in progress"', async () => {
    const key = randomUUID();
    const input = programInput(organizationId);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api<Program>('POST', '/api/programs', input, withKey(key))),
    );
    expectOneAnswer(responses, 201);
    expect(await countPrograms(input.name as string)).toBe(1);
  });

  it('claims the key of a secret-bearing create but does not repeat the secret', async () => {
    const user = await createUser('coordinator', organizationId);
    const session = await Session.login(user.email, user.password);
    const key = randomUUID();
    const body = { name: unique('token'), scope: 'read', expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
    const made = await session.request<{ token: string }>('POST', '/api/auth/tokens', body, {
      headers: { 'idempotency-key': key },
    });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^olt_/);
    const retried = await session.request<ErrorBody>('POST', '/api/auth/tokens', body, {
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(409);
    expect(retried.body.code).toBe('idempotency_key_answer_withheld');
    expect(JSON.stringify(retried.body)).not.toContain(made.body.token);
    const tokens = await session.request<{ name: string }[]>('GET', '/api/auth/tokens');
    expect(tokens.body.filter((t) => t.name === body.name)).toHaveLength(1);
  });

  it('is declared in the OpenAPI document on state-changing operations, not on sign-in', async () => {
    type Operation = { parameters?: { name: string; in: string }[] };
    const openapi = await api<{ paths: Record<string, Record<string, Operation>> }>('GET', '/api/openapi.json');
    const declares = (path: string, method: string) =>
      (openapi.body.paths[path]?.[method]?.parameters ?? []).some(
        (p) => p.name === 'Idempotency-Key' && p.in === 'header',
      );
    expect(declares('/api/programs', 'post')).toBe(true);
    expect(declares('/api/evaluations/{id}/approve', 'post')).toBe(true);
    expect(declares('/api/programs/{id}', 'delete')).toBe(true);
    expect(declares('/api/programs', 'get')).toBe(false);
    expect(declares('/api/auth/login', 'post')).toBe(false);
    expect(declares('/api/auth/logout', 'post')).toBe(false);
  });
});

/** Instances share nothing but PostgreSQL: a key claimed on one is claimed on the other. */
describe('Idempotency-Key on two app instances', () => {
  let database: Database;
  let a: { server: TestServer; token: string };
  let b: { server: TestServer; token: string };

  const call = <T>(instance: typeof a, method: string, path: string, body?: unknown, key?: string) =>
    fetch(`${instance.server.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${instance.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as T }));

  beforeAll(async () => {
    database = await provisionDatabase('idempotency');
    [a, b] = await Promise.all([
      startServerWithAdmin({ databaseUrl: database.url }),
      startServerWithAdmin({ databaseUrl: database.url }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([a?.server.stop(), b?.server.stop()]);
    await database?.stop();
  });

  it('applies a request once whichever instances its retries reach', async () => {
    const org = await call<{ id: number }>(a, 'POST', '/api/organizations', {
      name: unique('Two instances NGO'),
      kind: 'ngo',
      country: 'PH',
    });
    expect(org.status).toBe(201);
    const input = programInput(org.body.id);

    const key = randomUUID();
    const onA = await call<Program>(a, 'POST', '/api/programs', input, key);
    expect(onA.status).toBe(201);
    const onB = await call<Program>(b, 'POST', '/api/programs', input, key);
    expect(onB.status).toBe(201);
    expect(onB.body).toEqual(onA.body);
    expect(onB.headers.get('idempotent-replayed')).toBe('true');

    const concurrentInput = programInput(org.body.id);
    const burstKey = randomUUID();
    const burst = await Promise.all(
      [a, b, a, b, a, b].map((instance) => call<Program>(instance, 'POST', '/api/programs', concurrentInput, burstKey)),
    );
    expectOneAnswer(burst, 201);

    const list = await call<Program[]>(b, 'GET', `/api/programs${listQuery({ filter: { q: input.name } })}`);
    expect(list.body.filter((p) => p.name === input.name)).toHaveLength(1);
    const burstList = await call<Program[]>(
      a,
      'GET',
      `/api/programs${listQuery({ filter: { q: concurrentInput.name } })}`,
    );
    expect(burstList.body.filter((p) => p.name === concurrentInput.name)).toHaveLength(1);
  });

  /** The server's request hash, for a flat body: sha256 of method, path and the body's keys sorted. */
  const hashOf = (method: string, path: string, body: Record<string, unknown>) =>
    createHash('sha256')
      .update(
        `${method}\n${path}\n{${Object.keys(body)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${JSON.stringify(body[k])}`)
          .join(',')}}`,
      )
      .digest('hex');

  it('says a claimed key without an answer is in progress, then applied with its answer lost; an expired key is free', async () => {
    const me = await call<{ id: number }>(a, 'GET', '/api/auth/me');
    const org = await call<{ id: number }>(a, 'POST', '/api/organizations', {
      name: unique('Lost answers NGO'),
      kind: 'ngo',
      country: 'PH',
    });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const claim = async (key: string, body: Record<string, unknown>, age: string) =>
        client.query(
          `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, created_at)
           VALUES ($1, $2, 'POST', '/api/programs', $3, now() - $4::interval)`,
          [me.body.id, key, hashOf('POST', '/api/programs', body), age],
        );
      // What a process that died between COMMIT and storing the answer leaves behind.
      const lostInput = programInput(org.body.id);
      const lostKey = randomUUID();
      await claim(lostKey, lostInput, '2 minutes');
      const lost = await call<ErrorBody>(b, 'POST', '/api/programs', lostInput, lostKey);
      expect(lost.status).toBe(409);
      expect(lost.body.code).toBe('idempotency_key_applied_answer_lost');
      expect(lost.body.message).toMatch(/WAS applied/);

      const runningInput = programInput(org.body.id);
      const runningKey = randomUUID();
      await claim(runningKey, runningInput, '0 seconds');
      const running = await call<ErrorBody>(a, 'POST', '/api/programs', runningInput, runningKey);
      expect(running.status).toBe(409);
      expect(running.body.code).toBe('idempotency_key_in_progress');
      expect(running.headers.get('retry-after')).toBe('1');

      const expiredInput = programInput(org.body.id);
      const expiredKey = randomUUID();
      await claim(expiredKey, { other: 'request' }, '25 hours');
      const sweptKey = randomUUID();
      await claim(sweptKey, { left: 'behind' }, '30 hours');
      const fresh = await call<Program>(a, 'POST', '/api/programs', expiredInput, expiredKey);
      expect(fresh.status).toBe(201);
      expect(fresh.headers.get('idempotent-replayed')).toBeNull();

      for (const name of [lostInput.name, runningInput.name]) {
        const list = await call<Program[]>(a, 'GET', `/api/programs${listQuery({ filter: { q: name } })}`);
        expect(list.body.filter((p) => p.name === name)).toHaveLength(0);
      }

      // Row-level security: a user sees only its own keys, system only expired ones.
      const visible = async (role: string, userId: string) => {
        await client.query('BEGIN');
        try {
          await client.query(`SELECT set_config('role', $1, true), set_config('app.actor_user', $2, true)`, [
            role,
            userId,
          ]);
          const { rows } = await client.query<{ key: string }>(`SELECT key FROM idempotency_keys`);
          return rows.map((r) => r.key);
        } finally {
          await client.query('ROLLBACK');
        }
      };
      expect(await visible('outcome_ledger_admin', String(me.body.id))).toEqual(
        expect.arrayContaining([lostKey, runningKey, expiredKey]),
      );
      expect(await visible('outcome_ledger_admin', String(me.body.id + 1000))).toEqual([]);
      expect(await visible('outcome_ledger_coordinator', String(me.body.id + 1000))).toEqual([]);
      expect(await visible('outcome_ledger_system', '')).toEqual([sweptKey]);
    } finally {
      await client.end();
    }
  });
});
