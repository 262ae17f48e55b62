import { api, baseUrl, ErrorBody } from '../support/api';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
  type Grant,
  type Indicator,
} from '../support/factories';
import { createToken, createUser, type TestUser } from '../support/sessions';

const as = (token: string) => ({ token });

/**
 * Issue 17, section 2: invariants are checked with full visibility, not with the requester's
 * partial view, and refused with a 409 naming the reason (never a 200 that breaks them, never a 500).
 */
describe('invariants checked past the requester’s view', () => {
  let ngoId: number;
  let programId: number;
  let indicator: Indicator;
  let funder1: TestUser;
  let funder2: TestUser;
  let coordinator: string;
  let funder1Token: string;
  let funder2Token: string;

  beforeAll(async () => {
    ngoId = (await createOrganization()).id;
    programId = (await createProgram(ngoId)).id;
    indicator = await createIndicator();
    funder1 = await createUser('funder');
    funder2 = await createUser('funder');
    coordinator = await createToken(await createUser('coordinator', ngoId), 'write');
    funder1Token = await createToken(funder1, 'write');
    funder2Token = await createToken(funder2, 'write');
  });

  const current = async (id: number) =>
    (await api<Evaluation>('GET', `/api/evaluations/${id}`, undefined, as(coordinator))).body;
  const act = async (id: number, action: string, token: string, body: Record<string, unknown> = {}) =>
    api<Evaluation & ErrorBody>(
      'POST',
      `/api/evaluations/${id}/${action}`,
      action === 'amend' ? body : { version: (await current(id)).version, ...body },
      as(token),
    );
  const move = async (id: number, grantId: number | null) =>
    api<Evaluation & ErrorBody>('PUT', `/api/evaluations/${id}`, { ...(await current(id)), grantId }, as(coordinator));

  /** A complete draft of `program` under `grantId`. */
  const readyDraft = async (grantId: number, program = programId) => {
    const created = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(program, { grantId, primaryIndicatorIds: [indicator.id] }),
      as(coordinator),
    );
    expect(created.status).toBe(201);
    for (const [arm, timepoint, n, events] of [
      ['treatment', 'post', 180, 120],
      ['comparison', 'post', 170, 70],
    ] as const) {
      const measured = await api(
        'POST',
        '/api/outcome-measurements',
        { evaluationId: created.body.id, indicatorId: indicator.id, arm, timepoint, n, events },
        as(coordinator),
      );
      expect(measured.status).toBe(201);
    }
    return created.body;
  };

  it('keeps an evaluation’s reviewer once submitted: an amendment moves only to a grant of the same funder', async () => {
    const grant1 = await createGrant(funder1.organizationId, ngoId, [programId]);
    const grant1b = await createGrant(funder1.organizationId, ngoId, [programId]);
    const grant2 = await createGrant(funder2.organizationId, ngoId, [programId]);
    const evaluation = await readyDraft(grant1.id);
    expect((await act(evaluation.id, 'submit', coordinator)).status).toBe(200);

    // Revision 1 with changes requested: the first funder's thread stays with the first funder.
    expect((await act(evaluation.id, 'request-changes', funder1Token, { comment: 'Add n.' })).status).toBe(200);
    const away = await move(evaluation.id, grant2.id);
    expect(away.status).toBe(409);
    expect(away.body.code).toBe('reviewer_fixed');
    expect((await act(evaluation.id, 'submit', coordinator)).status).toBe(200);
    expect((await act(evaluation.id, 'approve', funder1Token)).status).toBe(200);

    // The amendment: not to another funder's grant (whose approval would supersede a revision it cannot see) …
    const amended = await act(evaluation.id, 'amend', coordinator);
    expect(amended.status).toBe(201);
    const moved = await move(amended.body.id, grant2.id);
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe('reviewer_fixed');
    expect(moved.body.message).toContain('same funder');
    expect((await move(amended.body.id, null)).status).toBe(409);
    // … but to another grant of the same funder, whose approval supersedes the original.
    expect((await move(amended.body.id, grant1b.id)).status).toBe(200);
    expect((await act(amended.body.id, 'submit', coordinator)).status).toBe(200);
    expect((await act(amended.body.id, 'approve', funder2Token)).status).toBe(404);
    expect((await act(amended.body.id, 'approve', funder1Token)).status).toBe(200);
    expect((await current(evaluation.id)).status).toBe('superseded');

    // A never-submitted draft still moves freely between the NGO's grants.
    const draft = await readyDraft(grant1.id);
    expect((await move(draft.id, grant2.id)).status).toBe(200);
  });

  it('refuses to remove a program from a grant while an evaluation, even a draft, links it', async () => {
    const other = await createProgram(ngoId);
    const grant = await createGrant(funder2.organizationId, ngoId, [programId, other.id]);
    const draft = await readyDraft(grant.id, other.id);

    // The grantee chooses the programs of an accepted grant (grants by consent); its coordinator
    // sees the draft, but the check is PostgreSQL's foreign key, the same for any requester.
    const removal = await api<Grant & ErrorBody>(
      'PUT',
      `/api/grants/${grant.id}/programs`,
      { version: grant.version, programIds: [programId] },
      as(coordinator),
    );
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe('program_in_use');
    expect(removal.body.message).toContain('drafts included');

    // The grant is unchanged, so after submission the funder reads the program and the summaries.
    expect((await api<Grant>('GET', `/api/grants/${grant.id}`, undefined, as(funder2Token))).body.programIds).toEqual(
      [programId, other.id].sort((a, b) => a - b),
    );
    expect((await act(draft.id, 'submit', coordinator)).status).toBe(200);
    expect((await api('GET', `/api/programs/${other.id}`, undefined, as(funder2Token))).status).toBe(200);
    for (const format of ['pdf', 'xlsx']) {
      const summary = await fetch(`${baseUrl()}/api/evaluations/${draft.id}/summary.${format}`, {
        headers: { authorization: `Bearer ${funder2Token}` },
      });
      expect(summary.status).toBe(200);
    }

    // A program no evaluation links is still removed (and added back) as before.
    const unused = await createProgram(ngoId);
    const withUnused = await api<Grant>(
      'PUT',
      `/api/grants/${grant.id}/programs`,
      {
        version: (await api<Grant>('GET', `/api/grants/${grant.id}`, undefined, as(coordinator))).body.version,
        programIds: [programId, other.id, unused.id],
      },
      as(coordinator),
    );
    expect(withUnused.status).toBe(200);
    const without = await api<Grant>(
      'PUT',
      `/api/grants/${grant.id}/programs`,
      { version: withUnused.body.version, programIds: [programId, other.id] },
      as(coordinator),
    );
    expect(without.status).toBe(200);
    expect(without.body.programIds).toEqual([programId, other.id].sort((a, b) => a - b));
  });

  it('refuses to delete a grant that only a draft links, naming the reason', async () => {
    const grant = await createGrant(funder2.organizationId, ngoId, [programId]);
    await readyDraft(grant.id);
    const removal = await api<ErrorBody>('DELETE', `/api/grants/${grant.id}`, undefined, as(funder2Token));
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe('grant_in_use');
    expect(removal.body.message).toContain('close it');
  });
});
