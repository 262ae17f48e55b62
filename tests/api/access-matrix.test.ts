import { api, unique } from '../support/api';
import { createOrganization, createProgram, programInput } from '../support/factories';
import { createToken, createUser, TestUser } from '../support/sessions';

/**
 * The access matrix: every route in /api/openapi.json, called as anonymous and as each role
 * (with write API tokens), against a record of the coordinator's own NGO. `coordinator2`
 * is another NGO's coordinator: for them the record is another tenant's and must look
 * missing (404). A route with no row here fails the test.
 */
type ActorName = 'anonymous' | 'admin' | 'coordinator' | 'coordinator2' | 'funder' | 'researcher';
const ACTORS: ActorName[] = ['anonymous', 'admin', 'coordinator', 'coordinator2', 'funder', 'researcher'];

interface World {
  tokens: Record<ActorName, string | null>;
  users: Record<Exclude<ActorName, 'anonymous' | 'admin'>, TestUser>;
  ngoId: number;
}

interface Call {
  path: string;
  body?: unknown;
}

interface Expectation {
  /** Builds the concrete call for one actor (fresh records for destructive calls). */
  call: (world: World, actor: ActorName) => Promise<Call>;
  expect: Record<ActorName, number>;
}

const all = (status: number, anonymous = 401): Record<ActorName, number> => ({
  anonymous,
  admin: status,
  coordinator: status,
  coordinator2: status,
  funder: status,
  researcher: status,
});

let indicatorCount = 0;
const indicatorInput = () => ({
  code: `MTX-${process.pid}-${Date.now().toString(36).toUpperCase()}-${++indicatorCount}`,
  name: 'Matrix indicator',
  level: 'output',
  measureType: 'count',
  direction: 'increase',
});
const newIndicator = async () => (await api<{ id: number }>('POST', '/api/indicators', indicatorInput())).body.id;

const currentVersion = async (path: string) => (await api<{ version: number }>('GET', path)).body.version;

const EXPECTATIONS: Record<string, Expectation> = {
  'GET /api/health': { call: async () => ({ path: '/api/health' }), expect: all(200, 200) },
  'GET /api/health/live': { call: async () => ({ path: '/api/health/live' }), expect: all(200, 200) },

  'GET /api/organizations': { call: async () => ({ path: '/api/organizations' }), expect: all(200) },
  'POST /api/organizations': {
    call: async () => ({ path: '/api/organizations', body: { name: unique('Matrix org'), kind: 'ngo' } }),
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'GET /api/organizations/{id}': {
    call: async (w) => ({ path: `/api/organizations/${w.ngoId}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 404, funder: 404, researcher: 404 },
  },
  'PUT /api/organizations/{id}': {
    call: async (w) => ({
      path: `/api/organizations/${w.ngoId}`,
      body: { version: await currentVersion(`/api/organizations/${w.ngoId}`), website: 'https://ngo.example.org' },
    }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'DELETE /api/organizations/{id}': {
    call: async () => ({ path: `/api/organizations/${(await createOrganization()).id}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },

  'GET /api/indicators': { call: async () => ({ path: '/api/indicators' }), expect: all(200) },
  'POST /api/indicators': {
    call: async () => ({ path: '/api/indicators', body: indicatorInput() }),
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'GET /api/indicators/{id}': {
    call: async () => ({ path: `/api/indicators/${await newIndicator()}` }),
    expect: all(200),
  },
  'PUT /api/indicators/{id}': {
    call: async () => ({ path: `/api/indicators/${await newIndicator()}`, body: { version: 1, active: false } }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'DELETE /api/indicators/{id}': {
    call: async () => ({ path: `/api/indicators/${await newIndicator()}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },

  'GET /api/programs': {
    call: async () => ({ path: '/api/programs' }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 200, funder: 200, researcher: 403 },
  },
  'POST /api/programs': {
    call: async (w) => ({ path: '/api/programs', body: programInput(w.ngoId) }),
    expect: { anonymous: 401, admin: 201, coordinator: 201, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'GET /api/programs/{id}': {
    call: async (w) => ({ path: `/api/programs/${(await createProgram(w.ngoId)).id}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 404, funder: 404, researcher: 403 },
  },
  'PUT /api/programs/{id}': {
    call: async (w) => ({
      path: `/api/programs/${(await createProgram(w.ngoId)).id}`,
      body: { version: 1, status: 'suspended' },
    }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 404, funder: 403, researcher: 403 },
  },
  'DELETE /api/programs/{id}': {
    call: async (w) => ({ path: `/api/programs/${(await createProgram(w.ngoId)).id}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 404, funder: 403, researcher: 403 },
  },

  'POST /api/auth/login': { call: async () => ({ path: '/api/auth/login', body: {} }), expect: all(400, 400) },
  'POST /api/auth/set-password': {
    call: async () => ({ path: '/api/auth/set-password', body: { token: 'nope', password: 'long-enough-password-1' } }),
    expect: all(400, 400),
  },
  'POST /api/auth/logout': { call: async () => ({ path: '/api/auth/logout' }), expect: all(204) },
  'GET /api/auth/me': { call: async () => ({ path: '/api/auth/me' }), expect: all(200) },
  'POST /api/auth/password': {
    call: async () => ({
      path: '/api/auth/password',
      body: { currentPassword: 'not-the-password', newPassword: 'another-long-password' },
    }),
    expect: all(400),
  },
  'GET /api/auth/tokens': { call: async () => ({ path: '/api/auth/tokens' }), expect: all(200) },
  // Tokens are made from a logged-in session, never by another token.
  'POST /api/auth/tokens': {
    call: async () => ({
      path: '/api/auth/tokens',
      body: { name: 'x', scope: 'read', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    }),
    expect: all(403),
  },
  'DELETE /api/auth/tokens/{id}': {
    // A spare token of the coordinator: only its owner can revoke it.
    call: async (w) => {
      await createToken(w.users.coordinator, 'read');
      const list = await api<{ id: number; revokedAt: string | null }[]>('GET', '/api/auth/tokens', undefined, {
        token: w.tokens.coordinator,
      });
      const spare = list.body.filter((t) => !t.revokedAt).sort((a, b) => b.id - a.id)[0];
      return { path: `/api/auth/tokens/${spare.id}` };
    },
    expect: { anonymous: 401, admin: 404, coordinator: 200, coordinator2: 404, funder: 404, researcher: 404 },
  },

  'GET /api/audit-events': {
    call: async () => ({ path: '/api/audit-events' }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },

  'GET /api/users': {
    call: async () => ({ path: '/api/users' }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'POST /api/users': {
    call: async (w) => ({
      path: '/api/users',
      body: {
        email: `${unique('u').replace(/\W+/g, '.')}@tests.invalid`,
        displayName: 'U',
        organizationId: w.ngoId,
        role: 'coordinator',
      },
    }),
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'GET /api/users/{id}': {
    call: async (w) => ({ path: `/api/users/${w.users.coordinator.id}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'PUT /api/users/{id}': {
    call: async (w) => ({
      path: `/api/users/${w.users.researcher.id}`,
      body: { version: await currentVersion(`/api/users/${w.users.researcher.id}`), displayName: unique('Rosa') },
    }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'DELETE /api/users/{id}': {
    call: async (w) => ({ path: `/api/users/${(await createUser('coordinator', w.ngoId)).id}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'POST /api/users/{id}/reset-password-link': {
    call: async (w) => ({ path: `/api/users/${w.users.funder.id}/reset-password-link` }),
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
};

describe('access matrix', () => {
  let world: World;
  let routes: string[];

  beforeAll(async () => {
    const openapi = await api<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/api/openapi.json',
      undefined,
      {
        token: null,
      },
    );
    routes = Object.entries(openapi.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const coordinator = await createUser('coordinator');
    const users = {
      coordinator,
      coordinator2: await createUser('coordinator'),
      funder: await createUser('funder'),
      researcher: await createUser('researcher'),
    };
    const tokens: Record<ActorName, string | null> = {
      anonymous: null,
      admin: process.env.LEDGER_ADMIN_TOKEN ?? '',
      coordinator: await createToken(users.coordinator, 'write'),
      coordinator2: await createToken(users.coordinator2, 'write'),
      funder: await createToken(users.funder, 'write'),
      researcher: await createToken(users.researcher, 'write'),
    };
    world = { tokens, users, ngoId: coordinator.organizationId };
  });

  it('has an expectation for every route in the OpenAPI document, and no stale ones', () => {
    expect(routes.filter((r) => !EXPECTATIONS[r])).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((r) => !routes.includes(r))).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it('answers every route as declared for every actor', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const expectation = EXPECTATIONS[route];
      if (!expectation) continue;
      const method = route.split(' ')[0];
      for (const actor of ACTORS) {
        const { path, body } = await expectation.call(world, actor);
        const response = await api<{ message?: string }>(method, path, body, { token: world.tokens[actor] });
        if (response.status !== expectation.expect[actor]) {
          mismatches.push(
            `${route} as ${actor}: expected ${expectation.expect[actor]}, got ${response.status} ${response.body?.message ?? ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
