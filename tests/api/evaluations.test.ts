import { api, ErrorBody, listQuery } from '../support/api';
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
import { createToken, createUser } from '../support/sessions';

interface Comment {
  authorName: string;
  authorRole: string;
  kind: string;
  body: string;
}

/**
 * Evaluations, outcome measurements and the review workflow: every rule of issue 4 and each
 * 4xx path (wrong arm, events > n, negative sd, out-of-range value, duplicate, edit after
 * approval, stale version, reviewer from another funder, submit with missing data).
 */
describe('evaluations, outcome measurements and review', () => {
  let ngoId: number;
  let programId: number;
  let grantId: number;
  let proportion: Indicator;
  let knowledge: Indicator;
  let hotlineTips: Indicator;
  let tokens: Record<'coordinator' | 'coordinator2' | 'funder' | 'funder2' | 'researcher', string>;

  const as = (token: string | undefined) => ({ token });

  beforeAll(async () => {
    ngoId = (await createOrganization()).id;
    programId = (await createProgram(ngoId)).id;
    const coordinator = await createUser('coordinator', ngoId);
    const funder = await createUser('funder');
    grantId = (await createGrant(funder.organizationId, ngoId, [programId])).id;
    proportion = await createIndicator();
    knowledge = await createIndicator({ measureType: 'mean', minValue: 0, maxValue: 20, unit: 'score (0–20)' });
    hotlineTips = await createIndicator({ measureType: 'count', minValue: 0, maxValue: null });
    tokens = {
      coordinator: await createToken(coordinator, 'write'),
      coordinator2: await createToken(await createUser('coordinator'), 'write'),
      funder: await createToken(funder, 'write'),
      funder2: await createToken(await createUser('funder'), 'write'),
      researcher: await createToken(await createUser('researcher'), 'write'),
    };
  });

  const newEvaluation = async (overrides: Record<string, unknown> = {}) => {
    const response = await api<Evaluation>(
      'POST',
      '/api/evaluations',
      evaluationInput(programId, { grantId, primaryIndicatorIds: [proportion.id], ...overrides }),
      as(tokens.coordinator),
    );
    expect(response.status).toBe(201);
    return response.body;
  };

  const measure = (evaluationId: number, body: Record<string, unknown>, token = tokens.coordinator) =>
    api<Measurement & ErrorBody>(
      'POST',
      '/api/outcome-measurements',
      { evaluationId, indicatorId: proportion.id, arm: 'treatment', timepoint: 'post', n: 180, events: 120, ...body },
      as(token),
    );

  const current = async (id: number, token = tokens.coordinator) =>
    (await api<Evaluation>('GET', `/api/evaluations/${id}`, undefined, as(token))).body;

  const act = async (id: number, action: string, token: string, body: Record<string, unknown> = {}) =>
    api<Evaluation & ErrorBody>(
      'POST',
      `/api/evaluations/${id}/${action}`,
      { version: (await current(id, tokens.coordinator)).version, ...body },
      as(token),
    );

  /** An rct evaluation with complete post data for its primary outcome. */
  const readyEvaluation = async () => {
    const evaluation = await newEvaluation();
    for (const [arm, timepoint, n, events] of [
      ['treatment', 'baseline', 200, 60],
      ['comparison', 'baseline', 200, 58],
      ['treatment', 'post', 180, 120],
      ['comparison', 'post', 170, 70],
    ] as const) {
      expect((await measure(evaluation.id, { arm, timepoint, n, events })).status).toBe(201);
    }
    return evaluation;
  };

  it('creates a draft for the coordinator’s own program and grant', async () => {
    const evaluation = await newEvaluation();
    expect(evaluation).toMatchObject({
      organizationId: ngoId,
      status: 'draft',
      revision: 1,
      prePostCorrelation: 0.5,
      registeredPrimaryIndicatorIds: null,
      outcomeSwitching: null,
      nextRevisionId: null,
      plannedSizes: { treatment: 200, comparison: 200 },
    });
  });

  it('refuses another NGO’s program, a grant that does not fund the program and unknown indicators', async () => {
    const foreignProgram = await createProgram((await createOrganization()).id);
    const foreign = await api<ErrorBody>(
      'POST',
      '/api/evaluations',
      evaluationInput(foreignProgram.id),
      as(tokens.coordinator),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.details?.[0].field).toBe('programId');

    const otherProgram = await createProgram(ngoId);
    const unfunded = await api<ErrorBody>(
      'POST',
      '/api/evaluations',
      evaluationInput(otherProgram.id, { grantId }),
      as(tokens.coordinator),
    );
    expect(unfunded.status).toBe(400);
    expect(unfunded.body.message).toContain('does not fund program');

    const unknown = await api<ErrorBody>(
      'POST',
      '/api/evaluations',
      evaluationInput(programId, { primaryIndicatorIds: [2147483000] }),
      as(tokens.coordinator),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.details?.[0].field).toBe('primaryIndicatorIds');

    const badSizes = await api<ErrorBody>(
      'POST',
      '/api/evaluations',
      evaluationInput(programId, { plannedSizes: { treatment: -1, placebo: 3 } }),
      as(tokens.coordinator),
    );
    expect(badSizes.status).toBe(400);
    expect(badSizes.body.details?.map((d) => d.field).sort()).toEqual([
      'plannedSizes.placebo',
      'plannedSizes.treatment',
    ]);

    expect((await api('POST', '/api/evaluations', evaluationInput(programId), as(tokens.funder))).status).toBe(403);
  });

  describe('outcome measurements', () => {
    let evaluationId: number;
    beforeAll(async () => {
      evaluationId = (await newEvaluation()).id;
    });

    it.each([
      ['an arm the design does not use', { arm: 'single' }, 'arm', 'uses the treatment and comparison arm(s)'],
      ['events above n', { n: 100, events: 101 }, 'events', 'must be at most n (100)'],
      ['a negative sd', { indicatorId: 0, mean: 10, sd: -1, events: null }, 'sd', 'must not be less than 0'],
      ['a mean outside the plausible range', { indicatorId: 0, mean: 25, sd: 3, events: null }, 'mean', '(0–20)'],
      ['a proportion without events', { events: null }, 'events', 'is required'],
      ['a value for a proportion', { value: 3 }, 'value', 'is not used by'],
      ['n of zero', { n: 0 }, 'n', 'must not be less than 1'],
      ['a non-integer n', { n: 10.5 }, 'n', 'integer'],
      ['a region that is not a code', { region: 'North' }, 'region', 'ISO 3166'],
      ['an unknown timepoint', { timepoint: 'midline' }, 'timepoint', 'must be one of baseline, post, follow_up'],
    ])('refuses %s with a 400 naming the field', async (_name, body, field, message) => {
      const withIndicator =
        (body as { indicatorId?: number }).indicatorId === 0 ? { ...body, indicatorId: knowledge.id } : body;
      const response = await measure(evaluationId, withIndicator);
      expect(response.status).toBe(400);
      expect(response.body.details).toMatchObject([{ field, message: expect.stringContaining(message) as string }]);
    });

    it('stores each measure type and refuses a duplicate combination with a 409', async () => {
      const stored = await measure(evaluationId, { sex: 'female', ageBand: '12_14', region: 'ph-00' });
      expect(stored.status).toBe(201);
      expect(stored.body).toMatchObject({ region: 'PH-00', events: 120, mean: null, organizationId: ngoId });
      const duplicate = await measure(evaluationId, { sex: 'female', ageBand: '12_14', region: 'PH-00', events: 100 });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.message).toContain(`measurement ${stored.body.id} already records`);

      const mean = await measure(evaluationId, { indicatorId: knowledge.id, events: null, mean: 14.2, sd: 3.1 });
      expect(mean.status).toBe(201);
      const count = await measure(evaluationId, { indicatorId: hotlineTips.id, events: null, value: 4578 });
      expect(count.status).toBe(201);

      const stale = await api<ErrorBody>(
        'PUT',
        `/api/outcome-measurements/${mean.body.id}`,
        { version: 1, mean: 15 },
        as(tokens.coordinator),
      );
      expect(stale.status).toBe(200);
      const again = await api<ErrorBody>(
        'PUT',
        `/api/outcome-measurements/${mean.body.id}`,
        { version: 1, mean: 16 },
        as(tokens.coordinator),
      );
      expect(again.status).toBe(409);
    });

    it('keeps measurements within the tenant', async () => {
      const stored = await measure(evaluationId, { sex: 'male' });
      expect(
        (await api('GET', `/api/outcome-measurements/${stored.body.id}`, undefined, as(tokens.coordinator2))).status,
      ).toBe(404);
      expect((await measure(evaluationId, { sex: 'other' }, tokens.coordinator2)).status).toBe(400);
      expect((await measure(evaluationId, { sex: 'other' }, tokens.funder)).status).toBe(403);
      expect(
        (await api('DELETE', `/api/outcome-measurements/${stored.body.id}`, undefined, as(tokens.coordinator2))).status,
      ).toBe(404);
      // A draft is the NGO's work in progress: the funder does not see it yet.
      expect((await api('GET', `/api/evaluations/${evaluationId}`, undefined, as(tokens.funder))).status).toBe(404);
    });
  });

  it('refuses to submit until the data are complete, listing what is missing', async () => {
    const empty = await newEvaluation({ primaryIndicatorIds: [], plannedSizes: { single: 10 } });
    const refused = await act(empty.id, 'submit', tokens.coordinator);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('not_ready');
    expect(refused.body.details).toEqual(
      expect.arrayContaining([
        { field: 'primaryIndicatorIds', message: 'name at least one primary outcome', code: 'no_primary_outcome' },
        { field: 'outcomeMeasurements', message: 'no outcome measurements are recorded', code: 'no_measurements' },
        {
          field: 'plannedSizes.single',
          message: expect.stringContaining('no single arm') as string,
          code: 'arm_not_in_design',
        },
      ]),
    );

    const partial = await newEvaluation();
    await measure(partial.id, { arm: 'treatment', timepoint: 'post' });
    const missingPost = await act(partial.id, 'submit', tokens.coordinator);
    expect(missingPost.status).toBe(422);
    expect(missingPost.body.details).toMatchObject([
      {
        field: 'primaryIndicatorIds',
        message: `primary outcome ${proportion.code} has no post data for the comparison arm`,
      },
    ]);

    // Arms that stopped matching when the design changed are caught at submission.
    await api(
      'PUT',
      `/api/evaluations/${partial.id}`,
      { version: partial.version, design: 'pre_post', plannedSizes: {}, achievedSizes: {} },
      as(tokens.coordinator),
    );
    const wrongArms = await act(partial.id, 'submit', tokens.coordinator);
    expect(wrongArms.status).toBe(422);
    expect(wrongArms.body.details?.map((d) => d.message)).toContain(
      '1 measurement(s) use the treatment arm, but a pre_post evaluation uses single',
    );
    expect((await current(partial.id)).status).toBe('draft');
  });

  it('runs the whole review: submit, request changes, resubmit, approve, locked, amend', async () => {
    const evaluation = await readyEvaluation();
    const submitted = await act(evaluation.id, 'submit', tokens.coordinator, { comment: 'Ready for review' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', registeredPrimaryIndicatorIds: [proportion.id] });
    expect(submitted.body.submittedAt).not.toBeNull();

    // Submitted: nothing can be edited, and the primary outcomes are registered.
    const edit = await api<ErrorBody>(
      'PUT',
      `/api/evaluations/${evaluation.id}`,
      { version: submitted.body.version, title: 'x' },
      as(tokens.coordinator),
    );
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('not_editable');
    expect(edit.body.message).toContain('is submitted');
    expect((await measure(evaluation.id, { sex: 'female' })).status).toBe(409);
    expect((await act(evaluation.id, 'submit', tokens.coordinator)).status).toBe(409);

    // Reviewers: the coordinator may not approve; another funder cannot even see it.
    expect((await act(evaluation.id, 'approve', tokens.coordinator)).status).toBe(403);
    expect((await act(evaluation.id, 'approve', tokens.funder2)).status).toBe(404);
    expect((await act(evaluation.id, 'approve', tokens.researcher)).status).toBe(403);
    const noComment = await act(evaluation.id, 'request-changes', tokens.funder, { comment: '  ' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details?.[0].field).toBe('comment');
    const stale = await api<ErrorBody & { code: string }>(
      'POST',
      `/api/evaluations/${evaluation.id}/request-changes`,
      { version: 1, comment: 'x' },
      as(tokens.funder),
    );
    expect(stale.status).toBe(409);

    const changes = await act(evaluation.id, 'request-changes', tokens.funder, {
      comment: 'Comparison post n looks wrong',
    });
    expect(changes.status).toBe(200);
    expect(changes.body.status).toBe('changes_requested');

    // The coordinator fixes one value and resubmits; the primary outcomes stay registered.
    const measurements = await api<Measurement[]>(
      'GET',
      `/api/outcome-measurements${listQuery({ filter: { evaluationId: evaluation.id } })}`,
      undefined,
      as(tokens.coordinator),
    );
    const comparisonPost = measurements.body.find((m) => m.arm === 'comparison' && m.timepoint === 'post')!;
    const fixed = await api<Measurement>(
      'PUT',
      `/api/outcome-measurements/${comparisonPost.id}`,
      { ...comparisonPost, n: 175 },
      as(tokens.coordinator),
    );
    expect(fixed.status).toBe(200);
    const switching = await api<ErrorBody>(
      'PUT',
      `/api/evaluations/${evaluation.id}`,
      { version: changes.body.version, primaryIndicatorIds: [knowledge.id] },
      as(tokens.coordinator),
    );
    expect(switching.status).toBe(409);
    expect(switching.body.message).toContain('pre-registered');
    expect((await act(evaluation.id, 'submit', tokens.coordinator)).status).toBe(200);

    const diff = await api<{
      since: unknown;
      fields: unknown[];
      measurements: { changed: { before: unknown; after: unknown }[]; added: unknown[] };
    }>('GET', `/api/evaluations/${evaluation.id}/changes`, undefined, as(tokens.funder));
    expect(diff.status).toBe(200);
    expect(diff.body.since).not.toBeNull();
    expect(diff.body.fields).toEqual([]);
    expect(diff.body.measurements.added).toEqual([]);
    expect(diff.body.measurements.changed).toEqual([
      {
        key: {
          indicatorId: proportion.id,
          arm: 'comparison',
          timepoint: 'post',
          sex: 'total',
          ageBand: 'total',
          region: 'total',
        },
        before: { n: 170 },
        after: { n: 175 },
      },
    ]);

    const approved = await act(evaluation.id, 'approve', tokens.funder, { comment: 'Thank you' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    // Approved is locked.
    const locked = await api<ErrorBody>(
      'PUT',
      `/api/outcome-measurements/${comparisonPost.id}`,
      { ...fixed.body, n: 150 },
      as(tokens.coordinator),
    );
    expect(locked.status).toBe(409);
    expect(locked.body.message).toContain('approved evaluations are locked');
    expect(
      (await api('DELETE', `/api/outcome-measurements/${comparisonPost.id}`, undefined, as(tokens.coordinator))).status,
    ).toBe(409);
    expect((await api('DELETE', `/api/evaluations/${evaluation.id}`, undefined, as(tokens.coordinator))).status).toBe(
      409,
    );

    // The thread holds every step, with author and role.
    const thread = await api<Comment[]>(
      'GET',
      `/api/evaluations/${evaluation.id}/comments`,
      undefined,
      as(tokens.coordinator),
    );
    expect(thread.body.map((c) => [c.kind, c.authorRole])).toEqual([
      ['submitted', 'coordinator'],
      ['changes_requested', 'funder'],
      ['submitted', 'coordinator'],
      ['approved', 'funder'],
    ]);
    expect(thread.body[1].body).toBe('Comparison post n looks wrong');
    const reply = await api<Comment>(
      'POST',
      `/api/evaluations/${evaluation.id}/comments`,
      { body: 'Fixed, thanks' },
      as(tokens.coordinator),
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ kind: 'comment', authorRole: 'coordinator', authorName: 'Test coordinator' });
    expect(
      (await api('POST', `/api/evaluations/${evaluation.id}/comments`, { body: 'x' }, as(tokens.coordinator2))).status,
    ).toBe(404);

    // Amend: version 2 is a draft copy with the measurements; version 1 stays approved.
    const amended = await api<Evaluation>(
      'POST',
      `/api/evaluations/${evaluation.id}/amend`,
      { comment: 'Adding the follow-up wave' },
      as(tokens.coordinator),
    );
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({
      status: 'draft',
      revision: 2,
      previousRevisionId: evaluation.id,
      registeredPrimaryIndicatorIds: [proportion.id],
    });
    const copies = await api<Measurement[]>(
      'GET',
      `/api/outcome-measurements${listQuery({ filter: { evaluationId: amended.body.id } })}`,
      undefined,
      as(tokens.coordinator),
    );
    expect(copies.body).toHaveLength(4);
    expect((await current(evaluation.id)).status).toBe('approved');
    expect((await current(evaluation.id)).nextRevisionId).toBe(amended.body.id);
    expect((await api('POST', `/api/evaluations/${evaluation.id}/amend`, {}, as(tokens.coordinator))).status).toBe(409);
    expect((await api('POST', `/api/evaluations/${amended.body.id}/amend`, {}, as(tokens.coordinator))).status).toBe(
      409,
    );
    // The funder still reads version 1 while version 2 is a draft.
    expect((await api('GET', `/api/evaluations/${evaluation.id}`, undefined, as(tokens.funder))).status).toBe(200);
    expect((await api('GET', `/api/evaluations/${amended.body.id}`, undefined, as(tokens.funder))).status).toBe(404);

    // Switching the primary outcome in the amendment is shown as outcome switching.
    await measure(amended.body.id, { indicatorId: knowledge.id, events: null, mean: 15.1, sd: 2.9 });
    await measure(amended.body.id, { indicatorId: knowledge.id, arm: 'comparison', events: null, mean: 12.4, sd: 3.2 });
    const switched = await api<Evaluation>(
      'PUT',
      `/api/evaluations/${amended.body.id}`,
      { ...amended.body, primaryIndicatorIds: [knowledge.id] },
      as(tokens.coordinator),
    );
    expect(switched.status).toBe(200);
    expect(switched.body.outcomeSwitching).toEqual({ added: [knowledge.id], removed: [proportion.id] });
    expect((await act(amended.body.id, 'submit', tokens.coordinator)).status).toBe(200);
    const reviewView = await current(amended.body.id, tokens.funder);
    expect(reviewView.outcomeSwitching).toEqual({ added: [knowledge.id], removed: [proportion.id] });
    const amendmentDiff = await api<{ since: { evaluationId: number }; fields: { field: string }[] }>(
      'GET',
      `/api/evaluations/${amended.body.id}/changes`,
      undefined,
      as(tokens.funder),
    );
    expect(amendmentDiff.body.since.evaluationId).toBe(evaluation.id);
    expect(amendmentDiff.body.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['primaryIndicatorIds', 'outcomeSwitching']),
    );

    expect((await act(amended.body.id, 'approve', tokens.funder)).status).toBe(200);
    expect((await current(evaluation.id)).status).toBe('superseded');
    expect((await current(amended.body.id)).status).toBe('approved');

    // Every step is in the evaluation's history, readable by its NGO and not by others.
    const history = await api<{ action: string; entityType: string }[]>(
      'GET',
      `/api/audit-events${listQuery({ filter: { subjectType: 'evaluation', subjectId: String(evaluation.id) }, range: [0, 99] })}`,
      undefined,
      as(tokens.coordinator),
    );
    const actions = history.body.map((e) => `${e.entityType}:${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'evaluation:create',
        'outcome_measurement:create',
        'evaluation:submit',
        'evaluation:request_changes',
        'outcome_measurement:update',
        'evaluation:approve',
        'evaluation_comment:comment',
        'evaluation:supersede',
      ]),
    );
    expect(
      (
        await api(
          'GET',
          `/api/audit-events${listQuery({ filter: { subjectType: 'evaluation', subjectId: String(evaluation.id) } })}`,
          undefined,
          as(tokens.coordinator2),
        )
      ).status,
    ).toBe(404);
  });

  it('lets one of two concurrent approvals win and the other get a 409', async () => {
    const evaluation = await readyEvaluation();
    await act(evaluation.id, 'submit', tokens.coordinator);
    const version = (await current(evaluation.id)).version;
    const results = await Promise.all([
      api('POST', `/api/evaluations/${evaluation.id}/approve`, { version }, as(tokens.funder)),
      api(
        'POST',
        `/api/evaluations/${evaluation.id}/request-changes`,
        { version, comment: 'More detail' },
        as(tokens.funder),
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('deletes an unsubmitted draft with its measurements, and nothing that was submitted', async () => {
    const draft = await readyEvaluation();
    expect((await api('DELETE', `/api/evaluations/${draft.id}`, undefined, as(tokens.coordinator2))).status).toBe(404);
    expect((await api('DELETE', `/api/evaluations/${draft.id}`, undefined, as(tokens.coordinator))).status).toBe(200);
    expect((await api('GET', `/api/evaluations/${draft.id}`, undefined, as(tokens.coordinator))).status).toBe(404);
    const measurements = await api<unknown[]>(
      'GET',
      `/api/outcome-measurements${listQuery({ filter: { evaluationId: draft.id } })}`,
    );
    expect(measurements.body).toEqual([]);
  });

  it('keeps an indicator in use (409) and lets it be deactivated', async () => {
    const used = await createIndicator();
    const evaluation = await newEvaluation();
    await measure(evaluation.id, { indicatorId: used.id });
    const removal = await api<ErrorBody>('DELETE', `/api/indicators/${used.id}`);
    expect(removal.status).toBe(409);
    const deactivated = await api<Indicator & { active: boolean }>('PUT', `/api/indicators/${used.id}`, {
      version: used.version,
      active: false,
    });
    expect(deactivated.body.active).toBe(false);
    const inactive = await measure(evaluation.id, { indicatorId: used.id, arm: 'comparison' });
    expect(inactive.status).toBe(400);
    expect(inactive.body.message).toContain('inactive');
  });
});
