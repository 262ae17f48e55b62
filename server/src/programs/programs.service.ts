import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { applyListQuery, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { Organization } from '../organizations/organization.entity';
import { MESSAGES } from '../vocabulary/programs';
import { CreateProgramDto, ProgramResponse, UpdateProgramDto } from './dto/program.dto';
import { Program } from './program.entity';
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
  if (program.endDate && program.endDate < program.startDate) {
    throw ValidationFailedError.forField('endDate', MESSAGES.endBeforeStart);
  }
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

@Injectable()
export class ProgramsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListQuery): Promise<ListPage<ProgramResponse>> {
    const qb = applyListQuery(this.db.getRepository(Program).createQueryBuilder('program'), PROGRAM_LIST, query);
    const [rows, total] = await qb.getManyAndCount();
    return new ListPage(PROGRAM_LIST.resource, rows.map(toProgramResponse), query.range.start, total);
  }

  async get(id: number): Promise<ProgramResponse> {
    const program = await this.db.getRepository(Program).findOneBy({ id });
    if (!program) throw new NotFoundError('program', id);
    return toProgramResponse(program);
  }

  create(dto: CreateProgramDto): Promise<ProgramResponse> {
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
      });
      await checkProgramRules(manager, program);
      return toProgramResponse(await manager.save(program));
    });
  }

  update(id: number, dto: UpdateProgramDto): Promise<ProgramResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, Program, 'program', id, dto);
      const program: Program = Object.assign(row, changes);
      await checkProgramRules(manager, program);
      return toProgramResponse(await manager.save(program));
    });
  }

  remove(id: number): Promise<ProgramResponse> {
    return this.db.transaction(async (manager) => {
      const program = await manager.findOneBy(Program, { id });
      if (!program) throw new NotFoundError('program', id);
      const response = toProgramResponse(program);
      await manager.delete(Program, { id });
      return response;
    });
  }
}
