import { Client } from 'pg';
import { api, ErrorBody, unique } from '../support/api';
import { createOrganization } from '../support/factories';
import { createToken, createUser, Session, TestUser } from '../support/sessions';

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: process.env.LEDGER_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A login from a distinct client address (the test server trusts X-Forwarded-For). */
function loginFrom(address: string, email: string, password: string) {
  return api<ErrorBody>(
    'POST',
    '/api/auth/login',
    { email, password },
    { token: null, headers: { 'x-forwarded-for': address } },
  );
}

describe('sessions, CSRF and passwords', () => {
  let user: TestUser;

  beforeAll(async () => {
    user = await createUser('coordinator');
  });

  it('sets an httpOnly, SameSite=Lax session cookie and a readable XSRF-TOKEN cookie', async () => {
    const response = await api(
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password },
      { token: null },
    );
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('ol_session='))!;
    const csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/SameSite=Lax/i);
    expect(response.body).toMatchObject({
      email: user.email,
      role: 'coordinator',
      organizationId: user.organizationId,
    });
  });

  it('requires the X-XSRF-TOKEN header on writes made with the session cookie', async () => {
    const session = await Session.login(user.email, user.password);
    const body = { name: unique('csrf'), strategy: 'training', setting: 'school', startDate: '2026-01-01' };
    const missing = await session.request<ErrorBody>('POST', '/api/programs', body, { csrf: null });
    expect(missing.status).toBe(403);
    expect(missing.body.message).toContain('X-XSRF-TOKEN');
    const wrong = await session.request('POST', '/api/programs', body, { csrf: 'forged-value' });
    expect(wrong.status).toBe(403);
    const right = await session.request<{ organizationId: number }>('POST', '/api/programs', body);
    expect(right.status).toBe(201);
    expect(right.body.organizationId).toBe(user.organizationId);
    expect((await session.request('GET', '/api/auth/me', undefined, { csrf: null })).status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const session = await Session.login(user.email, user.password);
    const cookie = session.cookie('ol_session')!;
    expect((await session.request('POST', '/api/auth/logout')).status).toBe(204);
    const after = await api('GET', '/api/auth/me', undefined, {
      token: null,
      headers: { cookie: `ol_session=${cookie}` },
    });
    expect(after.status).toBe(401);
  });

  it('stores passwords as argon2id hashes only', async () => {
    const rows = await sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [user.email]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(user.password);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await loginFrom('10.9.0.1', 'nobody@tests.invalid', 'whatever-password-1');
    const wrong = await loginFrom('10.9.0.2', user.email, 'wrong-password-123');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('throttles an account after 5 failures with 429 and Retry-After', async () => {
    const victim = await createUser('coordinator');
    for (let i = 0; i < 5; i++)
      expect((await loginFrom(`10.8.${i}.1`, victim.email, 'wrong-password-1')).status).toBe(401);
    const blocked = await loginFrom('10.8.9.1', victim.email, victim.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
  });

  it('throttles an address after 20 failures', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await loginFrom('10.7.7.7', `nobody${i}@tests.invalid`, 'wrong-password-1')).status).toBe(401);
    }
    const blocked = await loginFrom('10.7.7.7', user.email, user.password);
    expect(blocked.status).toBe(429);
    expect((await loginFrom('10.7.7.8', user.email, user.password)).status).toBe(200);
  });

  it('changes the password only with the current one, and ends every session', async () => {
    const person = await createUser('researcher');
    const first = await Session.login(person.email, person.password);
    const second = await Session.login(person.email, person.password);
    const refused = await first.request<ErrorBody>('POST', '/api/auth/password', {
      currentPassword: 'not-my-password',
      newPassword: 'a-brand-new-password',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details?.[0].field).toBe('currentPassword');
    const weak = await first.request<ErrorBody>('POST', '/api/auth/password', {
      currentPassword: person.password,
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.details?.[0]).toMatchObject({
      field: 'newPassword',
      message: expect.stringContaining('most common') as string,
    });
    const changed = await first.request('POST', '/api/auth/password', {
      currentPassword: person.password,
      newPassword: 'a-brand-new-password',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ sessionsEnded: 2, tokensRevoked: 0 });
    expect((await first.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await second.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await loginFrom('10.6.0.1', person.email, 'a-brand-new-password')).status).toBe(200);
  });

  // Issue 17: a write API token could change the password, unthrottled, and survived the change.
  it('refuses a password change with an API token (403 session_required)', async () => {
    const person = await createUser('coordinator');
    const token = await createToken(person, 'write');
    const refused = await api<ErrorBody>(
      'POST',
      '/api/auth/password',
      { currentPassword: person.password, newPassword: 'a-token-chosen-password' },
      { token },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('session_required');
    expect((await loginFrom('10.6.1.1', person.email, person.password)).status).toBe(200);
  });

  it('throttles wrong current passwords like logins (429 with Retry-After), sharing the account budget', async () => {
    const person = await createUser('funder');
    const session = await Session.login(person.email, person.password);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await session.request('POST', '/api/auth/password', {
        currentPassword: 'not-my-password',
        newPassword: 'a-brand-new-password',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
    // Now even the right password is refused, for the change and for a login from elsewhere.
    const blocked = await session.request<ErrorBody>('POST', '/api/auth/password', {
      currentPassword: person.password,
      newPassword: 'a-brand-new-password',
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await loginFrom('10.6.2.1', person.email, person.password)).status).toBe(429);
  });

  it('counts parallel guesses against each other: of 8 at once, at most 5 are checked', async () => {
    const person = await createUser('coordinator');
    const session = await Session.login(person.email, person.password);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        session.request('POST', '/api/auth/password', {
          currentPassword: 'not-my-password',
          newPassword: 'a-brand-new-password',
        }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((status) => status === 400 || status === 429)).toBe(true);
  });

  it('revokes every API token and ends every session on a password change, audited', async () => {
    const person = await createUser('coordinator');
    const read = await createToken(person, 'read');
    const write = await createToken(person, 'write');
    const session = await Session.login(person.email, person.password);
    const changed = await session.request<{ sessionsEnded: number; tokensRevoked: number }>(
      'POST',
      '/api/auth/password',
      { currentPassword: person.password, newPassword: 'a-brand-new-password' },
    );
    expect(changed.status).toBe(200);
    // createToken signs in once per token: three sessions in all.
    expect(changed.body).toEqual({ sessionsEnded: 3, tokensRevoked: 2 });
    for (const token of [read, write]) {
      const after = await api<ErrorBody>('GET', '/api/auth/me', undefined, { token });
      expect(after.status).toBe(401);
      expect(after.body.message).toContain('revoked');
    }
    const rows = await sql<{ actor_user_id: number; entity_id: string; after: unknown }>(
      "SELECT actor_user_id, entity_id, after FROM audit_events WHERE action = 'password_change' AND entity_id = $1",
      [String(person.id)],
    );
    expect(rows).toEqual([
      { actor_user_id: person.id, entity_id: String(person.id), after: { sessionsEnded: 3, tokensRevoked: 2 } },
    ]);
  });

  it('uses a set-password link once, and answers unknown and used links alike', async () => {
    const org = await createOrganization({ kind: 'funder' });
    const created = await api<{ setPasswordUrl: string }>('POST', '/api/users', {
      email: `${unique('link').replace(/\W+/g, '.')}@tests.invalid`,
      displayName: 'Link',
      organizationId: org.id,
      role: 'funder',
    });
    const token = created.body.setPasswordUrl.split('token=')[1];
    const short = await api<ErrorBody>('POST', '/api/auth/set-password', { token, password: 'short' }, { token: null });
    expect(short.status).toBe(400);
    expect(short.body.details?.[0].message).toContain('at least 12 characters');
    const ok = await api('POST', '/api/auth/set-password', { token, password: 'first-good-password' }, { token: null });
    expect(ok.status).toBe(204);
    const reused = await api<ErrorBody>(
      'POST',
      '/api/auth/set-password',
      { token, password: 'second-good-password' },
      { token: null },
    );
    const unknown = await api<ErrorBody>(
      'POST',
      '/api/auth/set-password',
      { token: 'x'.repeat(43), password: 'second-good-password' },
      { token: null },
    );
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual(unknown.body);
  });

  it('ends every session and token on a reset through a link, voids the other links, audited', async () => {
    const person = await createUser('coordinator');
    const token = await createToken(person, 'write');
    const session = await Session.login(person.email, person.password);
    const link = async () =>
      (
        await api<{ setPasswordUrl: string }>('POST', `/api/users/${person.id}/reset-password-link`)
      ).body.setPasswordUrl.split('token=')[1];
    const [first, second] = [await link(), await link()];
    const reset = await api(
      'POST',
      '/api/auth/set-password',
      { token: second, password: 'reset-good-password' },
      {
        token: null,
      },
    );
    expect(reset.status).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await api('GET', '/api/auth/me', undefined, { token })).status).toBe(401);
    const older = await api<ErrorBody>(
      'POST',
      '/api/auth/set-password',
      { token: first, password: 'another-password-1' },
      {
        token: null,
      },
    );
    expect(older.status).toBe(400);
    await expect(Session.login(person.email, 'reset-good-password')).resolves.toBeInstanceOf(Session);
    const rows = await sql<{ actor_user_id: number; after: unknown }>(
      "SELECT actor_user_id, after FROM audit_events WHERE action = 'password_set' AND entity_id = $1 ORDER BY id",
      [String(person.id)],
    );
    // The first password was set through a link too (createUser); createToken signs in once.
    expect(rows).toEqual([
      { actor_user_id: person.id, after: { sessionsEnded: 0, tokensRevoked: 0 } },
      { actor_user_id: person.id, after: { sessionsEnded: 2, tokensRevoked: 1 } },
    ]);
  });

  it('refuses a role that does not fit the organization kind, naming the rule', async () => {
    const ngo = await createOrganization();
    const response = await api<ErrorBody>('POST', '/api/users', {
      email: `${unique('fit').replace(/\W+/g, '.')}@tests.invalid`,
      displayName: 'Misfit',
      organizationId: ngo.id,
      role: 'funder',
    });
    expect(response.status).toBe(400);
    expect(response.body.details?.[0]).toMatchObject({
      field: 'role',
      message: expect.stringContaining('a funder must belong to a funder organization') as string,
    });
  });

  it('locks out a deactivated user at once', async () => {
    const person = await createUser('coordinator');
    const session = await Session.login(person.email, person.password);
    const version = (await api<{ version: number }>('GET', `/api/users/${person.id}`)).body.version;
    expect((await api('PUT', `/api/users/${person.id}`, { version, active: false })).status).toBe(200);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await loginFrom('10.5.0.1', person.email, person.password)).status).toBe(401);
  });
});

describe('API tokens', () => {
  let user: TestUser;

  beforeAll(async () => {
    user = await createUser('coordinator');
  });

  it('shows the token once and stores only its hash', async () => {
    const token = await createToken(user, 'read');
    expect(token).toMatch(/^olt_[\w-]{40,}$/);
    const list = await api<Record<string, unknown>[]>('GET', '/api/auth/tokens', undefined, { token });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(token.slice(4));
    const stored = await sql<{ secret_hash: string }>('SELECT secret_hash FROM api_tokens');
    expect(stored.some((r) => r.secret_hash.includes(token.slice(4)))).toBe(false);
  });

  it('refuses writes with a read token (403) and allows them with a write token', async () => {
    const read = await createToken(user, 'read');
    const write = await createToken(user, 'write');
    const body = { name: unique('token write'), strategy: 'training', setting: 'school', startDate: '2026-01-01' };
    expect((await api('GET', '/api/programs', undefined, { token: read })).status).toBe(200);
    const refused = await api<ErrorBody>('POST', '/api/programs', body, { token: read });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('read-only');
    expect((await api('POST', '/api/programs', body, { token: write })).status).toBe(201);
  });

  it('answers 401 for a revoked, an expired or a made-up token', async () => {
    const token = await createToken(user, 'write');
    const list = await api<{ id: number; revokedAt: string | null }[]>('GET', '/api/auth/tokens', undefined, { token });
    const id = list.body.sort((a, b) => b.id - a.id)[0].id;
    expect((await api('DELETE', `/api/auth/tokens/${id}`, undefined, { token })).status).toBe(200);
    expect((await api('GET', '/api/programs', undefined, { token })).status).toBe(401);

    const expiring = await createToken(user, 'read');
    await sql(
      "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND revoked_at IS NULL",
      [user.id],
    );
    const expired = await api<ErrorBody>('GET', '/api/programs', undefined, { token: expiring });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toContain('expired');
    expect((await api('GET', '/api/programs', undefined, { token: 'olt_made-up' })).status).toBe(401);
    expect(
      (await api('GET', '/api/programs', undefined, { headers: { authorization: 'Basic abc' }, token: null })).status,
    ).toBe(401);
  });

  it('refuses an expiry in the past or beyond a year', async () => {
    const session = await Session.login(user.email, user.password);
    for (const expiresAt of [
      new Date(Date.now() - 1000).toISOString(),
      new Date(Date.now() + 400 * 864e5).toISOString(),
    ]) {
      const response = await session.request<ErrorBody>('POST', '/api/auth/tokens', {
        name: 'x',
        scope: 'read',
        expiresAt,
      });
      expect(response.status).toBe(400);
      expect(response.body.details?.[0].field).toBe('expiresAt');
    }
  });
});
