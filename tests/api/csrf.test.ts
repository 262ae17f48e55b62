import { api, baseUrl, ErrorBody, unique } from '../support/api';
import { createOrganization, programInput } from '../support/factories';
import { createToken, createUser, Session, TestUser } from '../support/sessions';

/**
 * Issue 17, login CSRF: another site's page must not be able to sign a visitor in (or change
 * anything) with an HTML form or a script. Writes take JSON only (or the media types a route
 * declares, imports: multipart/form-data), and a request that says it comes from another site
 * (`Origin`, `Sec-Fetch-Site: cross-site`) is refused. Scripts without those headers pass.
 */
const EVIL = 'https://evil.example';

/** A raw request, as a browser would send a form or a script would send a body. */
async function send(
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: ErrorBody; cookies: string[] }> {
  const response = await fetch(`${baseUrl()}${path}`, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  const json: unknown = (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  return { status: response.status, body: json as ErrorBody, cookies: response.headers.getSetCookie() };
}

describe('login CSRF and cross-site writes', () => {
  let user: TestUser;
  let form: string;
  let json: string;

  beforeAll(async () => {
    user = await createUser('coordinator');
    form = new URLSearchParams({ email: user.email, password: user.password }).toString();
    json = JSON.stringify({ email: user.email, password: user.password });
  });

  it('refuses a login form (urlencoded, multipart, text/plain) with 415 and sets no cookie', async () => {
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', form],
      ['text/plain', json],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${user.email}\r\n--x--\r\n`,
      ],
    ];
    for (const [type, body] of bodies) {
      const response = await send('POST', '/api/auth/login', { body, headers: { 'content-type': type } });
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({
        statusCode: 415,
        error: 'Unsupported Media Type',
        code: 'unsupported_media_type',
        message: expect.stringContaining('application/json') as string,
      });
      expect(response.cookies).toEqual([]);
    }
    const missing = await send('POST', '/api/auth/login', { body: json });
    expect(missing.status).toBe(415);
  });

  it('refuses a login from another site (Origin, or Sec-Fetch-Site without it) with 403 cross_site_request', async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: EVIL },
      { origin: 'null' },
      { origin: `${baseUrl()}.evil.example` },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await send('POST', '/api/auth/login', {
        body: json,
        headers: { 'content-type': 'application/json', ...headers },
      });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'cross_site_request' });
      expect(response.cookies).toEqual([]);
    }
  });

  it('signs in from the same origin, from the same site, and from scripts that send neither header', async () => {
    const own = new URL(baseUrl()).origin;
    for (const headers of <Record<string, string>[]>[
      { origin: own },
      { origin: own, 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ]) {
      const response = await send('POST', '/api/auth/login', {
        body: json,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      });
      expect(response.status).toBe(200);
      expect(response.cookies.some((c) => c.startsWith('ol_session='))).toBe(true);
    }
  });

  it('refuses a cross-site write made with the session cookie, even with the XSRF token', async () => {
    const session = await Session.login(user.email, user.password);
    const cookie = `ol_session=${session.cookie('ol_session')}; XSRF-TOKEN=${session.csrf}`;
    const headers = { cookie, 'x-xsrf-token': session.csrf!, 'content-type': 'application/json' };
    const body = JSON.stringify(programInput(user.organizationId, { name: unique('cross-site') }));
    const refused = await send('POST', '/api/programs', { body, headers: { ...headers, origin: EVIL } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('cross_site_request');
    const logout = await send('POST', '/api/auth/logout', {
      headers: { cookie, 'x-xsrf-token': session.csrf!, origin: EVIL },
    });
    expect(logout.status).toBe(403);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
    const same = await send('POST', '/api/programs', {
      body,
      headers: { ...headers, origin: new URL(baseUrl()).origin },
    });
    expect(same.status).toBe(201);
  });

  it('lets an origin of CORS_ORIGINS write with an API token (no ambient credential)', async () => {
    // The suite's server runs with CORS_ORIGINS=https://reports.example.org (support/global-setup.mjs).
    const token = await createToken(user, 'write');
    const created = await api('POST', '/api/programs', programInput(user.organizationId, { name: unique('cors') }), {
      token,
      headers: { origin: 'https://reports.example.org', 'sec-fetch-site': 'cross-site' },
    });
    expect(created.status).toBe(201);
  });

  it('passes requests without a body whatever their Content-Type says', async () => {
    const token = await createToken(user, 'write');
    const tokens = await api<{ id: number; revokedAt: string | null }[]>('GET', '/api/auth/tokens', undefined, {
      token,
    });
    const spare = tokens.body.find((t) => t.revokedAt === null)!;
    // ra-data-simple-rest deletes with Content-Type: text/plain and no body.
    const deleted = await send('DELETE', `/api/auth/tokens/${spare.id}`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    });
    expect(deleted.status).toBeLessThan(300);
    const session = await Session.login(user.email, user.password);
    const logout = await send('POST', '/api/auth/logout', {
      headers: {
        cookie: `ol_session=${session.cookie('ol_session')}`,
        'x-xsrf-token': session.csrf!,
        // fetch sends Content-Length: 0 on a POST without a body.
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(logout.status).toBe(204);
  });

  it('applies to every state-changing route: a cross-site request is 403, a form body 415', async () => {
    const organization = await createOrganization();
    const openapi = await api<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json');
    const routes = Object.entries(openapi.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, String(organization.id)) })),
    );
    expect(routes.length).toBeGreaterThan(30);
    const mismatches: string[] = [];
    for (const { method, path } of routes) {
      const crossSite = await api<ErrorBody>(method, path, {}, { headers: { origin: EVIL } });
      if (crossSite.status !== 403 || crossSite.body.code !== 'cross_site_request') {
        mismatches.push(`${method} ${path} from another site: ${crossSite.status} ${crossSite.body.code}`);
      }
      const formBody = await api<ErrorBody>(method, path, undefined, {
        rawBody: 'name=x&version=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (formBody.status !== 415 || formBody.body.code !== 'unsupported_media_type') {
        mismatches.push(`${method} ${path} with a form body: ${formBody.status} ${formBody.body.code}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
