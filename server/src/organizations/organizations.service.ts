import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { ConflictError, NotFoundError } from '../common/errors';
import { fetchListPage, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { recordAudit } from '../audit/audit-log';
import { Grant } from '../database/entities/grant.entity';
import { Program } from '../database/entities/program.entity';
import { CreateOrganizationDto, OrganizationResponse, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from '../database/entities/organization.entity';
import { ORGANIZATION_LIST } from './organizations.list';

export function toOrganizationResponse(o: Organization): OrganizationResponse {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    country: o.country,
    website: o.website,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
  };
}

async function programCount(manager: EntityManager, organizationId: number): Promise<number> {
  return manager.countBy(Program, { organizationId });
}

async function fundedGrantCount(manager: EntityManager, funderOrganizationId: number): Promise<number> {
  return manager.countBy(Grant, { funderOrganizationId });
}

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rows the actor may read (AccessPolicy): lists, lookups and exports start here. */
  visible(actor: Actor) {
    return AccessPolicy.scopeOrganizations(
      actor,
      this.db.getRepository(Organization).createQueryBuilder('organization'),
    );
  }

  list(actor: Actor, query: ListQuery): Promise<ListPage<OrganizationResponse>> {
    return fetchListPage(this.visible(actor), ORGANIZATION_LIST, query, toOrganizationResponse);
  }

  async get(actor: Actor, id: number): Promise<OrganizationResponse> {
    const organization = await this.visible(actor).andWhere('organization.id = :id', { id }).getOne();
    if (!organization) throw new NotFoundError('organization', id);
    return toOrganizationResponse(organization);
  }

  create(actor: Actor, dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.db.transaction(async (manager) => {
      const organization = manager.create(Organization, { country: null, website: null, ...dto });
      const created = toOrganizationResponse(await manager.save(organization));
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'organization',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  update(actor: Actor, id: number, dto: UpdateOrganizationDto): Promise<OrganizationResponse> {
    return this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, Organization, 'organization', id, dto);
      if (changes.kind && changes.kind !== row.kind && row.kind === 'ngo') {
        const programs = await programCount(manager, id);
        if (programs > 0) {
          throw new ConflictError(
            `organization ${id} runs ${programs} program(s), so it must stay an NGO; move or delete them first`,
          );
        }
      }
      if (changes.kind && changes.kind !== row.kind && row.kind === 'funder') {
        const grants = await fundedGrantCount(manager, id);
        if (grants > 0)
          throw new ConflictError(`organization ${id} funds ${grants} grant(s), so it must stay a funder`);
      }
      const before = toOrganizationResponse(row);
      const organization: Organization = Object.assign(row, changes);
      const after = toOrganizationResponse(await manager.save(organization));
      await recordAudit(manager, actor, { action: 'update', entityType: 'organization', entityId: id, before, after });
      return after;
    });
  }

  remove(actor: Actor, id: number): Promise<OrganizationResponse> {
    return this.db.transaction(async (manager) => {
      const organization = await manager.findOneBy(Organization, { id });
      if (!organization) throw new NotFoundError('organization', id);
      const programs = await programCount(manager, id);
      if (programs > 0) {
        throw new ConflictError(`organization ${id} still runs ${programs} program(s); delete or move them first`);
      }
      const grants = await fundedGrantCount(manager, id);
      if (grants > 0) throw new ConflictError(`organization ${id} still funds ${grants} grant(s); delete them first`);
      await manager.delete(Organization, { id });
      const removed = toOrganizationResponse(organization);
      await recordAudit(manager, actor, {
        action: 'delete',
        entityType: 'organization',
        entityId: id,
        before: removed,
      });
      return removed;
    });
  }
}
