import { api } from '../support/api';
import { startOwnServer, type OwnServer } from '../support/own-server';
import { TEST_ADMIN } from '../support/server.mjs';
import { createToken, createUser, Session } from '../support/sessions';

/**
 * Logs never contain passwords, tokens or session ids. The server runs at LOG_LEVEL=debug (every
 * request logged, with its headers) while credentials of every kind go through it; afterwards not
 * one of them appears in its output.
 */
describe('logs', () => {
  let own: OwnServer;

  beforeAll(async () => {
    own = await startOwnServer('log-secrets', { env: { LOG_LEVEL: 'debug' } });
  }, 120_000);

  afterAll(async () => {
    await own?.stop();
  }, 120_000);

  it('hold no password, token, session id or CSRF token', async () => {
    const secrets: string[] = [TEST_ADMIN.password, own.adminToken];
    const user = await createUser('coordinator');
    secrets.push(user.password);

    // A one-time set-password link for a second user, used.
    const created = await api<{ setPasswordUrl: string }>('POST', '/api/users', {
      email: `log.secrets.${Date.now()}@tests.invalid`,
      displayName: 'Log check',
      organizationId: user.organizationId,
      role: 'coordinator',
    });
    const linkToken = new URL(created.body.setPasswordUrl, 'http://x').hash.split('token=')[1];
    const linkPassword = 'another-long-password-4471';
    expect(
      (await api('POST', '/api/auth/set-password', { token: linkToken, password: linkPassword }, { token: null }))
        .status,
    ).toBe(204);
    secrets.push(linkToken, linkPassword);

    // A session (cookie and CSRF token) used for a write, a wrong password, and an API token.
    const session = await Session.login(user.email, user.password);
    secrets.push(session.cookie('ol_session')!, session.csrf!);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
    const wrong = 'wrong-password-never-logged-9931';
    expect((await api('POST', '/api/auth/login', { email: user.email, password: wrong }, { token: null })).status).toBe(
      401,
    );
    secrets.push(wrong);
    const token = await createToken(user, 'read');
    expect((await api('GET', '/api/programs', undefined, { token })).status).toBe(200);
    secrets.push(token);

    // Stopping the server flushes its output: every request above is in it.
    await own.server.stop();
    const log = own.server.output();
    // The requests were logged, headers included: the check below is about real log lines.
    expect(log).toContain('"url":"/api/auth/login"');
    expect(log).toContain('"url":"/api/programs"');
    expect(log).toContain('[Redacted]');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log.includes(secret) ? `logged: ${secret}` : 'absent').toBe('absent');
    }
  });
});
