import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import { fetchListPage, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { Indicator } from '../database/entities/indicator.entity';
import { assertPlausible } from '../rules/plausible-range';
import { CreateTargetDto, TargetResponse, UpdateTargetDto } from './dto/target.dto';
import { ReportingPeriod, Target } from '../database/entities/grant.entity';
import { TARGET_LIST } from './grants.list';
import { joinGrant, writableGrant } from './reporting-periods.service';
import { targetProgress } from '../rules/reporting-schedule';

export function toTargetResponse(t: Target, indicator: Pick<Indicator, 'direction'>): TargetResponse {
  return {
    id: t.id,
    grantId: t.grantId,
    reportingPeriodId: t.reportingPeriodId,
    indicatorId: t.indicatorId,
    sex: t.sex,
    ageBand: t.ageBand,
    region: t.region,
    baselineValue: t.baselineValue,
    targetValue: t.targetValue,
    actualValue: t.actualValue,
    comment: t.comment,
    progress: targetProgress(indicator.direction, t.baselineValue, t.targetValue, t.actualValue),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    version: t.version,
  };
}

async function indicatorFor(manager: EntityManager, id: number): Promise<Indicator> {
  const indicator = await manager.findOneBy(Indicator, { id });
  if (!indicator) throw ValidationFailedError.forField('indicatorId', `indicator ${id} does not exist`);
  return indicator;
}

async function periodOfGrant(manager: EntityManager, grantId: number, periodId: number): Promise<ReportingPeriod> {
  const period = await manager.findOneBy(ReportingPeriod, { id: periodId });
  if (!period || period.grantId !== grantId) {
    throw ValidationFailedError.forField(
      'reportingPeriodId',
      `reporting period ${periodId} is not a period of grant ${grantId}`,
    );
  }
  return period;
}

function checkValues(indicator: Indicator, target: Target): void {
  assertPlausible(indicator, 'baselineValue', target.baselineValue);
  assertPlausible(indicator, 'targetValue', target.targetValue);
  assertPlausible(indicator, 'actualValue', target.actualValue);
}

async function assertUnique(manager: EntityManager, target: Target): Promise<void> {
  const existing = await manager.findOneBy(Target, {
    reportingPeriodId: target.reportingPeriodId,
    indicatorId: target.indicatorId,
    sex: target.sex,
    ageBand: target.ageBand,
    region: target.region,
  });
  if (existing && existing.id !== target.id) {
    throw new ConflictError(
      `target ${existing.id} already covers this indicator, period and disaggregation (${target.sex}, ${target.ageBand}, ${target.region})`,
    );
  }
}

/** Grant targets: the funder sets them, the grantee reports the actual values (AccessPolicy.targetFieldsFor). */
@Injectable()
export class TargetsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rows the actor may read (AccessPolicy): lists, lookups and exports start here. */
  visible(actor: Actor, manager: EntityManager = this.db.manager) {
    const qb = manager
      .getRepository(Target)
      .createQueryBuilder('target')
      .innerJoinAndSelect('target.indicator', 'indicator');
    return AccessPolicy.scopeGrants(actor, joinGrant(qb, 'target'));
  }

  list(actor: Actor, query: ListQuery): Promise<ListPage<TargetResponse>> {
    return fetchListPage(this.visible(actor), TARGET_LIST, query, (t) => toTargetResponse(t, t.indicator!));
  }

  async get(actor: Actor, id: number): Promise<TargetResponse> {
    const target = await this.visible(actor).andWhere('target.id = :id', { id }).getOne();
    if (!target) throw new NotFoundError('target', id);
    return toTargetResponse(target, target.indicator!);
  }

  create(actor: Actor, dto: CreateTargetDto): Promise<TargetResponse> {
    if (!AccessPolicy.maySetTargets(actor)) {
      throw new ForbiddenError('Targets are set by the grant’s funder; grantees report the actual values');
    }
    return this.db.transaction(async (manager) => {
      const period = await manager.findOneBy(ReportingPeriod, { id: dto.reportingPeriodId });
      if (!period)
        throw ValidationFailedError.forField(
          'reportingPeriodId',
          `reporting period ${dto.reportingPeriodId} does not exist`,
        );
      const grant = await writableGrant(manager, actor, period.grantId);
      if (grant.consent !== 'accepted') {
        throw new ConflictError(
          `grant ${grant.id} is ${grant.consent}: targets are set on grants the grantee accepted`,
        );
      }
      const indicator = await indicatorFor(manager, dto.indicatorId);
      if (!indicator.active)
        throw ValidationFailedError.forField('indicatorId', `indicator ${indicator.code} is inactive`);
      const target = manager.create(Target, {
        sex: 'total',
        ageBand: 'total',
        region: 'total',
        baselineValue: null,
        actualValue: null,
        comment: '',
        ...dto,
        grantId: grant.id,
        organizationId: grant.granteeOrganizationId,
      });
      checkValues(indicator, target);
      await assertUnique(manager, target);
      const created = toTargetResponse(await manager.save(target), indicator);
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'target',
        entityId: created.id,
        subject: { type: 'grant', id: grant.id },
        after: created,
      });
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateTargetDto): Promise<TargetResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, Target, 'target', id, dto, (qb, alias) =>
        AccessPolicy.scopeTargetGrants(actor, joinGrant(qb, alias)),
      );
      const allowed = AccessPolicy.targetFieldsFor(actor);
      if (allowed !== 'all') {
        const refused = Object.entries(changes)
          .filter(
            ([field, value]) => !allowed.has(field) && value !== undefined && value !== row[field as keyof Target],
          )
          .map(([field]) => field);
        if (refused.length > 0) {
          throw new ForbiddenError(
            !AccessPolicy.maySetTargets(actor)
              ? `Grantees report actualValue and comment; ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} set by the funder`
              : `The funder sets targets; ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} reported by the grantee`,
          );
        }
      }
      if (changes.reportingPeriodId !== undefined) await periodOfGrant(manager, row.grantId, changes.reportingPeriodId);
      const indicatorBefore = await indicatorFor(manager, row.indicatorId);
      const before = toTargetResponse(row, indicatorBefore);
      const target: Target = Object.assign(row, changes);
      const indicator =
        target.indicatorId === indicatorBefore.id ? indicatorBefore : await indicatorFor(manager, target.indicatorId);
      checkValues(indicator, target);
      await assertUnique(manager, target);
      const after = toTargetResponse(await manager.save(target), indicator);
      await recordAudit(manager, actor, {
        action: 'update',
        entityType: 'target',
        entityId: id,
        subject: { type: 'grant', id: row.grantId },
        before,
        after,
      });
      return after;
    });
  }

  remove(actor: Actor, id: number): Promise<TargetResponse> {
    if (!AccessPolicy.maySetTargets(actor)) {
      throw new ForbiddenError('Targets are removed by the grant’s funder');
    }
    return this.db.transaction(async (manager) => {
      const qb = manager
        .getRepository(Target)
        .createQueryBuilder('target')
        .innerJoinAndSelect('target.indicator', 'indicator');
      const target = await AccessPolicy.scopeWritableGrants(actor, joinGrant(qb, 'target'))
        .andWhere('target.id = :id', { id })
        .getOne();
      if (!target) throw new NotFoundError('target', id);
      const removed = toTargetResponse(target, target.indicator!);
      await manager.delete(Target, { id });
      await recordAudit(manager, actor, {
        action: 'delete',
        entityType: 'target',
        entityId: id,
        subject: { type: 'grant', id: target.grantId },
        before: removed,
      });
      return removed;
    });
  }
}
