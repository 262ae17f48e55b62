import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { fetchListPage, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { Evaluation } from '../database/entities/evaluation.entity';
import { assertEditable, ownedEvaluation } from '../evaluations/evaluations.service';
import { Indicator } from '../database/entities/indicator.entity';
import {
  CreateOutcomeMeasurementDto,
  OutcomeMeasurementResponse,
  UpdateOutcomeMeasurementDto,
} from './dto/outcome-measurement.dto';
import { checkMeasurement } from '../rules/measurement-rules';
import { OUTCOME_MEASUREMENT_LIST } from './outcome-measurements.list';
import { OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';

export function toOutcomeMeasurementResponse(m: OutcomeMeasurement): OutcomeMeasurementResponse {
  return {
    id: m.id,
    organizationId: m.organizationId,
    evaluationId: m.evaluationId,
    indicatorId: m.indicatorId,
    arm: m.arm,
    timepoint: m.timepoint,
    timepointLabel: m.timepointLabel,
    measuredOn: m.measuredOn,
    sex: m.sex,
    ageBand: m.ageBand,
    region: m.region,
    n: m.n,
    events: m.events,
    mean: m.mean,
    sd: m.sd,
    value: m.value,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    version: m.version,
  };
}

async function checkRules(manager: EntityManager, evaluation: Evaluation, m: OutcomeMeasurement, isNew: boolean) {
  const indicator = await manager.findOneBy(Indicator, { id: m.indicatorId });
  if (!indicator) throw ValidationFailedError.forField('indicatorId', `indicator ${m.indicatorId} does not exist`);
  if (isNew && !indicator.active) {
    throw ValidationFailedError.forField('indicatorId', `indicator ${indicator.code} is inactive`);
  }
  checkMeasurement(evaluation.design, indicator, m);
  const duplicate = await manager.findOneBy(OutcomeMeasurement, {
    evaluationId: m.evaluationId,
    indicatorId: m.indicatorId,
    arm: m.arm,
    timepoint: m.timepoint,
    sex: m.sex,
    ageBand: m.ageBand,
    region: m.region,
  });
  if (duplicate && duplicate.id !== m.id) {
    throw new ConflictError(
      `measurement ${duplicate.id} already records ${indicator.code}, ${m.arm} arm, ${m.timepoint} ` +
        `(${m.sex}, ${m.ageBand}, ${m.region}); change that one instead`,
    );
  }
}

/** Outcome measurements: readable with their evaluation, editable while it is a draft or has changes requested. */
@Injectable()
export class OutcomeMeasurementsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rows the actor may read (AccessPolicy): lists, lookups and exports start here. */
  visible(actor: Actor, manager: EntityManager = this.db.manager) {
    const qb = manager
      .getRepository(OutcomeMeasurement)
      .createQueryBuilder('measurement')
      .innerJoin(Evaluation, 'evaluation', 'evaluation.id = measurement.evaluationId');
    return AccessPolicy.scopeEvaluations(actor, qb, 'evaluation');
  }

  /** Measurements of evaluations the actor may change. */
  private owned(actor: Actor, manager: EntityManager) {
    const qb = manager
      .getRepository(OutcomeMeasurement)
      .createQueryBuilder('measurement')
      .innerJoin(Evaluation, 'evaluation', 'evaluation.id = measurement.evaluationId');
    return AccessPolicy.scopeOwnedEvaluations(actor, qb, 'evaluation');
  }

  list(actor: Actor, query: ListQuery): Promise<ListPage<OutcomeMeasurementResponse>> {
    return fetchListPage(this.visible(actor), OUTCOME_MEASUREMENT_LIST, query, toOutcomeMeasurementResponse);
  }

  async get(actor: Actor, id: number): Promise<OutcomeMeasurementResponse> {
    const measurement = await this.visible(actor).andWhere('measurement.id = :id', { id }).getOne();
    if (!measurement) throw new NotFoundError('outcome measurement', id);
    return toOutcomeMeasurementResponse(measurement);
  }

  create(actor: Actor, dto: CreateOutcomeMeasurementDto): Promise<OutcomeMeasurementResponse> {
    return this.db.transaction(async (manager) => {
      // Locking the evaluation serializes entry with submission and approval.
      const evaluation = await ownedEvaluation(manager, actor, dto.evaluationId, 'evaluationId');
      assertEditable(evaluation);
      const measurement = manager.create(OutcomeMeasurement, {
        timepointLabel: '',
        measuredOn: null,
        sex: 'total',
        ageBand: 'total',
        region: 'total',
        events: null,
        mean: null,
        sd: null,
        value: null,
        ...dto,
        organizationId: evaluation.organizationId,
      });
      await checkRules(manager, evaluation, measurement, true);
      const created = toOutcomeMeasurementResponse(await manager.save(measurement));
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'outcome_measurement',
        entityId: created.id,
        subject: { type: 'evaluation', id: evaluation.id },
        after: created,
      });
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateOutcomeMeasurementDto): Promise<OutcomeMeasurementResponse> {
    return this.db.transaction(async (manager) => {
      // The evaluation is locked first, as everywhere else, so that writers never deadlock.
      const current = await this.owned(actor, manager).andWhere('measurement.id = :id', { id }).getOne();
      if (!current) throw new NotFoundError('outcome measurement', id);
      const evaluation = await ownedEvaluation(manager, actor, current.evaluationId);
      const { row, changes } = await lockForUpdate(manager, OutcomeMeasurement, 'outcome measurement', id, dto);
      if (changes.evaluationId !== undefined && changes.evaluationId !== row.evaluationId) {
        throw ValidationFailedError.forField('evaluationId', 'a measurement cannot move to another evaluation');
      }
      assertEditable(evaluation);
      const before = toOutcomeMeasurementResponse(row);
      const measurement: OutcomeMeasurement = Object.assign(row, changes);
      await checkRules(manager, evaluation, measurement, measurement.indicatorId !== before.indicatorId);
      const after = toOutcomeMeasurementResponse(await manager.save(measurement));
      await recordAudit(manager, actor, {
        action: 'update',
        entityType: 'outcome_measurement',
        entityId: id,
        subject: { type: 'evaluation', id: evaluation.id },
        before,
        after,
      });
      return after;
    });
  }

  remove(actor: Actor, id: number): Promise<OutcomeMeasurementResponse> {
    return this.db.transaction(async (manager) => {
      const measurement = await this.owned(actor, manager).andWhere('measurement.id = :id', { id }).getOne();
      if (!measurement) throw new NotFoundError('outcome measurement', id);
      const evaluation = await ownedEvaluation(manager, actor, measurement.evaluationId);
      assertEditable(evaluation);
      const removed = toOutcomeMeasurementResponse(measurement);
      await manager.delete(OutcomeMeasurement, { id });
      await recordAudit(manager, actor, {
        action: 'delete',
        entityType: 'outcome_measurement',
        entityId: id,
        subject: { type: 'evaluation', id: evaluation.id },
        before: removed,
      });
      return removed;
    });
  }
}
