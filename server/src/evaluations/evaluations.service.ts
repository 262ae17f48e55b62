import { Injectable } from '@nestjs/common';
import { assertDateRange } from '../rules/date-range';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import { applyListQuery, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { Grant, GrantProgram } from '../database/entities/grant.entity';
import { Indicator } from '../database/entities/indicator.entity';
import { outcomeSwitching } from '../rules/measurement-rules';
import { MEASUREMENT_VALUE_COLUMNS, OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';
import { Program } from '../database/entities/program.entity';
import { EDITABLE_STATUSES } from '../vocabulary/evaluations';
import { CreateEvaluationDto, EvaluationResponse, UpdateEvaluationDto } from './dto/evaluation.dto';
import { Evaluation, EvaluationComment } from '../database/entities/evaluation.entity';
import { EVALUATION_LIST } from './evaluations.list';

/** The columns an amendment copies from its original's measurements. */
const MEASURED = MEASUREMENT_VALUE_COLUMNS.join(', ');

export function toEvaluationResponse(e: Evaluation, nextRevisionId: number | null): EvaluationResponse {
  return {
    id: e.id,
    organizationId: e.organizationId,
    programId: e.programId,
    grantId: e.grantId,
    title: e.title,
    design: e.design,
    evaluatorType: e.evaluatorType,
    evaluatorName: e.evaluatorName,
    startDate: e.startDate,
    endDate: e.endDate,
    plannedSizes: e.plannedSizes,
    achievedSizes: e.achievedSizes,
    prePostCorrelation: e.prePostCorrelation,
    primaryIndicatorIds: e.primaryIndicatorIds,
    registeredPrimaryIndicatorIds: e.registeredPrimaryIndicatorIds,
    outcomeSwitching: outcomeSwitching(e.registeredPrimaryIndicatorIds, e.primaryIndicatorIds),
    summary: e.summary,
    limitations: e.limitations,
    status: e.status,
    revision: e.revision,
    previousRevisionId: e.previousRevisionId,
    nextRevisionId,
    submittedAt: e.submittedAt,
    reviewedAt: e.reviewedAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}

/** The amendment of each evaluation, if one exists. */
export async function nextRevisionsOf(manager: EntityManager, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const next = await manager.find(Evaluation, {
    select: { id: true, previousRevisionId: true },
    where: { previousRevisionId: In(ids) },
  });
  return new Map(next.map((e) => [e.previousRevisionId!, e.id]));
}

/** 409 unless the evaluation is a draft or has changes requested. */
export function assertEditable(evaluation: Evaluation): void {
  if (EDITABLE_STATUSES.includes(evaluation.status)) return;
  const why = {
    submitted: 'it is submitted and waiting for review',
    approved: 'approved evaluations are locked; amend it to change it',
    superseded: 'it has been superseded by a later revision',
  } as Record<string, string>;
  throw new ConflictError(
    `evaluation ${evaluation.id} is ${evaluation.status}: ${why[evaluation.status] ?? 'not editable'}`,
  ).withCode('not_editable');
}

/** The evaluation as the actor may change it (owning coordinator, admin), locked; 404 otherwise. */
export async function ownedEvaluation(
  manager: EntityManager,
  actor: Actor,
  id: number,
  field?: string,
): Promise<Evaluation> {
  const evaluation = await AccessPolicy.scopeOwnedEvaluations(
    actor,
    manager.getRepository(Evaluation).createQueryBuilder('evaluation'),
  )
    .setLock('pessimistic_write', undefined, ['evaluation'])
    .andWhere('evaluation.id = :id', { id })
    .getOne();
  if (!evaluation) {
    if (field) throw ValidationFailedError.forField(field, `evaluation ${id} does not exist`);
    throw new NotFoundError('evaluation', id);
  }
  return evaluation;
}

async function checkEvaluationRules(manager: EntityManager, actor: Actor, evaluation: Evaluation): Promise<void> {
  assertDateRange(evaluation);
  const program = await AccessPolicy.scopeWritablePrograms(
    actor,
    manager.getRepository(Program).createQueryBuilder('program'),
  )
    .andWhere('program.id = :id', { id: evaluation.programId })
    .getOne();
  if (!program) throw ValidationFailedError.forField('programId', `program ${evaluation.programId} does not exist`);
  if (evaluation.organizationId !== undefined && evaluation.organizationId !== program.organizationId) {
    throw ValidationFailedError.forField('programId', 'must be a program of the same NGO');
  }
  evaluation.organizationId = program.organizationId;
  if (evaluation.grantId !== null) {
    // Only a grant the NGO accepted links its evaluations (PRODUCT.md, hard rule 3).
    const grant = await manager.findOneBy(Grant, {
      id: evaluation.grantId,
      granteeOrganizationId: program.organizationId,
      consent: 'accepted',
    });
    if (!grant) throw ValidationFailedError.forField('grantId', `grant ${evaluation.grantId} does not exist`);
    const funds = await manager.existsBy(GrantProgram, { grantId: grant.id, programId: program.id });
    if (!funds) {
      throw ValidationFailedError.forField(
        'grantId',
        `grant ${grant.reference} does not fund program "${program.name}"`,
      );
    }
  }
  const ids = evaluation.primaryIndicatorIds;
  if (ids.length > 0) {
    const found = new Set((await manager.findBy(Indicator, { id: In(ids) })).map((i) => i.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length)
      throw ValidationFailedError.forField('primaryIndicatorIds', `indicator(s) ${missing.join(', ')} do not exist`);
  }
}

/**
 * Once an evaluation has been submitted, and for every amendment, its reviewer is fixed: the grant
 * may change only to another grant of the same funder (or stay without one). Otherwise a second
 * funder would read the first one's review thread, and approving an amendment would supersede a
 * revision that funder cannot see (500). The owning NGO's coordinators (and admins) see every
 * grant of the NGO, so the check reads with full visibility of what it compares.
 */
async function assertSameReviewer(manager: EntityManager, from: number | null, to: number | null): Promise<void> {
  if (from === to) return;
  const funderOf = async (grantId: number | null) =>
    grantId === null ? null : ((await manager.findOneBy(Grant, { id: grantId }))?.funderOrganizationId ?? null);
  const [before, after] = [await funderOf(from), await funderOf(to)];
  if (before !== after) {
    throw new ConflictError(
      `the evaluation's grant can change only to another grant of the same funder once it has been submitted or is an amendment (its reviewer is fixed); grant ${to ?? 'none'} is not`,
    ).withCode('reviewer_fixed');
  }
}

function sameIds(a: number[], b: number[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

@Injectable()
export class EvaluationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  visible(actor: Actor, manager: EntityManager = this.db.manager) {
    return AccessPolicy.scopeEvaluations(actor, manager.getRepository(Evaluation).createQueryBuilder('evaluation'));
  }

  async findVisible(actor: Actor, id: number, manager: EntityManager = this.db.manager): Promise<Evaluation> {
    const evaluation = await this.visible(actor, manager).andWhere('evaluation.id = :id', { id }).getOne();
    if (!evaluation) throw new NotFoundError('evaluation', id);
    return evaluation;
  }

  /** The evaluation for its reviewer (the grant's funder, or an admin), locked; 404/403 otherwise. */
  async reviewable(manager: EntityManager, actor: Actor, id: number): Promise<Evaluation> {
    const evaluation = await this.visible(actor, manager)
      .setLock('pessimistic_write', undefined, ['evaluation'])
      .andWhere('evaluation.id = :id', { id })
      .getOne();
    if (!evaluation) throw new NotFoundError('evaluation', id);
    const grant = evaluation.grantId === null ? null : await manager.findOneBy(Grant, { id: evaluation.grantId });
    if (!AccessPolicy.mayReview(actor, grant)) {
      throw new ForbiddenError('Only the funder of the evaluation’s grant (or an administrator) reviews it');
    }
    return evaluation;
  }

  async respond(manager: EntityManager, evaluation: Evaluation): Promise<EvaluationResponse> {
    const next = await nextRevisionsOf(manager, [evaluation.id]);
    return toEvaluationResponse(evaluation, next.get(evaluation.id) ?? null);
  }

  async list(actor: Actor, query: ListQuery): Promise<ListPage<EvaluationResponse>> {
    const [rows, total] = await applyListQuery(this.visible(actor), EVALUATION_LIST, query).getManyAndCount();
    const next = await nextRevisionsOf(
      this.db.manager,
      rows.map((e) => e.id),
    );
    const items = rows.map((e) => toEvaluationResponse(e, next.get(e.id) ?? null));
    return new ListPage(EVALUATION_LIST.resource, items, query.range.start, total);
  }

  async get(actor: Actor, id: number): Promise<EvaluationResponse> {
    return this.respond(this.db.manager, await this.findVisible(actor, id));
  }

  create(actor: Actor, dto: CreateEvaluationDto): Promise<EvaluationResponse> {
    return this.db.transaction(async (manager) => {
      const evaluation = manager.create(Evaluation, {
        grantId: null,
        evaluatorName: '',
        endDate: null,
        plannedSizes: {},
        achievedSizes: {},
        prePostCorrelation: 0.5,
        primaryIndicatorIds: [],
        registeredPrimaryIndicatorIds: null,
        summary: '',
        limitations: '',
        status: 'draft',
        revision: 1,
        previousRevisionId: null,
        submittedAt: null,
        reviewedAt: null,
        ...dto,
      });
      await checkEvaluationRules(manager, actor, evaluation);
      const created = toEvaluationResponse(await manager.save(evaluation), null);
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'evaluation',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateEvaluationDto): Promise<EvaluationResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, Evaluation, 'evaluation', id, dto, (qb, alias) =>
        AccessPolicy.scopeOwnedEvaluations(actor, qb, alias),
      );
      assertEditable(row);
      if (
        changes.primaryIndicatorIds !== undefined &&
        row.submittedAt !== null &&
        !sameIds(changes.primaryIndicatorIds, row.primaryIndicatorIds)
      ) {
        throw new ConflictError(
          'the primary outcomes were pre-registered when this revision was first submitted and cannot change now',
        );
      }
      const before = await this.respond(manager, row);
      const reviewedBy = row.previousRevisionId !== null || row.submittedAt !== null ? row.grantId : undefined;
      const evaluation: Evaluation = Object.assign(row, changes);
      await checkEvaluationRules(manager, actor, evaluation);
      if (reviewedBy !== undefined) await assertSameReviewer(manager, reviewedBy, evaluation.grantId);
      const after = await this.respond(manager, await manager.save(evaluation));
      await recordAudit(manager, actor, { action: 'update', entityType: 'evaluation', entityId: id, before, after });
      return after;
    });
  }

  /** Only a draft that was never submitted can go; everything else is history. */
  remove(actor: Actor, id: number): Promise<EvaluationResponse> {
    return this.db.transaction(async (manager) => {
      const evaluation = await ownedEvaluation(manager, actor, id);
      if (evaluation.status !== 'draft' || evaluation.submittedAt !== null) {
        throw new ConflictError(
          `evaluation ${id} is ${evaluation.status} and has been submitted; only unsubmitted drafts can be deleted`,
        );
      }
      const removed = await this.respond(manager, evaluation);
      const measurements = await manager.countBy(OutcomeMeasurement, { evaluationId: id });
      await manager.delete(Evaluation, { id });
      await recordAudit(manager, actor, {
        action: 'delete',
        entityType: 'evaluation',
        entityId: id,
        before: { ...removed, outcomeMeasurements: measurements },
      });
      return removed;
    });
  }

  /** Approved revision n → a draft copy n+1 with its measurements; the original stays approved. */
  amend(actor: Actor, id: number, comment: string | undefined): Promise<EvaluationResponse> {
    return this.db.transaction(async (manager) => {
      const original = await ownedEvaluation(manager, actor, id);
      if (original.status !== 'approved') {
        throw new ConflictError(
          `evaluation ${id} is ${original.status}; only an approved evaluation is amended (edit a draft directly)`,
        );
      }
      const open = await manager.findOneBy(Evaluation, { previousRevisionId: id });
      if (open)
        throw new ConflictError(
          `evaluation ${id} already has an amendment: revision ${open.revision} (evaluation ${open.id})`,
        );
      const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...fields } = original;
      const amendment = await manager.save(
        manager.create(Evaluation, {
          ...fields,
          status: 'draft',
          revision: original.revision + 1,
          previousRevisionId: original.id,
          submittedAt: null,
          reviewedAt: null,
        }),
      );
      const copied: { count: string }[] = await manager.query(
        `WITH copied AS (INSERT INTO outcome_measurements (organization_id, evaluation_id, ${MEASURED}, version)
         SELECT organization_id, $1, ${MEASURED}, 1
         FROM outcome_measurements WHERE evaluation_id = $2 RETURNING 1)
         SELECT count(*) AS count FROM copied`,
        [amendment.id, original.id],
      );
      await manager.insert(EvaluationComment, {
        organizationId: amendment.organizationId,
        evaluationId: amendment.id,
        authorUserId: actor.userId,
        authorName: await authorName(manager, actor),
        authorRole: actor.role,
        kind: 'amended',
        body: comment || `Amendment of revision ${original.revision} (evaluation ${original.id})`,
      });
      const created = toEvaluationResponse(amendment, null);
      await recordAudit(manager, actor, {
        action: 'amend',
        entityType: 'evaluation',
        entityId: amendment.id,
        after: { ...created, copiedMeasurements: Number(copied[0].count) },
      });
      return created;
    });
  }
}

export async function authorName(manager: EntityManager, actor: Actor): Promise<string> {
  const rows: { display_name: string }[] = await manager.query('SELECT display_name FROM users WHERE id = $1', [
    actor.userId,
  ]);
  return rows[0]?.display_name ?? `user ${actor.userId}`;
}
