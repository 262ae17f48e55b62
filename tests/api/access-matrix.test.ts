import { api, unique } from '../support/api';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  grantInput,
  programInput,
} from '../support/factories';
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
  funderId: number;
  programId: number;
  indicatorId: number;
  /** A grant from the funder to the NGO, with a target in its first period. */
  grantId: number;
  periodId: number;
  targetId: number;
  /** A submitted evaluation under that grant, with a measurement. */
  evaluationId: number;
  measurementId: number;
}

interface Call {
  path: string;
  body?: unknown;
  /** A body that is not JSON (uploads), with its Content-Type. */
  raw?: { body: string; contentType: string };
}

/** A multipart upload without the file: it gets past the media-type check to the access rules. */
const NO_FILE = {
  body: '--matrix\r\nContent-Disposition: form-data; name="note"\r\n\r\nno file\r\n--matrix--\r\n',
  contentType: 'multipart/form-data; boundary=matrix',
};

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

const created = async <T = { id: number; version: number }>(method: string, path: string, body?: unknown) => {
  const response = await api<T>(method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};
const freshGrant = (w: World) => createGrant(w.funderId, w.ngoId, [w.programId], { reportingFrequency: 'annual' });
/** A grant offered (not yet accepted) by the funder to the NGO, naming no programs. */
const offerInput = (w: World) => {
  const { programIds: _programs, ...input } = grantInput(w.funderId, w.ngoId, [], { reportingFrequency: 'annual' });
  return { ...input, consent: 'offered' };
};
const freshOffer = (w: World) => created<{ id: number; version: number }>('POST', '/api/grants', offerInput(w));
const firstPeriodOf = async (grantId: number) =>
  (
    await created<{ id: number }[]>(
      'GET',
      `/api/reporting-periods?filter=${encodeURIComponent(JSON.stringify({ grantId }))}`,
    )
  )[0].id;
const freshTarget = async (w: World) =>
  (
    await created('POST', '/api/targets', {
      reportingPeriodId: await firstPeriodOf((await freshGrant(w)).id),
      indicatorId: w.indicatorId,
      targetValue: 0.5,
    })
  ).id;
const freshDraft = async (w: World) =>
  (
    await created(
      'POST',
      '/api/evaluations',
      evaluationInput(w.programId, { grantId: w.grantId, primaryIndicatorIds: [w.indicatorId] }),
    )
  ).id;
const freshMeasurement = async (w: World, evaluationId?: number) =>
  (
    await created('POST', '/api/outcome-measurements', {
      evaluationId: evaluationId ?? (await freshDraft(w)),
      indicatorId: w.indicatorId,
      arm: 'treatment',
      timepoint: 'post',
      n: 100,
      events: 40,
    })
  ).id;
const readyDraft = async (w: World) => {
  const id = await freshDraft(w);
  await freshMeasurement(w, id);
  await created('POST', '/api/outcome-measurements', {
    evaluationId: id,
    indicatorId: w.indicatorId,
    arm: 'comparison',
    timepoint: 'post',
    n: 100,
    events: 30,
  });
  return id;
};
const submittedEvaluation = async (w: World) => {
  const id = await readyDraft(w);
  await created('POST', `/api/evaluations/${id}/submit`, { version: await currentVersion(`/api/evaluations/${id}`) });
  return id;
};
const approvedEvaluation = async (w: World) => {
  const id = await submittedEvaluation(w);
  await created('POST', `/api/evaluations/${id}/approve`, { version: await currentVersion(`/api/evaluations/${id}`) });
  return id;
};
/** The usual answers for a record of the coordinator's NGO under the funder's grant. */
const READ_OWN_AND_FUNDED = {
  anonymous: 401,
  admin: 200,
  coordinator: 200,
  coordinator2: 404,
  funder: 200,
  researcher: 403,
};
const FUNDER_WRITES = { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 200, researcher: 403 };
const NGO_WRITES = { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 404, funder: 403, researcher: 403 };
const LISTS = { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 200, funder: 200, researcher: 403 };

const EXPECTATIONS: Record<string, Expectation> = {
  'GET /api/health': { call: async () => ({ path: '/api/health' }), expect: all(200, 200) },
  'GET /api/health/live': { call: async () => ({ path: '/api/health/live' }), expect: all(200, 200) },

  'GET /api/organizations': { call: async () => ({ path: '/api/organizations' }), expect: all(200) },
  'POST /api/organizations': {
    call: async () => ({ path: '/api/organizations', body: { name: unique('Matrix org'), kind: 'ngo' } }),
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  // The funder funds this NGO (world.grantId), so it sees it; researchers and other NGOs do not.
  'GET /api/organizations/{id}': {
    call: async (w) => ({ path: `/api/organizations/${w.ngoId}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 404, funder: 200, researcher: 404 },
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
    // A signed-in session only: an API token cannot change the password (issue 17).
    expect: all(403),
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

  // The whole log is for administrators; everyone else must name one record (400 without it).
  'GET /api/audit-events': {
    call: async () => ({ path: '/api/audit-events' }),
    expect: { anonymous: 401, admin: 200, coordinator: 400, coordinator2: 400, funder: 400, researcher: 400 },
  },

  'GET /api/grants': { call: async () => ({ path: '/api/grants' }), expect: LISTS },
  // Admins create accepted grants with programs; a funder's grant is an offer naming none.
  'POST /api/grants': {
    call: async (w, actor) => ({
      path: '/api/grants',
      body: actor === 'admin' ? grantInput(w.funderId, w.ngoId, [w.programId]) : offerInput(w),
    }),
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 201, researcher: 403 },
  },
  // The grantee's coordinators decide an offered grant and the programs of an accepted one.
  'POST /api/grants/{id}/accept': {
    call: async (w) => ({
      path: `/api/grants/${(await freshOffer(w)).id}/accept`,
      body: { programIds: [w.programId], version: 1 },
    }),
    expect: NGO_WRITES,
  },
  'POST /api/grants/{id}/decline': {
    call: async (w) => ({
      path: `/api/grants/${(await freshOffer(w)).id}/decline`,
      body: { reason: 'Not now', version: 1 },
    }),
    expect: NGO_WRITES,
  },
  'PUT /api/grants/{id}/programs': {
    call: async (w) => ({
      path: `/api/grants/${(await freshGrant(w)).id}/programs`,
      body: { programIds: [w.programId, (await createProgram(w.ngoId)).id], version: 1 },
    }),
    expect: NGO_WRITES,
  },
  'GET /api/grants/{id}': { call: async (w) => ({ path: `/api/grants/${w.grantId}` }), expect: READ_OWN_AND_FUNDED },
  'PUT /api/grants/{id}': {
    call: async (w) => ({ path: `/api/grants/${(await freshGrant(w)).id}`, body: { version: 1, title: 'Renamed' } }),
    expect: FUNDER_WRITES,
  },
  'DELETE /api/grants/{id}': {
    call: async (w) => ({ path: `/api/grants/${(await freshGrant(w)).id}` }),
    expect: FUNDER_WRITES,
  },

  'GET /api/reporting-periods': { call: async () => ({ path: '/api/reporting-periods' }), expect: LISTS },
  'POST /api/reporting-periods': {
    call: async (w) => {
      const grant = await freshGrant(w);
      await created('DELETE', `/api/reporting-periods/${await firstPeriodOf(grant.id)}`);
      return {
        path: '/api/reporting-periods',
        body: { grantId: grant.id, label: 'H1', startDate: '2026-01-01', endDate: '2026-06-30', dueDate: '2026-07-31' },
      };
    },
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 201, researcher: 403 },
  },
  'GET /api/reporting-periods/{id}': {
    call: async (w) => ({ path: `/api/reporting-periods/${w.periodId}` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'PUT /api/reporting-periods/{id}': {
    call: async (w) => ({
      path: `/api/reporting-periods/${await firstPeriodOf((await freshGrant(w)).id)}`,
      body: { version: 1, label: 'Year one' },
    }),
    expect: FUNDER_WRITES,
  },
  'DELETE /api/reporting-periods/{id}': {
    call: async (w) => ({ path: `/api/reporting-periods/${await firstPeriodOf((await freshGrant(w)).id)}` }),
    expect: FUNDER_WRITES,
  },

  'GET /api/targets': { call: async () => ({ path: '/api/targets' }), expect: LISTS },
  'POST /api/targets': {
    call: async (w) => ({
      path: '/api/targets',
      body: {
        reportingPeriodId: await firstPeriodOf((await freshGrant(w)).id),
        indicatorId: w.indicatorId,
        targetValue: 0.4,
      },
    }),
    expect: { anonymous: 401, admin: 201, coordinator: 403, coordinator2: 403, funder: 201, researcher: 403 },
  },
  'GET /api/targets/{id}': { call: async (w) => ({ path: `/api/targets/${w.targetId}` }), expect: READ_OWN_AND_FUNDED },
  // The grantee reports the actual value and comments; the funder sets the rest.
  'PUT /api/targets/{id}': {
    call: async (w) => ({ path: `/api/targets/${await freshTarget(w)}`, body: { version: 1, comment: 'On track' } }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 404, funder: 200, researcher: 403 },
  },
  'DELETE /api/targets/{id}': {
    call: async (w) => ({ path: `/api/targets/${await freshTarget(w)}` }),
    expect: FUNDER_WRITES,
  },

  'GET /api/evaluations': { call: async () => ({ path: '/api/evaluations' }), expect: LISTS },
  // Another NGO's program is not a program one can name: a 400 on programId, like a missing one.
  'POST /api/evaluations': {
    call: async (w) => ({ path: '/api/evaluations', body: evaluationInput(w.programId) }),
    expect: { anonymous: 401, admin: 201, coordinator: 201, coordinator2: 400, funder: 403, researcher: 403 },
  },
  'GET /api/evaluations/{id}': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'PUT /api/evaluations/{id}': {
    call: async (w) => ({ path: `/api/evaluations/${await freshDraft(w)}`, body: { version: 1, title: 'Renamed' } }),
    expect: NGO_WRITES,
  },
  'DELETE /api/evaluations/{id}': {
    call: async (w) => ({ path: `/api/evaluations/${await freshDraft(w)}` }),
    expect: NGO_WRITES,
  },
  'POST /api/evaluations/{id}/submit': {
    call: async (w) => ({ path: `/api/evaluations/${await readyDraft(w)}/submit`, body: { version: 1 } }),
    expect: NGO_WRITES,
  },
  'POST /api/evaluations/{id}/approve': {
    call: async (w) => {
      const id = await submittedEvaluation(w);
      return {
        path: `/api/evaluations/${id}/approve`,
        body: { version: await currentVersion(`/api/evaluations/${id}`) },
      };
    },
    expect: FUNDER_WRITES,
  },
  'POST /api/evaluations/{id}/request-changes': {
    call: async (w) => {
      const id = await submittedEvaluation(w);
      return {
        path: `/api/evaluations/${id}/request-changes`,
        body: { version: await currentVersion(`/api/evaluations/${id}`), comment: 'Please add the follow-up' },
      };
    },
    expect: FUNDER_WRITES,
  },
  'POST /api/evaluations/{id}/amend': {
    call: async (w) => ({ path: `/api/evaluations/${await approvedEvaluation(w)}/amend`, body: {} }),
    expect: { anonymous: 401, admin: 201, coordinator: 201, coordinator2: 404, funder: 403, researcher: 403 },
  },
  'GET /api/evaluations/{id}/comments': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/comments` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'POST /api/evaluations/{id}/comments': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/comments`, body: { body: 'A question' } }),
    expect: { anonymous: 401, admin: 201, coordinator: 201, coordinator2: 404, funder: 201, researcher: 403 },
  },
  'GET /api/evaluations/{id}/changes': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/changes` }),
    expect: READ_OWN_AND_FUNDED,
  },

  'GET /api/evaluations/{id}/effects': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/effects` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'GET /api/evaluations/{id}/rating': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/rating` }),
    expect: READ_OWN_AND_FUNDED,
  },
  // The reviewer (the grant's funder, or an admin) confirms or overrides the suggestion.
  'POST /api/evaluations/{id}/rating': {
    call: async (w) => {
      const id = await submittedEvaluation(w);
      const { suggested } = (await api<{ suggested: string }>('GET', `/api/evaluations/${id}/rating`)).body;
      return { path: `/api/evaluations/${id}/rating`, body: { rating: suggested } };
    },
    expect: FUNDER_WRITES,
  },
  // The world has an approved evaluation of its indicator: another NGO sees nothing to pool (422).
  'GET /api/analysis/pooled': {
    call: async (w) => ({ path: `/api/analysis/pooled?indicatorId=${w.indicatorId}` }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 422, funder: 200, researcher: 200 },
  },
  'GET /api/analysis/evidence-map': { call: async () => ({ path: '/api/analysis/evidence-map' }), expect: all(200) },

  'GET /api/evaluations/{id}/import-template': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/import-template` }),
    expect: READ_OWN_AND_FUNDED,
  },
  // A multipart body without the file: 400 once the caller may import into the draft at all.
  'POST /api/evaluations/{id}/imports': {
    call: async (w) => ({ path: `/api/evaluations/${await freshDraft(w)}/imports`, raw: NO_FILE }),
    expect: { anonymous: 401, admin: 400, coordinator: 400, coordinator2: 404, funder: 403, researcher: 403 },
  },
  // Jobs are their starter's (and their NGO's coordinators'); a missing one is a 404 for all.
  'GET /api/jobs/{id}': {
    call: async () => ({ path: '/api/jobs/00000000-0000-4000-8000-000000000000' }),
    expect: { anonymous: 401, admin: 404, coordinator: 404, coordinator2: 404, funder: 404, researcher: 404 },
  },

  // Exports answer like their lists (same permission and scoping).
  'GET /api/programs/export': {
    call: async () => ({ path: '/api/programs/export?format=ndjson' }),
    expect: { anonymous: 401, admin: 200, coordinator: 200, coordinator2: 200, funder: 200, researcher: 403 },
  },
  'GET /api/organizations/export': {
    call: async () => ({ path: '/api/organizations/export?format=ndjson' }),
    expect: all(200),
  },
  'GET /api/indicators/export': {
    call: async () => ({ path: '/api/indicators/export?format=ndjson' }),
    expect: all(200),
  },
  'GET /api/users/export': {
    call: async () => ({ path: '/api/users/export?format=ndjson' }),
    expect: { anonymous: 401, admin: 200, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'GET /api/grants/export': { call: async () => ({ path: '/api/grants/export?format=ndjson' }), expect: LISTS },
  'GET /api/reporting-periods/export': {
    call: async () => ({ path: '/api/reporting-periods/export?format=ndjson' }),
    expect: LISTS,
  },
  'GET /api/targets/export': { call: async () => ({ path: '/api/targets/export?format=ndjson' }), expect: LISTS },
  'GET /api/evaluations/export': {
    call: async () => ({ path: '/api/evaluations/export?format=ndjson' }),
    expect: LISTS,
  },
  'GET /api/outcome-measurements/export': {
    call: async () => ({ path: '/api/outcome-measurements/export?format=ndjson' }),
    expect: LISTS,
  },
  'GET /api/audit-events/export': {
    call: async () => ({ path: '/api/audit-events/export?format=ndjson' }),
    expect: { anonymous: 401, admin: 200, coordinator: 400, coordinator2: 400, funder: 400, researcher: 400 },
  },

  'GET /api/exports/research-dataset': {
    call: async () => ({ path: '/api/exports/research-dataset?format=csv' }),
    expect: all(200),
  },

  'GET /api/grants/{id}/iati.xml': {
    call: async (w) => ({ path: `/api/grants/${w.grantId}/iati.xml` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'GET /api/grants/{id}/dhis2': {
    call: async (w) => ({ path: `/api/grants/${w.grantId}/dhis2` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'GET /api/organizations/{id}/iati.xml': {
    call: async (w) => ({ path: `/api/organizations/${w.ngoId}/iati.xml` }),
    expect: READ_OWN_AND_FUNDED,
  },

  'GET /api/evaluations/{id}/summary.pdf': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/summary.pdf` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'GET /api/evaluations/{id}/summary.xlsx': {
    call: async (w) => ({ path: `/api/evaluations/${w.evaluationId}/summary.xlsx` }),
    expect: READ_OWN_AND_FUNDED,
  },

  'POST /api/indicators/imports': {
    call: async () => ({ path: '/api/indicators/imports', raw: NO_FILE }),
    expect: { anonymous: 401, admin: 400, coordinator: 403, coordinator2: 403, funder: 403, researcher: 403 },
  },
  'POST /api/grants/{id}/imports': {
    call: async (w) => ({ path: `/api/grants/${w.grantId}/imports`, raw: NO_FILE }),
    expect: { anonymous: 401, admin: 400, coordinator: 400, coordinator2: 404, funder: 400, researcher: 403 },
  },

  'GET /api/dashboard': { call: async () => ({ path: '/api/dashboard' }), expect: all(200) },

  'GET /api/outcome-measurements': { call: async () => ({ path: '/api/outcome-measurements' }), expect: LISTS },
  'POST /api/outcome-measurements': {
    call: async (w) => ({
      path: '/api/outcome-measurements',
      body: {
        evaluationId: await freshDraft(w),
        indicatorId: w.indicatorId,
        arm: 'treatment',
        timepoint: 'post',
        n: 50,
        events: 20,
      },
    }),
    expect: { anonymous: 401, admin: 201, coordinator: 201, coordinator2: 400, funder: 403, researcher: 403 },
  },
  'GET /api/outcome-measurements/{id}': {
    call: async (w) => ({ path: `/api/outcome-measurements/${w.measurementId}` }),
    expect: READ_OWN_AND_FUNDED,
  },
  'PUT /api/outcome-measurements/{id}': {
    call: async (w) => ({
      path: `/api/outcome-measurements/${await freshMeasurement(w)}`,
      body: { version: 1, n: 120 },
    }),
    expect: NGO_WRITES,
  },
  'DELETE /api/outcome-measurements/{id}': {
    call: async (w) => ({ path: `/api/outcome-measurements/${await freshMeasurement(w)}` }),
    expect: NGO_WRITES,
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
    const ngoId = coordinator.organizationId;
    const funderId = users.funder.organizationId;
    const programId = (await createProgram(ngoId)).id;
    const indicatorId = (await createIndicator()).id;
    const grantId = (await createGrant(funderId, ngoId, [programId])).id;
    const periodId = await firstPeriodOf(grantId);
    const partial = { tokens, users, ngoId, funderId, programId, indicatorId, grantId, periodId };
    const targetId = (
      await created('POST', '/api/targets', { reportingPeriodId: periodId, indicatorId, targetValue: 0.5 })
    ).id;
    const draft = { ...partial, targetId, evaluationId: 0, measurementId: 0 };
    const evaluationId = await submittedEvaluation(draft);
    await approvedEvaluation(draft);
    const measurementId = (
      await created<{ id: number }[]>(
        'GET',
        `/api/outcome-measurements?filter=${encodeURIComponent(JSON.stringify({ evaluationId }))}`,
      )
    )[0].id;
    world = { ...draft, evaluationId, measurementId };
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
        const { path, body, raw } = await expectation.call(world, actor);
        const response = await api<{ message?: string }>(method, path, body, {
          token: world.tokens[actor],
          rawBody: raw?.body,
          headers: raw ? { 'content-type': raw.contentType } : undefined,
        });
        if (response.status !== expectation.expect[actor]) {
          mismatches.push(
            `${route} as ${actor}: expected ${expectation.expect[actor]}, got ${response.status} ${response.body?.message ?? ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every route × six actors, sequentially, with fresh records for destructive calls: about
    // 30 s alone, and more than the default minute beside other suites on a small machine.
  }, 180_000);

  /**
   * The same NGO records through a grant in each consent state (PRODUCT.md hard rule 3), for a
   * funder with no other grant to the NGO: only an accepted grant shows it the NGO's programs,
   * organization, evaluations and history, or lets it set targets and publish.
   */
  describe.each(['offered', 'accepted', 'declined'] as const)('through a grant that is %s', (state) => {
    let funderToken: string;
    let grantId: number;
    let programId: number;

    beforeAll(async () => {
      const funder = await createUser('funder');
      funderToken = await createToken(funder, 'write');
      programId = (await createProgram(world.ngoId)).id;
      const { programIds: _programs, ...input } = grantInput(funder.organizationId, world.ngoId, []);
      grantId = (await created('POST', '/api/grants', { ...input, consent: 'offered' })).id;
      const coordinator = { token: world.tokens.coordinator };
      if (state === 'accepted') {
        await api('POST', `/api/grants/${grantId}/accept`, { programIds: [programId], version: 1 }, coordinator);
      } else if (state === 'declined') {
        await api('POST', `/api/grants/${grantId}/decline`, { reason: 'No', version: 1 }, coordinator);
      }
    });

    const seen = state === 'accepted' ? 200 : 404;
    it.each([
      ['GET /api/grants/{id}', () => `/api/grants/${grantId}`, 200],
      ['GET /api/programs/{id}', () => `/api/programs/${programId}`, seen],
      ['GET /api/organizations/{id}', () => `/api/organizations/${world.ngoId}`, seen],
      [
        'GET /api/audit-events (program history)',
        () =>
          `/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ subjectType: 'program', subjectId: String(programId) }))}`,
        seen,
      ],
      ['GET /api/grants/{id}/iati.xml', () => `/api/grants/${grantId}/iati.xml`, state === 'accepted' ? 200 : 422],
    ])('answers %s to the funder as declared', async (_route, path, expected) => {
      expect((await api('GET', path(), undefined, { token: funderToken })).status).toBe(expected);
    });

    it('lets the funder set targets only on an accepted grant', async () => {
      const period = await firstPeriodOf(grantId);
      const target = await api(
        'POST',
        '/api/targets',
        { reportingPeriodId: period, indicatorId: world.indicatorId, targetValue: 0.5 },
        { token: funderToken },
      );
      expect(target.status).toBe(state === 'accepted' ? 201 : 409);
    });

    it('lets the coordinator decide only an offer, and choose programs only on an accepted grant', async () => {
      const coordinator = { token: world.tokens.coordinator };
      const version = (await api<{ version: number }>('GET', `/api/grants/${grantId}`)).body.version;
      const decide = state === 'offered' ? 200 : 409;
      const accept = await api(
        'POST',
        `/api/grants/${grantId}/accept`,
        { programIds: [programId], version },
        coordinator,
      );
      expect(accept.status).toBe(decide);
      const after = (await api<{ version: number }>('GET', `/api/grants/${grantId}`)).body.version;
      const programs = await api(
        'PUT',
        `/api/grants/${grantId}/programs`,
        { programIds: [programId], version: after },
        coordinator,
      );
      // An offer accepted just now is accepted too.
      expect(programs.status).toBe(state === 'declined' ? 409 : 200);
      const evaluation = await api('POST', '/api/evaluations', evaluationInput(programId, { grantId }), coordinator);
      expect(evaluation.status).toBe(state === 'declined' ? 400 : 201);
    });
  });
});
