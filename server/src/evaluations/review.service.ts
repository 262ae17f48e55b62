import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessPolicy } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, UnprocessableError } from '../common/errors';
import { Indicator } from '../database/entities/indicator.entity';
import { submissionProblems } from '../rules/measurement-rules';
import { OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';
import type { CommentKind, EvaluationStatus } from '../vocabulary/evaluations';
import { ChangesResponse, CommentResponse, EvaluationResponse } from './dto/evaluation.dto';
import {
  Evaluation,
  EvaluationComment,
  EvaluationSnapshot,
  EvaluationSubmission,
} from '../database/entities/evaluation.entity';
import { authorName, EvaluationsService, ownedEvaluation, toEvaluationResponse } from './evaluations.service';
import { diffSnapshots } from './submission-diff';

function toCommentResponse(c: EvaluationComment): CommentResponse {
  return {
    id: c.id,
    evaluationId: c.evaluationId,
    authorUserId: c.authorUserId,
    authorName: c.authorName,
    authorRole: c.authorRole,
    kind: c.kind,
    body: c.body,
    createdAt: c.createdAt,
  };
}

/** The evaluation's fields and measurements as a reviewer compares them. */
export async function snapshotOf(manager: EntityManager, evaluation: Evaluation): Promise<EvaluationSnapshot> {
  const {
    id: _i,
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    status: _s,
    submittedAt: _sa,
    reviewedAt: _r,
    ...fields
  } = toEvaluationResponse(evaluation, null);
  const rows = await manager.find(OutcomeMeasurement, {
    where: { evaluationId: evaluation.id },
    order: { indicatorId: 'ASC', arm: 'ASC', timepoint: 'ASC', sex: 'ASC', ageBand: 'ASC', region: 'ASC' },
  });
  const measurements = rows.map((m) => ({
    indicatorId: m.indicatorId,
    arm: m.arm,
    timepoint: m.timepoint,
    sex: m.sex,
    ageBand: m.ageBand,
    region: m.region,
    timepointLabel: m.timepointLabel,
    measuredOn: m.measuredOn,
    n: m.n,
    events: m.events,
    mean: m.mean,
    sd: m.sd,
    value: m.value,
  }));
  const { nextRevisionId: _n, previousRevisionId: _p, revision: _rev, ...compared } = fields;
  return { evaluation: compared, measurements };
}

/** The review workflow: submit, approve, request changes; the thread; what changed. */
/**
 * The comments of `evaluationIds` (which the actor can read) that the actor may follow
 * (AccessPolicy.scopeComments), oldest first unless `newestFirst`.
 */
export function commentThread(manager: EntityManager, actor: Actor, evaluationIds: number[], newestFirst = false) {
  const order = newestFirst ? 'DESC' : 'ASC';
  const qb = manager
    .getRepository(EvaluationComment)
    .createQueryBuilder('comment')
    .where('comment.evaluationId IN (:...evaluationIds)', { evaluationIds })
    .orderBy('comment.createdAt', order)
    .addOrderBy('comment.id', order);
  return AccessPolicy.scopeComments(actor, qb);
}

@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluations: EvaluationsService,
  ) {}

  submit(actor: Actor, id: number, version: number, comment?: string): Promise<EvaluationResponse> {
    return this.db.transaction(async (manager) => {
      const evaluation = await ownedEvaluation(manager, actor, id);
      this.assertTransition(evaluation, version, ['draft', 'changes_requested'], 'submitted');
      const measurements = await manager.find(OutcomeMeasurement, {
        select: { indicatorId: true, arm: true, timepoint: true, sex: true, ageBand: true, region: true },
        where: { evaluationId: id },
      });
      const indicators = await manager.findBy(Indicator, { id: In(evaluation.primaryIndicatorIds) });
      const problems = submissionProblems({
        design: evaluation.design,
        summary: evaluation.summary,
        primaryIndicatorIds: evaluation.primaryIndicatorIds,
        plannedSizes: evaluation.plannedSizes,
        achievedSizes: evaluation.achievedSizes,
        measurements: measurements.map((m) => ({
          indicatorId: m.indicatorId,
          arm: m.arm,
          timepoint: m.timepoint,
          total: m.sex === 'total' && m.ageBand === 'total' && m.region === 'total',
        })),
        indicatorCodes: new Map(indicators.map((i) => [i.id, i.code])),
      });
      if (problems.length > 0) {
        throw new UnprocessableError(
          `evaluation ${id} is not ready to submit: ${problems.map((p) => p.message).join('; ')}`,
          problems,
        ).withCode('not_ready');
      }
      const before = toEvaluationResponse(evaluation, null);
      evaluation.status = 'submitted';
      evaluation.submittedAt = new Date();
      evaluation.registeredPrimaryIndicatorIds ??= [...evaluation.primaryIndicatorIds];
      const saved = await manager.save(evaluation);
      await manager.save(
        manager.create(EvaluationSubmission, {
          organizationId: saved.organizationId,
          evaluationId: id,
          submittedByUserId: actor.userId,
          snapshot: await snapshotOf(manager, saved),
        }),
      );
      return this.finish(manager, actor, saved, before, 'submit', 'submitted', comment);
    });
  }

  approve(actor: Actor, id: number, version: number, comment?: string): Promise<EvaluationResponse> {
    return this.db.transaction(async (manager) => {
      const evaluation = await this.evaluations.reviewable(manager, actor, id);
      this.assertTransition(evaluation, version, ['submitted'], 'approved');
      const before = toEvaluationResponse(evaluation, null);
      evaluation.status = 'approved';
      evaluation.reviewedAt = new Date();
      const saved = await manager.save(evaluation);
      if (saved.previousRevisionId !== null) {
        const previous = await manager.findOneByOrFail(Evaluation, { id: saved.previousRevisionId });
        const previousBefore = toEvaluationResponse(previous, saved.id);
        previous.status = 'superseded';
        const superseded = await manager.save(previous);
        await recordAudit(manager, actor, {
          action: 'supersede',
          entityType: 'evaluation',
          entityId: previous.id,
          before: previousBefore,
          after: toEvaluationResponse(superseded, saved.id),
        });
      }
      return this.finish(manager, actor, saved, before, 'approve', 'approved', comment);
    });
  }

  requestChanges(actor: Actor, id: number, version: number, comment: string): Promise<EvaluationResponse> {
    return this.db.transaction(async (manager) => {
      const evaluation = await this.evaluations.reviewable(manager, actor, id);
      this.assertTransition(evaluation, version, ['submitted'], 'changes_requested');
      const before = toEvaluationResponse(evaluation, null);
      evaluation.status = 'changes_requested';
      evaluation.reviewedAt = new Date();
      const saved = await manager.save(evaluation);
      return this.finish(manager, actor, saved, before, 'request_changes', 'changes_requested', comment);
    });
  }

  /** The discussion of an evaluation, as far as the actor may follow it (AccessPolicy.scopeComments). */
  async comments(actor: Actor, id: number): Promise<CommentResponse[]> {
    await this.evaluations.findVisible(actor, id);
    return (await commentThread(this.db.manager, actor, [id]).getMany()).map(toCommentResponse);
  }

  addComment(actor: Actor, id: number, body: string): Promise<CommentResponse> {
    return this.db.transaction(async (manager) => {
      const evaluation = await this.evaluations.findVisible(actor, id, manager);
      const comment = await this.writeComment(manager, actor, evaluation, 'comment', body);
      await recordAudit(manager, actor, {
        action: 'comment',
        entityType: 'evaluation_comment',
        entityId: comment.id,
        subject: { type: 'evaluation', id },
        after: comment,
      });
      return comment;
    });
  }

  /**
   * What changed since the reviewer last looked: against the previous submission of this
   * revision, or, for an amendment, against the last submission of the revision it amends.
   */
  async changes(actor: Actor, id: number): Promise<ChangesResponse> {
    const evaluation = await this.evaluations.findVisible(actor, id);
    const manager = this.db.manager;
    const own = await manager.find(EvaluationSubmission, {
      where: { evaluationId: id },
      order: { submittedAt: 'DESC', id: 'DESC' },
      take: 2,
    });
    // While submitted, the newest submission is what is under review: compare with the one before.
    const candidates = evaluation.status === 'submitted' ? own.slice(1) : own;
    let base: EvaluationSubmission | null = candidates[0] ?? null;
    if (!base && evaluation.previousRevisionId !== null) {
      base = await manager.findOne(EvaluationSubmission, {
        where: { evaluationId: evaluation.previousRevisionId },
        order: { submittedAt: 'DESC', id: 'DESC' },
      });
    }
    const current = await snapshotOf(manager, evaluation);
    const baseEvaluation = base ? await manager.findOneBy(Evaluation, { id: base.evaluationId }) : null;
    return {
      since: base
        ? { evaluationId: base.evaluationId, revision: baseEvaluation?.revision ?? 1, submittedAt: base.submittedAt }
        : null,
      ...diffSnapshots(base?.snapshot ?? null, current),
    };
  }

  private assertTransition(
    evaluation: Evaluation,
    version: number,
    from: EvaluationStatus[],
    to: EvaluationStatus,
  ): void {
    if (evaluation.version !== version) {
      throw new ConflictError(
        `evaluation ${evaluation.id} was changed by someone else (your version ${version}, current ${evaluation.version}); reload and try again`,
      ).withCode('stale_version');
    }
    if (!from.includes(evaluation.status)) {
      throw new ConflictError(
        `evaluation ${evaluation.id} is ${evaluation.status}; it can become ${to} only from ${from.join(' or ')}`,
      ).withCode('wrong_status');
    }
  }

  private async writeComment(
    manager: EntityManager,
    actor: Actor,
    evaluation: Evaluation,
    kind: CommentKind,
    body: string,
  ): Promise<CommentResponse> {
    const comment = await manager.save(
      manager.create(EvaluationComment, {
        organizationId: evaluation.organizationId,
        evaluationId: evaluation.id,
        authorUserId: actor.userId,
        authorName: await authorName(manager, actor),
        authorRole: actor.role,
        kind,
        body,
      }),
    );
    return toCommentResponse(comment);
  }

  private async finish(
    manager: EntityManager,
    actor: Actor,
    saved: Evaluation,
    before: EvaluationResponse,
    action: 'submit' | 'approve' | 'request_changes',
    kind: CommentKind,
    comment: string | undefined,
  ): Promise<EvaluationResponse> {
    await this.writeComment(manager, actor, saved, kind, comment ?? '');
    const after = await this.evaluations.respond(manager, saved);
    await recordAudit(manager, actor, { action, entityType: 'evaluation', entityId: saved.id, before, after });
    return after;
  }
}
