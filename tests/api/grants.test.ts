import { api, ErrorBody, listQuery } from '../support/api';
import {
  createGrant,
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  grantInput,
  offerGrant,
  type Grant,
  type Indicator,
} from '../support/factories';
import { createToken, createUser, TestUser } from '../support/sessions';

interface Period {
  id: number;
  grantId: number;
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
  version: number;
}

interface Target {
  id: number;
  grantId: number;
  reportingPeriodId: number;
  indicatorId: number;
  baselineValue: number | null;
  targetValue: number;
  actualValue: number | null;
  progress: number | null;
  comment: string;
  version: number;
}

/** Grants, their reporting periods and targets: who may do what, and every refusal. */
describe('grants, reporting periods and targets', () => {
  let ngoId: number;
  let programId: number;
  let coordinator: TestUser;
  let funder: TestUser;
  let tokens: { coordinator: string; funder: string; funder2: string; coordinator2: string; researcher: string };
  let indicator: Indicator;

  const as = (token: string | undefined) => ({ token });

  beforeAll(async () => {
    ngoId = (await createOrganization()).id;
    programId = (await createProgram(ngoId)).id;
    coordinator = await createUser('coordinator', ngoId);
    funder = await createUser('funder');
    tokens = {
      coordinator: await createToken(coordinator, 'write'),
      funder: await createToken(funder, 'write'),
      funder2: await createToken(await createUser('funder'), 'write'),
      coordinator2: await createToken(await createUser('coordinator'), 'write'),
      researcher: await createToken(await createUser('researcher'), 'write'),
    };
    indicator = await createIndicator();
  });

  const periodsOf = async (grantId: number, token?: string) =>
    (
      await api<Period[]>(
        'GET',
        `/api/reporting-periods${listQuery({ filter: { grantId }, range: [0, 99] })}`,
        undefined,
        as(token),
      )
    ).body;

  it('lets a funder offer a grant from its own organization and generates quarterly periods', async () => {
    const input = grantInput(funder.organizationId, ngoId, []);
    delete (input as Record<string, unknown>).funderOrganizationId;
    delete (input as Record<string, unknown>).programIds;
    const created = await api<Grant>('POST', '/api/grants', { ...input, currency: 'usd' }, as(tokens.funder));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      funderOrganizationId: funder.organizationId,
      granteeOrganizationId: ngoId,
      programIds: [],
      amount: 120000,
      currency: 'USD',
      status: 'active',
      consent: 'offered',
      version: 1,
    });
    const periods = await periodsOf(created.body.id, tokens.funder);
    expect(periods.map((p) => [p.label, p.startDate, p.endDate, p.dueDate])).toEqual([
      ['2026 Q1', '2026-01-01', '2026-03-31', '2026-04-30'],
      ['2026 Q2', '2026-04-01', '2026-06-30', '2026-07-30'],
      ['2026 Q3', '2026-07-01', '2026-09-30', '2026-10-30'],
      ['2026 Q4', '2026-10-01', '2026-12-31', '2027-01-30'],
    ]);
  });

  it('cuts the last period at the grant’s end and names periods that are not calendar ones', async () => {
    const grant = await createGrant(funder.organizationId, ngoId, [programId], {
      startDate: '2026-01-31',
      endDate: '2026-12-15',
      reportingFrequency: 'semiannual',
    });
    const periods = await periodsOf(grant.id);
    expect(periods.map((p) => [p.label, p.startDate, p.endDate])).toEqual([
      ['Period 1', '2026-01-31', '2026-07-30'],
      ['Period 2', '2026-07-31', '2026-12-15'],
    ]);
  });

  it.each([
    ['granteeOrganizationId', { granteeOrganizationId: -1 }],
    ['endDate', { endDate: '2025-12-31' }],
    ['endDate', { endDate: '2047-01-01' }],
    ['currency', { currency: 'DOLLARS' }],
    ['amount', { amount: 10.555 }],
    ['amount', { amount: -1 }],
    ['programIds', { programIds: [] }],
    ['reportingFrequency', { reportingFrequency: 'monthly' }],
  ])('refuses a bad %s with a 400 naming it', async (field, overrides) => {
    const response = await api<ErrorBody>(
      'POST',
      '/api/grants',
      grantInput(funder.organizationId, ngoId, [programId], overrides),
    );
    expect(response.status).toBe(400);
    expect(response.body.details?.map((d) => d.field)).toContain(field);
  });

  it('refuses a grantee that is not an NGO, another NGO’s program and a duplicate reference', async () => {
    const notNgo = await api<ErrorBody>(
      'POST',
      '/api/grants',
      grantInput(funder.organizationId, funder.organizationId, [programId]),
    );
    expect(notNgo.status).toBe(400);
    expect(notNgo.body.message).toMatch(/granteeOrganizationId: must be an NGO/);

    const otherNgo = await createOrganization();
    const otherProgram = await createProgram(otherNgo.id);
    const foreign = await api<ErrorBody>(
      'POST',
      '/api/grants',
      grantInput(funder.organizationId, ngoId, [otherProgram.id]),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toContain(`program ${otherProgram.id}: not a program of the grantee`);

    const first = await createGrant(funder.organizationId, ngoId, [programId]);
    const again = await api<ErrorBody>(
      'POST',
      '/api/grants',
      grantInput(funder.organizationId, ngoId, [programId], { reference: first.reference }),
    );
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(first.reference);
  });

  it('shows a grant to its funder and grantee only; the funder then reads the program and the NGO', async () => {
    const grant = await createGrant(funder.organizationId, ngoId, [programId]);
    const status = async (path: string, token: string) => (await api('GET', path, undefined, as(token))).status;
    expect(await status(`/api/grants/${grant.id}`, tokens.funder)).toBe(200);
    expect(await status(`/api/grants/${grant.id}`, tokens.coordinator)).toBe(200);
    expect(await status(`/api/grants/${grant.id}`, tokens.funder2)).toBe(404);
    expect(await status(`/api/grants/${grant.id}`, tokens.coordinator2)).toBe(404);
    expect(await status(`/api/grants/${grant.id}`, tokens.researcher)).toBe(403);
    expect(await status(`/api/programs/${programId}`, tokens.funder)).toBe(200);
    expect(await status(`/api/programs/${programId}`, tokens.funder2)).toBe(404);
    expect(await status(`/api/organizations/${ngoId}`, tokens.funder)).toBe(200);
    expect(await status(`/api/organizations/${funder.organizationId}`, tokens.coordinator)).toBe(200);
    expect(await status(`/api/organizations/${funder.organizationId}`, tokens.coordinator2)).toBe(404);

    const listed = await api<Grant[]>(
      'GET',
      `/api/grants${listQuery({ range: [0, 999] })}`,
      undefined,
      as(tokens.funder2),
    );
    expect(listed.body.some((g) => g.id === grant.id)).toBe(false);
    const byProgram = await api<Grant[]>(
      'GET',
      `/api/grants${listQuery({ filter: { programId }, range: [0, 999] })}`,
      undefined,
      as(tokens.coordinator),
    );
    expect(byProgram.body.map((g) => g.id)).toContain(grant.id);
    expect(byProgram.body.every((g) => g.programIds.includes(programId))).toBe(true);
  });

  it('keeps grant terms with the funder: grantees and other funders cannot change them', async () => {
    const grant = await createGrant(funder.organizationId, ngoId, [programId]);
    const body = { version: grant.version, title: 'Changed' };
    expect((await api('PUT', `/api/grants/${grant.id}`, body, as(tokens.coordinator))).status).toBe(403);
    expect((await api('PUT', `/api/grants/${grant.id}`, body, as(tokens.funder2))).status).toBe(404);
    expect(
      (await api('POST', '/api/grants', grantInput(funder.organizationId, ngoId, [programId]), as(tokens.coordinator)))
        .status,
    ).toBe(403);
    const moved = await api<ErrorBody>(
      'PUT',
      `/api/grants/${grant.id}`,
      { version: 1, granteeOrganizationId: funder.organizationId },
      as(tokens.funder),
    );
    expect(moved.status).toBe(400);
    expect(moved.body.message).toContain('cannot change once a grant exists');
    const updated = await api<Grant>('PUT', `/api/grants/${grant.id}`, body, as(tokens.funder));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Changed', version: 2 });
    expect((await api('PUT', `/api/grants/${grant.id}`, body, as(tokens.funder))).status).toBe(409);
  });

  it('edits reporting periods within the grant and refuses overlaps', async () => {
    const grant = await createGrant(funder.organizationId, ngoId, [programId], { reportingFrequency: 'annual' });
    const [year] = await periodsOf(grant.id);
    expect(year.label).toBe('2026');
    const shortened = await api<Period>(
      'PUT',
      `/api/reporting-periods/${year.id}`,
      { version: year.version, endDate: '2026-06-30', dueDate: '2026-07-31' },
      as(tokens.funder),
    );
    expect(shortened.status).toBe(200);
    const second = await api<Period>(
      'POST',
      '/api/reporting-periods',
      { grantId: grant.id, label: '2026 H2', startDate: '2026-07-01', endDate: '2026-12-31', dueDate: '2027-01-31' },
      as(tokens.funder),
    );
    expect(second.status).toBe(201);
    const overlap = await api<ErrorBody>(
      'POST',
      '/api/reporting-periods',
      { grantId: grant.id, label: 'x', startDate: '2026-06-01', endDate: '2026-08-31', dueDate: '2026-09-30' },
      as(tokens.funder),
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toContain('overlaps reporting period');
    const outside = await api<ErrorBody>(
      'POST',
      '/api/reporting-periods',
      { grantId: grant.id, label: 'x', startDate: '2027-01-01', endDate: '2027-03-31', dueDate: '2027-04-30' },
      as(tokens.funder),
    );
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('must lie within the grant');
    const byGrantee = await api(
      'POST',
      '/api/reporting-periods',
      { grantId: grant.id, label: 'x', startDate: '2026-01-01', endDate: '2026-01-31', dueDate: '2026-02-28' },
      as(tokens.coordinator),
    );
    expect(byGrantee.status).toBe(403);
    const shrink = await api<ErrorBody>(
      'PUT',
      `/api/grants/${grant.id}`,
      { version: grant.version, endDate: '2026-09-30' },
      as(tokens.funder),
    );
    expect(shrink.status).toBe(409);
    expect(shrink.body.message).toContain('2026 H2');
  });

  describe('targets', () => {
    let grant: Grant;
    let periods: Period[];

    beforeAll(async () => {
      grant = await createGrant(funder.organizationId, ngoId, [programId]);
      periods = await periodsOf(grant.id);
    });

    const newTarget = (overrides: Record<string, unknown> = {}, token = tokens.funder) =>
      api<Target & ErrorBody>(
        'POST',
        '/api/targets',
        {
          reportingPeriodId: periods[0].id,
          indicatorId: indicator.id,
          baselineValue: 0.2,
          targetValue: 0.6,
          ...overrides,
        },
        as(token),
      );

    it('lets the funder set a target and the grantee report the actual, with direction-aware progress', async () => {
      const created = await newTarget({ sex: 'female' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ grantId: grant.id, actualValue: null, progress: null, region: 'total' });

      const reported = await api<Target>(
        'PUT',
        `/api/targets/${created.body.id}`,
        { ...created.body, actualValue: 0.5, comment: 'Term 1 survey' },
        as(tokens.coordinator),
      );
      expect(reported.status).toBe(200);
      expect(reported.body.progress).toBeCloseTo(0.75, 12); // (0.5 − 0.2) / (0.6 − 0.2)

      const decreasing = await createIndicator({
        measureType: 'count',
        direction: 'decrease',
        minValue: 0,
        maxValue: null,
      });
      const lower = await newTarget({
        indicatorId: decreasing.id,
        baselineValue: 40,
        targetValue: 20,
        actualValue: 30,
      });
      expect(lower.body.progress).toBeCloseTo(0.5, 12); // (40 − 30) / (40 − 20)
    });

    it('refuses target fields from the grantee and actual values from the funder', async () => {
      const created = await newTarget({ sex: 'male' });
      const byGrantee = await api<ErrorBody>(
        'PUT',
        `/api/targets/${created.body.id}`,
        { version: created.body.version, targetValue: 0.3 },
        as(tokens.coordinator),
      );
      expect(byGrantee.status).toBe(403);
      expect(byGrantee.body.message).toContain('targetValue');
      const byFunder = await api<ErrorBody>(
        'PUT',
        `/api/targets/${created.body.id}`,
        { version: created.body.version, actualValue: 0.9 },
        as(tokens.funder),
      );
      expect(byFunder.status).toBe(403);
      expect(byFunder.body.message).toContain('actualValue');
      expect((await newTarget({ sex: 'other' }, tokens.coordinator)).status).toBe(403);
      // Another funder's grant looks missing (row-level security hides its periods): the named
      // reporting period does not exist for this funder.
      const byOtherFunder = await newTarget({ sex: 'other' }, tokens.funder2);
      expect(byOtherFunder.status).toBe(400);
      expect(byOtherFunder.body.details).toMatchObject([{ field: 'reportingPeriodId' }]);
      expect((await api('GET', `/api/targets/${created.body.id}`, undefined, as(tokens.coordinator2))).status).toBe(
        404,
      );
    });

    it('refuses values outside the plausible range, naming it, and duplicates', async () => {
      const outside = await newTarget({ targetValue: 1.5, ageBand: '15_17' });
      expect(outside.status).toBe(400);
      expect(outside.body.details).toMatchObject([
        { field: 'targetValue', message: expect.stringContaining('(0–1)') as string },
      ]);
      expect((await newTarget({ ageBand: '12_14' })).status).toBe(201);
      const duplicate = await newTarget({ ageBand: '12_14' });
      expect(duplicate.status).toBe(409);
      const wrongRegion = await newTarget({ region: 'Manila' });
      expect(wrongRegion.status).toBe(400);
      expect(wrongRegion.body.details?.[0].field).toBe('region');
    });

    it('keeps periods and grants that have targets, and records the history on the grant', async () => {
      const removePeriod = await api<ErrorBody>(
        'DELETE',
        `/api/reporting-periods/${periods[0].id}`,
        undefined,
        as(tokens.funder),
      );
      expect(removePeriod.status).toBe(409);
      const removeGrant = await api<ErrorBody>('DELETE', `/api/grants/${grant.id}`, undefined, as(tokens.funder));
      expect(removeGrant.status).toBe(409);
      expect(removeGrant.body.message).toContain('close it');

      const history = await api<{ entityType: string; action: string; actorName: string | null }[]>(
        'GET',
        `/api/audit-events${listQuery({ filter: { subjectType: 'grant', subjectId: String(grant.id) }, range: [0, 99] })}`,
        undefined,
        as(tokens.coordinator),
      );
      expect(history.status).toBe(200);
      const kinds = new Set(history.body.map((e) => `${e.entityType}:${e.action}`));
      expect(kinds).toEqual(new Set(['grant:create', 'reporting_period:create', 'target:create', 'target:update']));
      const foreign = await api(
        'GET',
        `/api/audit-events${listQuery({ filter: { subjectType: 'grant', subjectId: String(grant.id) } })}`,
        undefined,
        as(tokens.coordinator2),
      );
      expect(foreign.status).toBe(404);
      const whole = await api<ErrorBody>('GET', '/api/audit-events', undefined, as(tokens.coordinator));
      expect(whole.status).toBe(400);
    });
  });

  it('deletes a grant without targets or evaluations, with its periods', async () => {
    const grant = await createGrant(funder.organizationId, ngoId, [programId]);
    expect((await api('DELETE', `/api/grants/${grant.id}`, undefined, as(tokens.funder))).status).toBe(200);
    expect((await api('GET', `/api/grants/${grant.id}`)).status).toBe(404);
    expect(await periodsOf(grant.id)).toEqual([]);
  });

  describe('consent (PRODUCT.md hard rule 3: an NGO’s data reaches a funder only through a grant it accepted)', () => {
    let ngo2Id: number;
    let ownProgramId: number;
    let secondProgramId: number;
    let consent: { coordinator: string; funder: string; otherCoordinator: string };

    beforeAll(async () => {
      ngo2Id = (await createOrganization()).id;
      ownProgramId = (await createProgram(ngo2Id)).id;
      secondProgramId = (await createProgram(ngo2Id)).id;
      consent = {
        coordinator: await createToken(await createUser('coordinator', ngo2Id), 'write'),
        funder: await createToken(await createUser('funder'), 'write'),
        otherCoordinator: tokens.coordinator,
      };
    });

    const status = async (path: string, token: string) => (await api('GET', path, undefined, as(token))).status;
    const accept = (grant: Grant, programIds: number[], token = consent.coordinator, version = grant.version) =>
      api<Grant & ErrorBody>('POST', `/api/grants/${grant.id}/accept`, { programIds, version }, as(token));

    it('makes a funder’s grant an offer that names no programs; only admins create accepted grants', async () => {
      const withPrograms = await api<ErrorBody>(
        'POST',
        '/api/grants',
        { ...grantInput(0, ngo2Id, [ownProgramId]), funderOrganizationId: undefined },
        as(consent.funder),
      );
      expect(withPrograms.status).toBe(400);
      expect(withPrograms.body.details?.map((d) => d.field)).toEqual(['programIds']);
      const selfAccepted = await api<ErrorBody>(
        'POST',
        '/api/grants',
        { ...grantInput(0, ngo2Id, []), funderOrganizationId: undefined, programIds: undefined, consent: 'accepted' },
        as(consent.funder),
      );
      expect(selfAccepted.status).toBe(400);
      expect(selfAccepted.body.details?.map((d) => d.field)).toEqual(['consent']);
      const byAdmin = await createGrant(funder.organizationId, ngo2Id, [ownProgramId]);
      expect(byAdmin).toMatchObject({ consent: 'accepted', programIds: [ownProgramId] });
    });

    it('shows the funder of an offered grant what it entered and the grantee’s name, nothing of the NGO', async () => {
      const offered = await offerGrant(consent.funder, ngo2Id, { title: 'Offered grant' });
      expect(offered).toMatchObject({ consent: 'offered', programIds: [], granteeOrganizationId: ngo2Id });
      expect(offered.granteeName).not.toBe('');
      const seen = await api<Grant>('GET', `/api/grants/${offered.id}`, undefined, as(consent.funder));
      expect(seen.body).toMatchObject({ consent: 'offered', title: 'Offered grant', granteeName: offered.granteeName });
      expect(await status(`/api/programs/${ownProgramId}`, consent.funder)).toBe(404);
      expect(await status(`/api/organizations/${ngo2Id}`, consent.funder)).toBe(404);
      const history = await api(
        'GET',
        `/api/audit-events${listQuery({ filter: { subjectType: 'program', subjectId: String(ownProgramId) } })}`,
        undefined,
        as(consent.funder),
      );
      expect(history.status).toBe(404);
      const [period] = await periodsOf(offered.id, consent.funder);
      const target = await api<ErrorBody>(
        'POST',
        '/api/targets',
        { reportingPeriodId: period.id, indicatorId: indicator.id, targetValue: 0.5 },
        as(consent.funder),
      );
      expect(target.status).toBe(409);
      const iati = await api('GET', `/api/grants/${offered.id}/iati.xml`, undefined, as(consent.funder));
      expect(iati.status).not.toBe(200);

      // The grantee sees the offer in its list and on its dashboard; no evaluation links it yet.
      const listed = await api<Grant[]>(
        'GET',
        `/api/grants${listQuery({ filter: { consent: 'offered' }, range: [0, 99] })}`,
        undefined,
        as(consent.coordinator),
      );
      expect(listed.body.map((g) => g.id)).toContain(offered.id);
      const dashboard = await api<{ grantOffers: { grantId: number }[] }>(
        'GET',
        '/api/dashboard',
        undefined,
        as(consent.coordinator),
      );
      expect(dashboard.body.grantOffers.map((g) => g.grantId)).toContain(offered.id);
      const evaluation = await api<ErrorBody>(
        'POST',
        '/api/evaluations',
        evaluationInput(ownProgramId, { grantId: offered.id }),
        as(consent.coordinator),
      );
      expect(evaluation.status).toBe(400);
      expect(evaluation.body.details?.map((d) => d.field)).toEqual(['grantId']);
    });

    it('lets the grantee’s coordinator accept, choosing its programs; then the funder sees them', async () => {
      const offered = await offerGrant(consent.funder, ngo2Id);
      expect((await accept(offered, [ownProgramId], consent.funder)).status).toBe(403);
      expect((await accept(offered, [ownProgramId], consent.otherCoordinator)).status).toBe(404);
      expect((await accept(offered, [ownProgramId], consent.coordinator, offered.version + 1)).status).toBe(409);

      const accepted = await accept(offered, [ownProgramId]);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ consent: 'accepted', programIds: [ownProgramId] });
      expect(await status(`/api/programs/${ownProgramId}`, consent.funder)).toBe(200);
      expect(await status(`/api/programs/${secondProgramId}`, consent.funder)).toBe(404);
      expect(await status(`/api/organizations/${ngo2Id}`, consent.funder)).toBe(200);
      expect((await accept(accepted.body, [ownProgramId])).status).toBe(409);

      const history = await api<{ entityType: string; action: string }[]>(
        'GET',
        `/api/audit-events${listQuery({ filter: { subjectType: 'grant', subjectId: String(offered.id) }, range: [0, 99] })}`,
        undefined,
        as(consent.funder),
      );
      expect(history.body.map((e) => `${e.entityType}:${e.action}`)).toContain('grant:accept');
      const evaluation = await api(
        'POST',
        '/api/evaluations',
        evaluationInput(ownProgramId, { grantId: offered.id }),
        as(consent.coordinator),
      );
      expect(evaluation.status).toBe(201);
    });

    it('answers an unknown program id and another NGO’s program id the same way', async () => {
      const offered = await offerGrant(consent.funder, ngo2Id);
      const foreign = await accept(offered, [programId]);
      const unknown = await accept(offered, [999999]);
      expect(foreign.status).toBe(400);
      expect(unknown.status).toBe(400);
      const neutral = (body: ErrorBody, id: number) => JSON.stringify(body).replaceAll(String(id), '#');
      expect(neutral(foreign.body, programId)).toBe(neutral(unknown.body, 999999));
    });

    it('lets the grantee decline with a reason, audited; the funder still sees nothing of the NGO', async () => {
      const offered = await offerGrant(consent.funder, ngo2Id);
      const noReason = await api('POST', `/api/grants/${offered.id}/decline`, { version: 1 }, as(consent.coordinator));
      expect(noReason.status).toBe(400);
      const declined = await api<Grant>(
        'POST',
        `/api/grants/${offered.id}/decline`,
        { reason: 'Outside our mission', version: offered.version },
        as(consent.coordinator),
      );
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({
        consent: 'declined',
        declineReason: 'Outside our mission',
        programIds: [],
      });
      const seen = await api<Grant>('GET', `/api/grants/${offered.id}`, undefined, as(consent.funder));
      expect(seen.body).toMatchObject({ consent: 'declined', declineReason: 'Outside our mission' });
      expect((await accept(declined.body, [ownProgramId])).status).toBe(409);
      const history = await api<{ action: string }[]>(
        'GET',
        `/api/audit-events${listQuery({ filter: { subjectType: 'grant', subjectId: String(offered.id) }, range: [0, 99] })}`,
        undefined,
        as(consent.funder),
      );
      expect(history.body.map((e) => e.action)).toContain('decline');
      // The funder's export says it too.
      const exported = await fetch(
        `${process.env.LEDGER_BASE_URL}/api/grants/export?format=ndjson&filter=${encodeURIComponent(JSON.stringify({ id: [offered.id] }))}`,
        { headers: { authorization: `Bearer ${consent.funder}` } },
      );
      expect(exported.status).toBe(200);
      const rows = (await exported.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(rows).toEqual([
        expect.objectContaining({ id: offered.id, consent: 'declined', declineReason: 'Outside our mission' }),
      ]);
    });

    it('lets the grantee add and remove its programs later, keeping those an evaluation links', async () => {
      const offered = await offerGrant(consent.funder, ngo2Id);
      const accepted = (await accept(offered, [ownProgramId])).body;
      const setPrograms = (programIds: number[], version: number, token = consent.coordinator) =>
        api<Grant & ErrorBody>('PUT', `/api/grants/${offered.id}/programs`, { programIds, version }, as(token));

      expect((await setPrograms([ownProgramId, secondProgramId], accepted.version, consent.funder)).status).toBe(403);
      const added = await setPrograms([ownProgramId, secondProgramId], accepted.version);
      expect(added.status).toBe(200);
      expect(added.body.programIds).toEqual([ownProgramId, secondProgramId].sort((a, b) => a - b));
      expect(added.body.version).toBeGreaterThan(accepted.version);
      expect(await status(`/api/programs/${secondProgramId}`, consent.funder)).toBe(200);

      const evaluation = await api(
        'POST',
        '/api/evaluations',
        evaluationInput(ownProgramId, { grantId: offered.id }),
        as(consent.coordinator),
      );
      expect(evaluation.status).toBe(201);
      const stranding = await setPrograms([secondProgramId], added.body.version);
      expect(stranding.status).toBe(409);

      const removed = await setPrograms([ownProgramId], added.body.version);
      expect(removed.status).toBe(200);
      expect(removed.body.programIds).toEqual([ownProgramId]);
      expect(await status(`/api/programs/${secondProgramId}`, consent.funder)).toBe(404);
      // The funder no longer changes programs through the grant's terms.
      const byFunder = await api<ErrorBody>(
        'PUT',
        `/api/grants/${offered.id}`,
        { version: removed.body.version, programIds: [ownProgramId, secondProgramId] },
        as(consent.funder),
      );
      expect(byFunder.status).toBe(400);
      const history = await api<{ action: string; after: { programIds?: number[] } | null }[]>(
        'GET',
        `/api/audit-events${listQuery({ filter: { subjectType: 'grant', subjectId: String(offered.id) }, range: [0, 99] })}`,
        undefined,
        as(consent.funder),
      );
      expect(history.body.filter((e) => e.action === 'update' && e.after?.programIds).length).toBe(2);
    });
  });
});
