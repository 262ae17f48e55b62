import { api, baseUrl, listQuery } from '../support/api';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
  type Indicator,
  type Measurement,
} from '../support/factories';
import { createToken, createUser, type TestUser } from '../support/sessions';

interface HistoryRow {
  id: string;
  actorUserId: number | null;
  organizationId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const as = (token: string) => ({ token });

async function historyOf(type: string, id: number, token: string): Promise<HistoryRow[]> {
  const response = await api<HistoryRow[]>(
    'GET',
    `/api/audit-events${listQuery({ filter: { subjectType: type, subjectId: String(id) }, sort: ['id', 'ASC'], range: [0, 999] })}`,
    undefined,
    as(token),
  );
  expect(response.status).toBe(200);
  return response.body;
}

/** The same history through the export route (NDJSON), which must apply the same rules. */
async function exportedHistoryOf(type: string, id: number, token: string): Promise<HistoryRow[]> {
  const filter = encodeURIComponent(JSON.stringify({ subjectType: type, subjectId: String(id) }));
  const response = await fetch(
    `${baseUrl()}/api/audit-events/export?format=ndjson&sort=${encodeURIComponent('["id","ASC"]')}&filter=${filter}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(response.status).toBe(200);
  return (await response.text())
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HistoryRow);
}

/**
 * Issue 17, section 2: a reader's view of a history holds only rows about what that reader may see,
 * made by actors whose identity it may see; a reviewer's history of an evaluation starts at its
 * first submission.
 */
describe('history visibility', () => {
  describe('an organization’s history', () => {
    let funder: TestUser;
    let coordinatorA: TestUser;
    let coordinatorB: TestUser;
    let otherFunder: TestUser;
    let ngoA: number;
    let ngoB: number;

    beforeAll(async () => {
      funder = await createUser('funder');
      otherFunder = await createUser('funder');
      ngoA = (await createOrganization()).id;
      ngoB = (await createOrganization()).id;
      coordinatorA = await createUser('coordinator', ngoA);
      coordinatorB = await createUser('coordinator', ngoB);
      const programA = await createProgram(ngoA);
      const programB = await createProgram(ngoB);
      await createGrant(funder.organizationId, ngoA, [programA.id]);
      await createGrant(funder.organizationId, ngoA, [programA.id]);
      await createGrant(funder.organizationId, ngoB, [programB.id]);
      await createGrant(otherFunder.organizationId, ngoA, [programA.id]);
    });

    it('does not show one grantee’s export of its funder’s IATI file to another grantee', async () => {
      const tokenA = await createToken(coordinatorA, 'read');
      const tokenB = await createToken(coordinatorB, 'read');
      const exported = await api('GET', `/api/organizations/${funder.organizationId}/iati.xml`, undefined, as(tokenA));
      expect(exported.status).toBe(200);

      const seenByB = await historyOf('organization', funder.organizationId, tokenB);
      expect(seenByB.filter((r) => r.organizationId === ngoA || r.actorUserId === coordinatorA.id)).toEqual([]);
      expect(seenByB.filter((r) => r.action === 'export')).toEqual([]);
      const exportedByB = await exportedHistoryOf('organization', funder.organizationId, tokenB);
      expect(exportedByB.filter((r) => r.organizationId === ngoA || r.action === 'export')).toEqual([]);

      // The exporter's own organization still finds its export in the history.
      const seenByA = await historyOf('organization', funder.organizationId, tokenA);
      expect(seenByA.filter((r) => r.action === 'export')).toEqual([
        expect.objectContaining({ actorUserId: coordinatorA.id, after: { format: 'iati-2.03', grants: 2 } }),
      ]);
    });

    it('does not show one funder’s export of its grantee’s file to the grantee’s other funder', async () => {
      const funderToken = await createToken(funder, 'read');
      const otherToken = await createToken(otherFunder, 'read');
      expect((await api('GET', `/api/organizations/${ngoA}/iati.xml`, undefined, as(funderToken))).status).toBe(200);
      const seen = await historyOf('organization', ngoA, otherToken);
      expect(seen.filter((r) => r.organizationId === funder.organizationId || r.action === 'export')).toEqual([]);
      // An export is the exporter's own view: even the grantee whose file it was does not see it.
      const own = await historyOf('organization', ngoA, await createToken(coordinatorA, 'read'));
      expect(own.filter((r) => r.action === 'export' && r.organizationId === funder.organizationId)).toEqual([]);
      expect(
        (await historyOf('organization', ngoA, funderToken)).filter((r) => r.action === 'export').length,
      ).toBeGreaterThan(0);
    });
  });

  describe('an evaluation’s history for its reviewer', () => {
    let ngoId: number;
    let programId: number;
    let grantId: number;
    let indicator: Indicator;
    let coordinator: string;
    let funder: string;

    beforeAll(async () => {
      ngoId = (await createOrganization()).id;
      programId = (await createProgram(ngoId)).id;
      const funderUser = await createUser('funder');
      grantId = (await createGrant(funderUser.organizationId, ngoId, [programId])).id;
      indicator = await createIndicator();
      coordinator = await createToken(await createUser('coordinator', ngoId), 'write');
      funder = await createToken(funderUser, 'write');
    });

    const current = async (id: number) =>
      (await api<Evaluation>('GET', `/api/evaluations/${id}`, undefined, as(coordinator))).body;
    const act = async (id: number, action: string, token: string, body: Record<string, unknown> = {}) => {
      const response = await api<Evaluation>(
        'POST',
        `/api/evaluations/${id}/${action}`,
        action === 'amend' ? body : { version: (await current(id)).version, ...body },
        as(token),
      );
      expect(response.status).toBe(action === 'amend' ? 201 : 200);
      return response.body;
    };
    const measure = async (evaluationId: number, body: Record<string, unknown>) => {
      const response = await api<Measurement>(
        'POST',
        '/api/outcome-measurements',
        { evaluationId, indicatorId: indicator.id, arm: 'treatment', timepoint: 'post', n: 180, events: 120, ...body },
        as(coordinator),
      );
      expect(response.status).toBe(201);
      return response.body;
    };
    /** A draft with a deleted measurement and replaced text, then complete and submitted. */
    const draftThenSubmit = async (evaluation: Evaluation) => {
      const wrong = await measure(evaluation.id, { arm: 'comparison', timepoint: 'follow_up', n: 12, events: 3 });
      expect(
        (await api('DELETE', `/api/outcome-measurements/${wrong.id}`, { version: wrong.version }, as(coordinator)))
          .status,
      ).toBe(200);
      const edited = await api(
        'PUT',
        `/api/evaluations/${evaluation.id}`,
        { ...(await current(evaluation.id)), summary: 'DRAFT TEXT the funder must not read' },
        as(coordinator),
      );
      expect(edited.status).toBe(200);
      const edited2 = await api(
        'PUT',
        `/api/evaluations/${evaluation.id}`,
        { ...(await current(evaluation.id)), summary: 'Knowledge of recruiters’ tactics rose.' },
        as(coordinator),
      );
      expect(edited2.status).toBe(200);
      const note = await api(
        'POST',
        `/api/evaluations/${evaluation.id}/comments`,
        { body: 'DRAFT NOTE: the follow-up numbers are still wrong' },
        as(coordinator),
      );
      expect(note.status).toBe(201);
      return act(evaluation.id, 'submit', coordinator, { comment: 'Ready for review.' });
    };
    const commentsOf = async (id: number, token: string) => {
      const response = await api<{ body: string; kind: string }[]>(
        'GET',
        `/api/evaluations/${id}/comments`,
        undefined,
        as(token),
      );
      expect(response.status).toBe(200);
      return response.body.map((c) => c.body);
    };

    it('starts at the first submission for the funder; the NGO sees everything', async () => {
      const created = await api<Evaluation>(
        'POST',
        '/api/evaluations',
        evaluationInput(programId, { grantId, primaryIndicatorIds: [indicator.id] }),
        as(coordinator),
      );
      expect(created.status).toBe(201);
      const evaluation = created.body;
      for (const [arm, timepoint, n, events] of [
        ['treatment', 'baseline', 200, 60],
        ['comparison', 'baseline', 200, 58],
        ['treatment', 'post', 180, 120],
        ['comparison', 'post', 170, 70],
      ] as const) {
        await measure(evaluation.id, { arm, timepoint, n, events });
      }
      await draftThenSubmit(evaluation);

      const own = await historyOf('evaluation', evaluation.id, coordinator);
      expect(own.map((r) => `${r.entityType}:${r.action}`)).toEqual(
        expect.arrayContaining(['evaluation:create', 'outcome_measurement:delete', 'evaluation:submit']),
      );
      for (const view of [
        await historyOf('evaluation', evaluation.id, funder),
        await exportedHistoryOf('evaluation', evaluation.id, funder),
      ]) {
        expect(view[0]).toMatchObject({ entityType: 'evaluation', action: 'submit' });
        expect(view.map((r) => `${r.entityType}:${r.action}`)).not.toContain('outcome_measurement:delete');
        expect(JSON.stringify(view)).not.toContain('DRAFT TEXT');
      }
      // The discussion, too: the NGO's draft-phase note is its own; the submission's comment is the reviewer's.
      expect(await commentsOf(evaluation.id, coordinator)).toEqual(
        expect.arrayContaining(['DRAFT NOTE: the follow-up numbers are still wrong', 'Ready for review.']),
      );
      expect(await commentsOf(evaluation.id, funder)).toEqual(['Ready for review.']);
      const dashboard = await api<{ latestComments: { body: string }[] }>(
        'GET',
        '/api/dashboard',
        undefined,
        as(funder),
      );
      expect(dashboard.body.latestComments.map((c) => c.body)).toEqual(['Ready for review.']);

      // After the first submission everything is the reviewer's: changes requested, the edit, resubmission.
      await act(evaluation.id, 'request-changes', funder, { comment: 'Add the follow-up.' });
      const fix = await api(
        'PUT',
        `/api/evaluations/${evaluation.id}`,
        { ...(await current(evaluation.id)), limitations: 'Attrition 12%.' },
        as(coordinator),
      );
      expect(fix.status).toBe(200);
      await act(evaluation.id, 'submit', coordinator);
      const later = (await historyOf('evaluation', evaluation.id, funder)).map((r) => `${r.entityType}:${r.action}`);
      expect(later).toEqual([
        'evaluation:submit',
        'evaluation:request_changes',
        'evaluation:update',
        'evaluation:submit',
      ]);

      // An amendment's draft phase is hidden the same way until the amendment is submitted.
      await act(evaluation.id, 'approve', funder);
      const amendment = await act(evaluation.id, 'amend', coordinator, { comment: 'Follow-up data' });
      expect((await historyOf('evaluation', amendment.id, coordinator)).length).toBeGreaterThan(0);
      const hidden = await api(
        'GET',
        `/api/audit-events${listQuery({ filter: { subjectType: 'evaluation', subjectId: String(amendment.id) } })}`,
        undefined,
        as(funder),
      );
      expect(hidden.status).toBe(404);
      await draftThenSubmit(amendment);
      const amendmentView = await historyOf('evaluation', amendment.id, funder);
      expect(amendmentView[0]).toMatchObject({ entityType: 'evaluation', action: 'submit' });
      expect(amendmentView.map((r) => r.action)).not.toContain('amend');
      expect(JSON.stringify(amendmentView)).not.toContain('DRAFT TEXT');
      expect(await commentsOf(amendment.id, funder)).toEqual(['Ready for review.']);
    });
  });
});
