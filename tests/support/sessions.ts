import { api, baseUrl, unique } from './api';
import { createOrganization } from './factories';

export interface TestUser {
  id: number;
  email: string;
  password: string;
  organizationId: number;
  role: string;
}

/** A browser-like session: cookies kept between calls, X-XSRF-TOKEN sent on writes. */
export class Session {
  private cookies = new Map<string, string>();

  get csrf(): string | undefined {
    return this.cookies.get('XSRF-TOKEN');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; body: T }> {
    const headers: Record<string, string> = {
      ...options.headers,
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (method !== 'GET' && csrf) headers['x-xsrf-token'] = csrf;
    const response = await api<T>(method, path, body, { headers, token: null });
    for (const raw of response.headers.getSetCookie()) {
      const [pair] = raw.split(';');
      const [name, ...value] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(raw)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    return response;
  }

  static async login(email: string, password: string): Promise<Session> {
    const session = new Session();
    const response = await session.request('POST', '/api/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return session;
  }
}

const KIND_FOR_ROLE: Record<string, string> = {
  admin: 'platform',
  coordinator: 'ngo',
  funder: 'funder',
  researcher: 'research',
};

/** Creates a user through the admin API and sets their password through the one-time link. */
export async function createUser(role: string, organizationId?: number): Promise<TestUser> {
  const orgId = organizationId ?? (await createOrganization({ kind: KIND_FOR_ROLE[role] })).id;
  const email = `${unique(role)
    .replace(/[^a-z0-9]+/gi, '.')
    .toLowerCase()}@tests.invalid`;
  const created = await api<{ id: number; setPasswordUrl: string }>('POST', '/api/users', {
    email,
    displayName: `Test ${role}`,
    organizationId: orgId,
    role,
  });
  if (created.status !== 201) throw new Error(`createUser: ${created.status} ${JSON.stringify(created.body)}`);
  const token = new URL(created.body.setPasswordUrl, baseUrl()).hash.split('token=')[1];
  const password = `pw-${unique('x').replace(/\W/g, '')}-long`;
  const set = await api('POST', '/api/auth/set-password', { token, password }, { token: null });
  if (set.status !== 204) throw new Error(`set-password: ${set.status} ${JSON.stringify(set.body)}`);
  return { id: created.body.id, email, password, organizationId: orgId, role };
}

/** A personal API token for a user, created from their session. */
export async function createToken(user: TestUser, scope: 'read' | 'write', expiresAt?: string): Promise<string> {
  const session = await Session.login(user.email, user.password);
  const response = await session.request<{ token: string }>('POST', '/api/auth/tokens', {
    name: unique('token'),
    scope,
    expiresAt: expiresAt ?? new Date(Date.now() + 86_400_000).toISOString(),
  });
  if (response.status !== 201) throw new Error(`createToken: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token;
}
