import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuthService } from '../auth/auth.service';
import { CredentialsService } from '../auth/credentials.service';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { fetchListPage, ListPage, ListQuery } from '../common/list-query';
import { lockForUpdate } from '../common/optimistic-update';
import { recordAudit } from '../audit/audit-log';
import { Organization } from '../database/entities/organization.entity';
import { ROLE_ORGANIZATION_KIND } from '../vocabulary/roles';
import { CreatedUserResponse, CreateUserDto, UpdateUserDto, UserResponse } from './dto/user.dto';
import { User } from '../database/entities/user.entity';
import { USER_LIST } from './users.list';

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    organizationId: u.organizationId,
    role: u.role,
    active: u.active,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    version: u.version,
  };
}

/** The role must fit the organization's kind (coordinator → ngo, funder → funder, …). */
export async function checkRoleFitsOrganization(manager: EntityManager, user: Pick<User, 'role' | 'organizationId'>) {
  const organization = await manager.findOneBy(Organization, { id: user.organizationId });
  if (!organization) {
    throw ValidationFailedError.forField('organizationId', `organization ${user.organizationId} does not exist`);
  }
  const kind = ROLE_ORGANIZATION_KIND[user.role];
  if (organization.kind !== kind) {
    throw ValidationFailedError.forField(
      'role',
      `a ${user.role} must belong to a ${kind} organization; "${organization.name}" is a ${organization.kind} organization`,
    );
  }
}

/** User management: administrators only (the route permission says so); passwords are never shown. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly credentials: CredentialsService,
  ) {}

  /** Every row (the route's permission is the access rule): lists and exports start here. */
  visible(_actor: Actor) {
    return this.db.getRepository(User).createQueryBuilder('user');
  }

  list(_actor: Actor, query: ListQuery): Promise<ListPage<UserResponse>> {
    return fetchListPage(this.db.getRepository(User).createQueryBuilder('user'), USER_LIST, query, toUserResponse);
  }

  async get(_actor: Actor, id: number): Promise<UserResponse> {
    const user = await this.db.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFoundError('user', id);
    return toUserResponse(user);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<CreatedUserResponse> {
    const user = await this.db.transaction(async (manager) => {
      const row = manager.create(User, { active: true, passwordHash: null, lastLoginAt: null, ...dto });
      await checkRoleFitsOrganization(manager, row);
      const saved = await manager.save(row);
      await recordAudit(manager, actor, {
        action: 'create',
        entityType: 'user',
        entityId: saved.id,
        after: toUserResponse(saved),
      });
      return saved;
    });
    return { ...toUserResponse(user), setPasswordUrl: await this.auth.issuePasswordLink(user.id) };
  }

  async update(actor: Actor, id: number, dto: UpdateUserDto): Promise<UserResponse> {
    const user = await this.db.transaction(async (manager) => {
      const { row, changes } = await lockForUpdate(manager, User, 'user', id, dto);
      if (id === actor.userId && (changes.active === false || (changes.role && changes.role !== 'admin'))) {
        throw new ConflictError('You cannot deactivate or demote your own account; ask another administrator');
      }
      const before = toUserResponse(row);
      const updated: User = Object.assign(row, changes);
      await checkRoleFitsOrganization(manager, updated);
      const saved = await manager.save(updated);
      await recordAudit(manager, actor, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        before,
        after: toUserResponse(saved),
      });
      return saved;
    });
    if (!user.active) await this.credentials.revokeAllSessions(user.id);
    return toUserResponse(user);
  }

  async remove(actor: Actor, id: number): Promise<UserResponse> {
    if (id === actor.userId) throw new ConflictError('You cannot delete your own account');
    return this.db.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { id });
      if (!user) throw new NotFoundError('user', id);
      await manager.delete(User, { id });
      const removed = toUserResponse(user);
      await recordAudit(manager, actor, { action: 'delete', entityType: 'user', entityId: id, before: removed });
      return removed;
    });
  }

  async passwordLink(_actor: Actor, id: number): Promise<{ setPasswordUrl: string }> {
    if (!(await this.db.getRepository(User).existsBy({ id }))) throw new NotFoundError('user', id);
    return { setPasswordUrl: await this.auth.issuePasswordLink(id) };
  }
}
