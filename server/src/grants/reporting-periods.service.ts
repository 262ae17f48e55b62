import { Injectable } from '@nestjs/common';
import { assertDateRange } from '../rules/date-range';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { fetchListPage, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import {
  CreateReportingPeriodDto,
  ReportingPeriodResponse,
  UpdateReportingPeriodDto,
} from './dto/reporting-period.dto';
import { Grant, ReportingPeriod, Target } from '../database/entities/grant.entity';
import { REPORTING_PERIOD_LIST } from './grants.list';

export function toReportingPeriodResponse(p: ReportingPeriod): ReportingPeriodResponse {
  return {
    id: p.id,
    grantId: p.grantId,
    label: p.label,
    startDate: p.startDate,
    endDate: p.endDate,
    dueDate: p.dueDate,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

/** Joins a child row's grant (alias `grant`) so that the grant scoping applies to it. */
export function joinGrant<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string) {
  return qb.innerJoin(Grant, 'grant', `grant.id = ${alias}.grantId`);
}

/** A grant the actor may change (its funder, or an admin), locked; 404 otherwise. */
export async function writableGrant(manager: EntityManager, actor: Actor, id: number): Promise<Grant> {
  const grant = await AccessPolicy.scopeWritableGrants(actor, manager.getRepository(Grant).createQueryBuilder('grant'))
    .setLock('pessimistic_write', undefined, ['"grant"'])
    .andWhere('grant.id = :id', { id })
    .getOne();
  if (!grant) throw new NotFoundError('grant', id);
  return grant;
}

async function checkPeriodRules(manager: EntityManager, grant: Grant, period: ReportingPeriod): Promise<void> {
  assertDateRange(period);
  if (period.dueDate < period.endDate)
    throw ValidationFailedError.forField('dueDate', 'must be on or after the end date');
  if (period.startDate < grant.startDate || period.endDate > grant.endDate) {
    throw ValidationFailedError.forField(
      'startDate',
      `must lie within the grant (${grant.startDate} to ${grant.endDate})`,
    );
  }
  const overlapping = await manager
    .getRepository(ReportingPeriod)
    .createQueryBuilder('period')
    .where('period.grantId = :grantId', { grantId: grant.id })
    .andWhere('period.id <> :id', { id: period.id ?? 0 })
    .andWhere('period.startDate <= :end AND period.endDate >= :start', { start: period.startDate, end: period.endDate })
    .getOne();
  if (overlapping) {
    throw new ConflictError(
      `overlaps reporting period "${overlapping.label}" (${overlapping.startDate} to ${overlapping.endDate})`,
    );
  }
}

/** A grant's reporting periods: generated with the grant, then edited by its funder. */
@Injectable()
export class ReportingPeriodsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rows the actor may read (AccessPolicy): lists, lookups and exports start here. */
  visible(actor: Actor, manager: EntityManager = this.db.manager) {
    const qb = manager.getRepository(ReportingPeriod).createQueryBuilder('period');
    return AccessPolicy.scopeGrants(actor, joinGrant(qb, 'period'));
  }

  list(actor: Actor, query: ListQuery): Promise<ListPage<ReportingPeriodResponse>> {
    return fetchListPage(this.visible(actor), REPORTING_PERIOD_LIST, query, toReportingPeriodResponse);
  }

  async get(actor: Actor, id: number): Promise<ReportingPeriodResponse> {
    const period = await this.visible(actor).andWhere('period.id = :id', { id }).getOne();
    if (!period) throw new NotFoundError('reporting period', id);
    return toReportingPeriodResponse(period);
  }

  create(actor: Actor, dto: CreateReportingPeriodDto): Promise<ReportingPeriodResponse> {
    return this.db.transaction(async (manager) => {
      const grant = await writableGrant(manager, actor, dto.grantId);
      const period = manager.create(ReportingPeriod, { ...dto, organizationId: grant.granteeOrganizationId });
      await checkPeriodRules(manager, grant, period);
      const created = toReportingPeriodResponse(await manager.save(period));
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'reporting_period',
        entityId: created.id,
        subject: { type: 'grant', id: grant.id },
        after: created,
      });
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateReportingPeriodDto): Promise<ReportingPeriodResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, ReportingPeriod, 'reporting period', id, dto, (qb, alias) =>
        AccessPolicy.scopeWritableGrants(actor, joinGrant(qb, alias)),
      );
      if (changes.grantId !== undefined && changes.grantId !== row.grantId) {
        throw ValidationFailedError.forField('grantId', 'a reporting period cannot move to another grant');
      }
      const grant = await writableGrant(manager, actor, row.grantId);
      const before = toReportingPeriodResponse(row);
      const period: ReportingPeriod = Object.assign(row, changes);
      await checkPeriodRules(manager, grant, period);
      const after = toReportingPeriodResponse(await manager.save(period));
      await recordAudit(manager, actor, {
        action: 'update',
        entityType: 'reporting_period',
        entityId: id,
        subject: { type: 'grant', id: grant.id },
        before,
        after,
      });
      return after;
    });
  }

  remove(actor: Actor, id: number): Promise<ReportingPeriodResponse> {
    return this.db.transaction(async (manager) => {
      const qb = manager.getRepository(ReportingPeriod).createQueryBuilder('period');
      const period = await AccessPolicy.scopeWritableGrants(actor, joinGrant(qb, 'period'))
        .andWhere('period.id = :id', { id })
        .getOne();
      if (!period) throw new NotFoundError('reporting period', id);
      const targets = await manager.countBy(Target, { reportingPeriodId: id });
      if (targets > 0) {
        throw new ConflictError(`reporting period "${period.label}" has ${targets} target(s); delete them first`);
      }
      const removed = toReportingPeriodResponse(period);
      await manager.delete(ReportingPeriod, { id });
      await recordAudit(manager, actor, {
        action: 'delete',
        entityType: 'reporting_period',
        entityId: id,
        subject: { type: 'grant', id: period.grantId },
        before: removed,
      });
      return removed;
    });
  }
}
