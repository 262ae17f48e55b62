import { api, baseUrl, listQuery } from '../support/api';
import { createGrant, createOrganization, createProgram } from '../support/factories';
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
});
