import { Injectable } from '@nestjs/common';
import { assertDateRange } from '../rules/date-range';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { applyListQuery, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { Evaluation } from '../database/entities/evaluation.entity';
import { Organization } from '../database/entities/organization.entity';
import { Program } from '../database/entities/program.entity';
import { GRANT_LIMITS } from '../vocabulary/grants';
import { CreateGrantDto, DeclineGrantDto, GrantProgramsDto, GrantResponse, UpdateGrantDto } from './dto/grant.dto';
import { Grant, GrantProgram, ReportingPeriod, Target } from '../database/entities/grant.entity';
import { GRANT_LIST } from './grants.list';
import { addMonths, planReportingPeriods } from '../rules/reporting-schedule';
import { toReportingPeriodResponse } from './reporting-periods.service';

export function toGrantResponse(
  g: Grant,
  programIds: number[],
  names: { funderName: string; granteeName: string } = { funderName: '', granteeName: '' },
): GrantResponse {
  return {
    id: g.id,
    funderOrganizationId: g.funderOrganizationId,
    granteeOrganizationId: g.granteeOrganizationId,
    programIds,
    reference: g.reference,
    title: g.title,
    amount: g.amount,
    currency: g.currency,
    startDate: g.startDate,
    endDate: g.endDate,
    reportingFrequency: g.reportingFrequency,
    status: g.status,
    consent: g.consent,
    declineReason: g.declineReason,
    funderName: names.funderName,
    granteeName: names.granteeName,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    version: g.version,
  };
}

/** The programs of each grant, in id order. */
async function programIdsOf(manager: EntityManager, grantIds: number[]): Promise<Map<number, number[]>> {
  const byGrant = new Map<number, number[]>(grantIds.map((id) => [id, []]));
  if (grantIds.length === 0) return byGrant;
  const links = await manager.find(GrantProgram, { where: { grantId: In(grantIds) }, order: { programId: 'ASC' } });
  for (const link of links) byGrant.get(link.grantId)?.push(link.programId);
  return byGrant;
}

/**
 * The names of both parties of each grant. Names only: a funder sees the grantee's name on an
 * offered grant, but not the organization's details (AccessPolicy.scopeOrganizations).
 */
async function partyNamesOf(
  manager: EntityManager,
  grants: Grant[],
): Promise<(g: Grant) => { funderName: string; granteeName: string }> {
  const ids = [...new Set(grants.flatMap((g) => [g.funderOrganizationId, g.granteeOrganizationId]))];
  const organizations =
    ids.length === 0
      ? []
      : await manager.find(Organization, { select: { id: true, name: true }, where: { id: In(ids) } });
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  return (g) => ({
    funderName: names.get(g.funderOrganizationId) ?? '',
    granteeName: names.get(g.granteeOrganizationId) ?? '',
  });
}

async function organizationOfKind(manager: EntityManager, field: string, id: number, kind: 'ngo' | 'funder') {
  const organization = await manager.findOneBy(Organization, { id });
  if (!organization) throw ValidationFailedError.forField(field, `organization ${id} does not exist`);
  if (organization.kind !== kind) {
    const expected = kind === 'ngo' ? 'an NGO' : 'a funder';
    throw ValidationFailedError.forField(
      field,
      `must be ${expected}; "${organization.name}" is a ${organization.kind}`,
    );
  }
  return organization;
}

function checkDates(grant: Pick<Grant, 'startDate' | 'endDate'>): void {
  assertDateRange(grant);
  if (grant.endDate >= addMonths(grant.startDate, GRANT_LIMITS.maxYears * 12)) {
    throw ValidationFailedError.forField('endDate', `a grant lasts at most ${GRANT_LIMITS.maxYears} years`);
  }
}

/**
 * The programs a grant covers must be run by the grantee. They are chosen by the grantee's
 * coordinators (or an administrator), who read the grantee's programs anyway; the query is
 * restricted to the grantee, so an unknown id and another NGO's program get the same answer
 * (no ownership oracle).
 */
async function checkPrograms(manager: EntityManager, granteeId: number, programIds: number[]): Promise<void> {
  const programs = await manager.find(Program, {
    select: { id: true },
    where: { id: In(programIds), organizationId: granteeId },
  });
  const found = new Set(programs.map((p) => p.id));
  const missing = programIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw ValidationFailedError.forField(
      'programIds',
      `${missing.length === 1 ? 'program' : 'programs'} ${missing.join(', ')}: not a program of the grantee`,
    );
  }
}

/**
 * Runs a delete and turns a foreign-key refusal by one of `constraints` into the domain's 409: checks that
 * must see rows the requester cannot (row-level security) are left to PostgreSQL's foreign keys.
 */
async function refuseIfReferenced(
  deletion: Promise<unknown>,
  constraints: string[],
  refusal: () => ConflictError,
): Promise<void> {
  try {
    await deletion;
  } catch (error) {
    const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (
      error instanceof QueryFailedError &&
      (driverError?.code === '23503' || driverError?.code === '23001') &&
      constraints.includes(driverError.constraint ?? '')
    ) {
      throw refusal();
    }
    throw error;
  }
}

function sameIds(a: number[], b: number[]): boolean {
  return a.length === b.length && [...a].sort((x, y) => x - y).join() === [...b].sort((x, y) => x - y).join();
}

@Injectable()
export class GrantsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rows the actor may read (AccessPolicy): lists, lookups and exports start here. */
  visible(actor: Actor, manager: EntityManager = this.db.manager) {
    return AccessPolicy.scopeGrants(actor, manager.getRepository(Grant).createQueryBuilder('grant'));
  }

  async list(actor: Actor, query: ListQuery): Promise<ListPage<GrantResponse>> {
    const [rows, total] = await applyListQuery(this.visible(actor), GRANT_LIST, query).getManyAndCount();
    const programs = await programIdsOf(
      this.db.manager,
      rows.map((g) => g.id),
    );
    const names = await partyNamesOf(this.db.manager, rows);
    const items = rows.map((g) => toGrantResponse(g, programs.get(g.id) ?? [], names(g)));
    return new ListPage(GRANT_LIST.resource, items, query.range.start, total);
  }

  async get(actor: Actor, id: number): Promise<GrantResponse> {
    const grant = await this.visible(actor).andWhere('grant.id = :id', { id }).getOne();
    if (!grant) throw new NotFoundError('grant', id);
    const names = await partyNamesOf(this.db.manager, [grant]);
    return toGrantResponse(grant, (await programIdsOf(this.db.manager, [id])).get(id) ?? [], names(grant));
  }

  create(actor: Actor, dto: CreateGrantDto): Promise<GrantResponse> {
    const funderOrganizationId = AccessPolicy.grantFunderFor(actor, dto.funderOrganizationId);
    const consent = AccessPolicy.newGrantConsent(actor, dto.consent);
    const { programIds = [], ...fields } = dto;
    // An offered grant links nothing of the NGO: the grantee chooses the programs when it accepts.
    if (consent === 'offered' && programIds.length > 0) {
      throw ValidationFailedError.forField(
        'programIds',
        'an offered grant names no programs: the grantee chooses them when it accepts',
      );
    }
    if (consent === 'accepted' && programIds.length === 0) {
      throw ValidationFailedError.forField('programIds', 'must name at least one program');
    }
    return this.db.transaction(async (manager) => {
      const grant = manager.create(Grant, { status: 'active', ...fields, consent, funderOrganizationId });
      checkDates(grant);
      const funder = await organizationOfKind(manager, 'funderOrganizationId', funderOrganizationId, 'funder');
      const grantee = await organizationOfKind(manager, 'granteeOrganizationId', grant.granteeOrganizationId, 'ngo');
      if (programIds.length > 0) await checkPrograms(manager, grant.granteeOrganizationId, programIds);
      await this.assertReferenceFree(manager, funderOrganizationId, grant.reference);
      const saved = await manager.save(grant);
      if (programIds.length > 0) {
        await manager.insert(
          GrantProgram,
          programIds.map((programId) => ({ grantId: saved.id, programId })),
        );
      }
      const created = toGrantResponse(
        saved,
        [...programIds].sort((a, b) => a - b),
        { funderName: funder.name, granteeName: grantee.name },
      );
      await recordAudit(manager, actor, { action: 'create', entityType: 'grant', entityId: saved.id, after: created });
      const plans = planReportingPeriods(saved.startDate, saved.endDate, saved.reportingFrequency);
      const periods = await manager.save(
        plans.map((plan) =>
          manager.create(ReportingPeriod, { ...plan, grantId: saved.id, organizationId: saved.granteeOrganizationId }),
        ),
      );
      for (const period of periods) {
        await recordAudit(manager, actor, {
          action: 'create',
          entityType: 'reporting_period',
          entityId: period.id,
          subject: { type: 'grant', id: saved.id },
          after: toReportingPeriodResponse(period),
        });
      }
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateGrantDto): Promise<GrantResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, Grant, 'grant', id, dto, (qb, alias) =>
        AccessPolicy.scopeWritableGrants(actor, qb, alias),
      );
      const { programIds, ...fields } = changes;
      for (const field of ['funderOrganizationId', 'granteeOrganizationId'] as const) {
        if (fields[field] !== undefined && fields[field] !== row[field]) {
          throw ValidationFailedError.forField(field, 'cannot change once a grant exists; create a new grant instead');
        }
      }
      const beforePrograms = (await programIdsOf(manager, [id])).get(id) ?? [];
      const before = toGrantResponse(row, beforePrograms);
      const grant: Grant = Object.assign(row, fields);
      checkDates(grant);
      await this.assertPeriodsWithin(manager, grant);
      if (fields.reference !== undefined && fields.reference !== before.reference) {
        await this.assertReferenceFree(manager, grant.funderOrganizationId, grant.reference);
      }
      let afterPrograms = beforePrograms;
      if (programIds !== undefined && !sameIds(programIds, beforePrograms)) {
        // The grantee chooses the programs (PUT /api/grants/:id/programs); administrators may
        // correct them here on an accepted grant.
        if (actor.role !== 'admin' || grant.consent !== 'accepted') {
          throw ValidationFailedError.forField(
            'programIds',
            'the grantee chooses the programs a grant covers (accept, or PUT /api/grants/:id/programs)',
          );
        }
        afterPrograms = await this.replacePrograms(manager, grant, beforePrograms, programIds);
      }
      const after = toGrantResponse(await manager.save(grant), afterPrograms);
      await recordAudit(manager, actor, { action: 'update', entityType: 'grant', entityId: id, before, after });
      return after;
    });
  }

  remove(actor: Actor, id: number): Promise<GrantResponse> {
    return this.db.transaction(async (manager) => {
      const grant = await AccessPolicy.scopeWritableGrants(
        actor,
        manager.getRepository(Grant).createQueryBuilder('grant'),
      )
        .setLock('pessimistic_write', undefined, ['"grant"'])
        .andWhere('grant.id = :id', { id })
        .getOne();
      if (!grant) throw new NotFoundError('grant', id);
      const [evaluations, targets] = await Promise.all([
        manager.countBy(Evaluation, { grantId: id }),
        manager.countBy(Target, { grantId: id }),
      ]);
      if (evaluations + targets > 0) {
        throw new ConflictError(
          `grant ${id} has ${evaluations} evaluation(s) and ${targets} target(s); close it (status closed) instead`,
        ).withCode('grant_in_use');
      }
      const removed = toGrantResponse(grant, (await programIdsOf(manager, [id])).get(id) ?? []);
      // The count above is of what the requester sees: a funder does not see the grantee's drafts.
      // Its programs go with it (cascade), so either key of the evaluations may refuse first.
      await refuseIfReferenced(
        manager.delete(Grant, { id }),
        ['evaluations_grant_id_fkey', 'evaluations_grant_program_fkey'],
        () =>
          new ConflictError(
            `grant ${id} has evaluations of the grantee linked to it (drafts included); close it (status closed) instead`,
          ).withCode('grant_in_use'),
      );
      await recordAudit(manager, actor, { action: 'delete', entityType: 'grant', entityId: id, before: removed });
      return removed;
    });
  }

  /** The grantee accepts an offered grant, choosing which of its programs it covers. */
  accept(actor: Actor, id: number, dto: GrantProgramsDto): Promise<GrantResponse> {
    return this.db.transaction(async (manager) => {
      const grant = await this.lockConsentable(manager, actor, id, dto.version);
      if (grant.consent !== 'offered') throw new ConflictError(`grant ${id} is ${grant.consent}, not offered`);
      const before = toGrantResponse(grant, []);
      grant.consent = 'accepted';
      const saved = await manager.save(grant);
      const programs = await this.replacePrograms(manager, saved, [], dto.programIds);
      const after = toGrantResponse(saved, programs, (await partyNamesOf(manager, [saved]))(saved));
      await recordAudit(manager, actor, { action: 'accept', entityType: 'grant', entityId: id, before, after });
      return after;
    });
  }

  /** The grantee declines an offered grant, with a reason the funder reads. */
  decline(actor: Actor, id: number, dto: DeclineGrantDto): Promise<GrantResponse> {
    return this.db.transaction(async (manager) => {
      const grant = await this.lockConsentable(manager, actor, id, dto.version);
      if (grant.consent !== 'offered') throw new ConflictError(`grant ${id} is ${grant.consent}, not offered`);
      const before = toGrantResponse(grant, []);
      grant.consent = 'declined';
      grant.declineReason = dto.reason;
      const saved = await manager.save(grant);
      const after = toGrantResponse(saved, [], (await partyNamesOf(manager, [saved]))(saved));
      await recordAudit(manager, actor, { action: 'decline', entityType: 'grant', entityId: id, before, after });
      return after;
    });
  }

  /**
   * The grantee adds or removes programs of its own on an accepted grant; the audit row (subject:
   * the grant) tells the funder, who may close the grant.
   */
  setPrograms(actor: Actor, id: number, dto: GrantProgramsDto): Promise<GrantResponse> {
    return this.db.transaction(async (manager) => {
      const grant = await this.lockConsentable(manager, actor, id, dto.version);
      if (grant.consent !== 'accepted') {
        throw new ConflictError(`grant ${id} is ${grant.consent}: accept it to choose its programs`);
      }
      const beforePrograms = (await programIdsOf(manager, [id])).get(id) ?? [];
      const before = toGrantResponse(grant, beforePrograms);
      const programs = await this.replacePrograms(manager, grant, beforePrograms, dto.programIds);
      // A change of programs is a change of the grant: its version moves on.
      await manager
        .createQueryBuilder()
        .update(Grant)
        .set({ updatedAt: () => 'now()' })
        .where({ id })
        .execute();
      const saved = await manager.findOneByOrFail(Grant, { id });
      const after = toGrantResponse(saved, programs, (await partyNamesOf(manager, [saved]))(saved));
      await recordAudit(manager, actor, { action: 'update', entityType: 'grant', entityId: id, before, after });
      return after;
    });
  }

  /** Locks a grant whose consent the actor decides; out of scope is a 404, a stale version a 409. */
  private async lockConsentable(manager: EntityManager, actor: Actor, id: number, version: number): Promise<Grant> {
    const { row } = await lockForUpdate(manager, Grant, 'grant', id, { version }, (qb, alias) =>
      AccessPolicy.scopeConsentableGrants(actor, qb, alias),
    );
    return row;
  }

  /** Replaces a grant's programs (all the grantee's), keeping those an evaluation links through it. */
  private async replacePrograms(
    manager: EntityManager,
    grant: Grant,
    beforePrograms: number[],
    programIds: number[],
  ): Promise<number[]> {
    await checkPrograms(manager, grant.granteeOrganizationId, programIds);
    const removed = beforePrograms.filter((p) => !programIds.includes(p));
    const added = [...new Set(programIds)].filter((p) => !beforePrograms.includes(p));
    if (removed.length > 0) {
      // A funder or reviewer does not see the grantee's drafts; the foreign key evaluations →
      // grant_programs does, past row-level security and race-free (migration EvaluationGrantProgram).
      await refuseIfReferenced(
        manager.delete(GrantProgram, { grantId: grant.id, programId: In(removed) }),
        ['evaluations_grant_program_fkey'],
        () =>
          new ConflictError(
            `program(s) ${removed.join(', ')} cannot be removed from grant ${grant.id}: evaluations of the grantee (drafts included) are linked to the grant through them; the programs stay`,
          ).withCode('program_in_use'),
      );
    }
    if (added.length > 0) {
      await manager.insert(
        GrantProgram,
        added.map((programId) => ({ grantId: grant.id, programId })),
      );
    }
    return [...programIds].sort((a, b) => a - b);
  }

  private async assertReferenceFree(manager: EntityManager, funderId: number, reference: string): Promise<void> {
    const existing = await manager.findOneBy(Grant, { funderOrganizationId: funderId, reference });
    if (existing)
      throw new ConflictError(`This funder already has a grant with reference "${reference}" (grant ${existing.id})`);
  }

  /** Shortening a grant must not strand a reporting period outside it. */
  private async assertPeriodsWithin(manager: EntityManager, grant: Grant): Promise<void> {
    const outside = await manager
      .getRepository(ReportingPeriod)
      .createQueryBuilder('period')
      .where('period.grantId = :id', { id: grant.id })
      .andWhere('(period.startDate < :start OR period.endDate > :end)', { start: grant.startDate, end: grant.endDate })
      .orderBy('period.startDate')
      .getOne();
    if (outside) {
      throw new ConflictError(
        `reporting period "${outside.label}" (${outside.startDate} to ${outside.endDate}) would fall outside the grant; change or delete it first`,
      );
    }
  }
}
