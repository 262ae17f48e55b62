import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { applyListQuery, ListPage, ListQuery } from '../common/list-query';
import { Evaluation } from '../database/entities/evaluation.entity';
import { Grant } from '../database/entities/grant.entity';
import { Organization } from '../database/entities/organization.entity';
import { Program } from '../database/entities/program.entity';
import { User } from '../database/entities/user.entity';
import { AuditEvent } from '../database/entities/audit-event.entity';
import { AUDIT_LIST } from './audit-events.list';

export type AuditEventResponse = AuditEvent & { actorName: string | null };

/** The records whose history a non-administrator may read, each scoped by the access policy. */
const HISTORY_SUBJECTS: Record<
  string,
  {
    entity: new () => ObjectLiteral;
    scope: (actor: Actor, qb: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>;
  }
> = {
  organization: { entity: Organization, scope: (a, qb) => AccessPolicy.scopeOrganizations(a, qb, 'subject') },
  program: { entity: Program, scope: (a, qb) => AccessPolicy.scopePrograms(a, qb, 'subject') },
  grant: { entity: Grant, scope: (a, qb) => AccessPolicy.scopeGrants(a, qb, 'subject') },
  evaluation: { entity: Evaluation, scope: (a, qb) => AccessPolicy.scopeEvaluations(a, qb, 'subject') },
};

/** The one record a history query names (subjectType + subjectId), if it names one. */
function subjectOf(query: ListQuery): { type: string; id: string } | null {
  const type = query.filters.find((f) => f.name === 'subjectType')?.values;
  const id = query.filters.find((f) => f.name === 'subjectId')?.values;
  if (!type || type.length !== 1 || !id || id.length !== 1) return null;
  return { type: String(type[0]), id: String(id[0]) };
}

/**
 * Reads the audit log: administrators the whole of it; everyone else the history of one record
 * they can read (filter subjectType + subjectId), so nobody learns of records that are not theirs.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The rows of the log the actor may read, as a query builder (lists and exports); call
   * assertMayList first. Administrators read every row. Everyone else reads one record's history
   * (assertMayList), and of it only the rows that are about what they may see
   * (docs/security.md, "History"):
   *
   * - made by an actor whose identity they may see: someone of their own organization, of an
   *   organization the access policy shows them (a grant's other party), an administrator, or
   *   the system;
   * - an export only if their own organization made it: what an export contained (which records,
   *   how many) is the exporter's view, not the reader's;
   * - for a reviewer (anyone but the owning NGO and administrators), an evaluation's history from
   *   its first submission on: the draft phase is the NGO's work in progress, as the draft itself
   *   is (an amendment is an evaluation of its own, so its draft phase is hidden the same way).
   */
  visible(actor: Actor, query: ListQuery) {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('event');
    if (actor.permissions.has('audit-events:read')) return qb;
    const seen = AccessPolicy.scopeOrganizations(
      actor,
      this.db.getRepository(Organization).createQueryBuilder('organization').select('organization.id'),
    );
    qb.andWhere(
      `(event.organizationId IS NULL OR event.organizationId = :readerOrganizationId
        OR event.organizationId IN (${seen.getQuery()})
        OR EXISTS (SELECT 1 FROM users actor_user WHERE actor_user.id = event.actor_user_id AND actor_user.role = 'admin'))`,
      { ...seen.getParameters(), readerOrganizationId: actor.organizationId },
    );
    qb.andWhere(`(event.action <> 'export' OR event.organizationId = :readerOrganizationId)`);
    const subject = subjectOf(query);
    if (subject?.type === 'evaluation' && actor.role !== 'coordinator') {
      qb.andWhere(
        `event.id >= (SELECT min(submitted.id) FROM audit_events submitted
          WHERE submitted.subject_type = 'evaluation' AND submitted.subject_id = :historySubjectId
            AND submitted.action = 'submit')`,
        { historySubjectId: subject.id },
      );
    }
    return qb;
  }

  async list(actor: Actor, query: ListQuery): Promise<ListPage<AuditEventResponse>> {
    await this.assertMayList(actor, query);
    const qb = this.visible(actor, query);
    const [rows, total] = await applyListQuery(qb, AUDIT_LIST, query).getManyAndCount();
    const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is number => id !== null))];
    const users = actorIds.length ? await this.db.manager.find(User, { where: { id: In(actorIds) } }) : [];
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const items = rows.map((r) => ({
      ...r,
      actorName: r.actorUserId === null ? null : (names.get(r.actorUserId) ?? null),
    }));
    return new ListPage(AUDIT_LIST.resource, items, query.range.start, total);
  }

  /** Administrators list anything; everyone else one record's history that they can read. */
  async assertMayList(actor: Actor, query: ListQuery): Promise<void> {
    if (actor.permissions.has('audit-events:read')) return;
    const type = query.filters.find((f) => f.name === 'subjectType')?.values;
    const id = query.filters.find((f) => f.name === 'subjectId')?.values;
    if (!type || type.length !== 1 || !id || id.length !== 1) {
      throw ValidationFailedError.forField(
        'filter',
        'name one record: {"subjectType":"evaluation","subjectId":"12"} (the whole log is for administrators)',
      );
    }
    const subject = HISTORY_SUBJECTS[String(type[0])];
    if (!subject) {
      throw ValidationFailedError.forField(
        'filter.subjectType',
        `history is kept for ${Object.keys(HISTORY_SUBJECTS).join(', ')}`,
      );
    }
    const subjectId = String(id[0]);
    const found =
      /^\d{1,10}$/.test(subjectId) &&
      (await subject
        .scope(actor, this.db.getRepository(subject.entity).createQueryBuilder('subject'))
        .andWhere('subject.id = :id', { id: Number(subjectId) })
        .getExists());
    if (!found) throw new NotFoundError(String(type[0]), subjectId);
  }
}
