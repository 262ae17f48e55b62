import { Injectable } from '@nestjs/common';
import { assertDateRange } from '../rules/date-range';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { Evaluation } from '../database/entities/evaluation.entity';
import { GrantProgram } from '../database/entities/grant.entity';
import { fetchListPage, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { recordAudit } from '../audit/audit-log';
import { Organization } from '../database/entities/organization.entity';
import { CreateProgramDto, ProgramResponse, UpdateProgramDto } from './dto/program.dto';
import { Program } from '../database/entities/program.entity';
import { PROGRAM_LIST } from './programs.list';

export function toProgramResponse(p: Program): ProgramResponse {
  return {
    id: p.id,
    organizationId: p.organizationId,
    name: p.name,
    summary: p.summary,
    strategy: p.strategy,
    targetPopulations: p.targetPopulations,
    setting: p.setting,
    countries: p.countries,
    startDate: p.startDate,
    endDate: p.endDate,
    status: p.status,
    inputs: p.inputs,
    activities: p.activities,
    outputs: p.outputs,
    intendedOutcomes: p.intendedOutcomes,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

/** Rules that span fields or rows; single-field rules live on the DTO. */
async function checkProgramRules(manager: EntityManager, program: Program): Promise<void> {
  assertDateRange(program);
  const organization = await manager.findOneBy(Organization, { id: program.organizationId });
  if (!organization) {
    throw ValidationFailedError.forField('organizationId', `organization ${program.organizationId} does not exist`);
  }
  if (organization.kind !== 'ngo') {
    throw ValidationFailedError.forField(
      'organizationId',
      `programs are run by NGOs; "${organization.name}" is a ${organization.kind} organization`,
    );
  }
}

/** Grants and evaluations belong to the program's NGO: a program that has them stays where it is. */
async function assertProgramMayMove(manager: EntityManager, id: number, what = 'moved to another organization') {
  const [grants, evaluations] = await Promise.all([
    manager.countBy(GrantProgram, { programId: id }),
    manager.countBy(Evaluation, { programId: id }),
  ]);
  if (grants + evaluations > 0) {
    throw new ConflictError(
      `program ${id} has ${grants} grant(s) and ${evaluations} evaluation(s), so it cannot be ${what}`,
    );
  }
}

@Injectable()
export class ProgramsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rows the actor may read (AccessPolicy): lists, lookups and exports start here. */
  visible(actor: Actor, manager: EntityManager = this.db.manager) {
    return AccessPolicy.scopePrograms(actor, manager.getRepository(Program).createQueryBuilder('program'));
  }

  private async findVisible(actor: Actor, id: number, manager?: EntityManager): Promise<Program> {
    const program = await this.visible(actor, manager).andWhere('program.id = :id', { id }).getOne();
    if (!program) throw new NotFoundError('program', id);
    return program;
  }

  list(actor: Actor, query: ListQuery): Promise<ListPage<ProgramResponse>> {
    return fetchListPage(this.visible(actor), PROGRAM_LIST, query, toProgramResponse);
  }

  async get(actor: Actor, id: number): Promise<ProgramResponse> {
    return toProgramResponse(await this.findVisible(actor, id));
  }

  create(actor: Actor, dto: CreateProgramDto): Promise<ProgramResponse> {
    const organizationId = AccessPolicy.programOrganizationFor(actor, dto.organizationId);
    return this.db.transaction(async (manager) => {
      const program = manager.create(Program, {
        summary: '',
        targetPopulations: [],
        countries: [],
        endDate: null,
        status: 'planned',
        inputs: [],
        activities: [],
        outputs: [],
        intendedOutcomes: [],
        ...dto,
        organizationId,
      });
      await checkProgramRules(manager, program);
      const created = toProgramResponse(await manager.save(program));
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'program',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateProgramDto): Promise<ProgramResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, Program, 'program', id, dto, (qb, alias) =>
        AccessPolicy.scopeWritablePrograms(actor, qb, alias),
      );
      AccessPolicy.assertMayMoveProgram(actor, row.organizationId, changes.organizationId);
      if (changes.organizationId !== undefined && changes.organizationId !== row.organizationId) {
        await assertProgramMayMove(manager, id);
      }
      const before = toProgramResponse(row);
      const program: Program = Object.assign(row, changes);
      await checkProgramRules(manager, program);
      const after = toProgramResponse(await manager.save(program));
      await recordAudit(manager, actor, { action: 'update', entityType: 'program', entityId: id, before, after });
      return after;
    });
  }

  remove(actor: Actor, id: number): Promise<ProgramResponse> {
    return this.db.transaction(async (manager) => {
      const program = await AccessPolicy.scopeWritablePrograms(
        actor,
        manager.getRepository(Program).createQueryBuilder('program'),
      )
        .andWhere('program.id = :id', { id })
        .getOne();
      if (!program) throw new NotFoundError('program', id);
      await assertProgramMayMove(manager, id, 'deleted');
      const response = toProgramResponse(program);
      await manager.delete(Program, { id });
      await recordAudit(manager, actor, { action: 'delete', entityType: 'program', entityId: id, before: response });
      return response;
    });
  }
}
