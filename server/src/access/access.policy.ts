import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError, ValidationFailedError } from '../common/errors';
import type { Actor } from './actor';

/**
 * Who may see and change which rows: the one place that decides it. Services apply these
 * to every query, so another tenant's row is simply not found (404, never 403: no existence leak).
 *
 * - admin: everything.
 * - coordinator: their own NGO's programs (read and write) and their own organization.
 * - funder: programs linked to grants they fund, read-only (grants arrive with issue 4; until
 *   then a funder sees no programs) and their own organization.
 * - researcher: no row-level access to programs (analysis and exports come later); own organization.
 */
export const AccessPolicy = {
  /** Restricts a program query (alias `program`) to the rows the actor may read. */
  scopePrograms<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'program') {
    switch (actor.role) {
      case 'admin':
        return qb;
      case 'coordinator':
        return qb.andWhere(`${alias}.organizationId = :actorOrganizationId`, {
          actorOrganizationId: actor.organizationId,
        });
      case 'funder':
      case 'researcher':
        return qb.andWhere('false');
    }
  },

  /** The organization a new program belongs to: the coordinator's own, or the admin's choice. */
  programOrganizationFor(actor: Actor, requested: number | undefined): number {
    if (actor.role === 'admin') {
      if (requested === undefined) throw ValidationFailedError.forField('organizationId', 'is required');
      return requested;
    }
    if (requested !== undefined && requested !== actor.organizationId) {
      throw new ForbiddenError('Coordinators create programs for their own organization only');
    }
    return actor.organizationId;
  },

  /** Moving a program to another organization is for admins only. */
  assertMayMoveProgram(actor: Actor, from: number, to: number | undefined): void {
    if (to !== undefined && to !== from && actor.role !== 'admin') {
      throw new ForbiddenError('Only an administrator can move a program to another organization');
    }
  },

  /** Restricts an organization query (alias `organization`) to the rows the actor may read. */
  scopeOrganizations<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'organization') {
    if (actor.role === 'admin') return qb;
    return qb.andWhere(`${alias}.id = :actorOrganizationId`, { actorOrganizationId: actor.organizationId });
  },
};
