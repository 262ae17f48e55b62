import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError, ValidationFailedError } from '../common/errors';
import type { GrantConsent } from '../vocabulary/grants';
import type { Actor } from './actor';

/**
 * Who may see and change which rows: the one place that decides it. Services apply these
 * to every query, so another tenant's row is simply not found (404, never 403: no existence leak).
 * Route permissions (vocabulary/roles.ts) decide which actions a role may attempt at all.
 *
 * - admin: everything.
 * - coordinator: their own NGO's programs, grants (read; actual values of targets), evaluations
 *   and measurements; their own organization and the funders of their grants.
 * - funder: its own grants (read and write, with periods and targets); the programs in them
 *   (read); the evaluations linked to them once submitted (read, review); its own
 *   organization and its grantees.
 * - researcher: own organization; approved evaluations only through disclosure/ (suppressed
 *   aggregates, effects and pooled results that outsiders may see).
 */

/**
 * A grant funded by the actor's organization, and accepted by the grantee, exists for this program
 * (raw SQL on `alias`). PRODUCT.md hard rule 3: an NGO's data reaches a funder only through a
 * grant the NGO has accepted; an offered or declined grant shows the funder nothing of the NGO.
 */
const FUNDED_PROGRAM = (alias: string) =>
  `EXISTS (SELECT 1 FROM grant_programs gp JOIN grants g ON g.id = gp.grant_id
           WHERE gp.program_id = ${alias}.id AND g.funder_organization_id = :actorOrganizationId
             AND g.consent = 'accepted')`;

/** The parts of the first screen (GET /api/dashboard); each is scoped by this policy like the lists. */
export type DashboardSection =
  'evaluations' | 'reviewQueue' | 'needsAction' | 'ownPrograms' | 'comments' | 'grants' | 'administration';

/**
 * Which parts each role's dashboard has: a researcher works from the pooled analyses and the
 * evidence map (their own page), not from evaluations or grants; funders and admins review;
 * coordinators act on their drafts and programs; admins also see the platform's health.
 */
const DASHBOARD_SECTIONS: Record<Actor['role'], readonly DashboardSection[]> = {
  admin: ['evaluations', 'reviewQueue', 'comments', 'grants', 'administration'],
  funder: ['evaluations', 'reviewQueue', 'comments', 'grants'],
  coordinator: ['evaluations', 'needsAction', 'ownPrograms', 'comments', 'grants'],
  researcher: [],
};

export const AccessPolicy = {
  /** Restricts a program query (alias `program`) to the rows the actor may read. */
  scopePrograms<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'program') {
    const params = { actorOrganizationId: actor.organizationId };
    switch (actor.role) {
      case 'admin':
        return qb;
      case 'coordinator':
        return qb.andWhere(`${alias}.organizationId = :actorOrganizationId`, params);
      case 'funder':
        return qb.andWhere(FUNDED_PROGRAM(alias), params);
      case 'researcher':
        return qb.andWhere('false');
    }
  },

  /** Programs the actor may change: only the owning NGO's coordinators and admins. */
  scopeWritablePrograms<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'program') {
    if (actor.role === 'admin') return qb;
    if (actor.role !== 'coordinator') return qb.andWhere('false');
    return qb.andWhere(`${alias}.organizationId = :actorOrganizationId`, { actorOrganizationId: actor.organizationId });
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

  /**
   * Restricts an organization query (alias `organization`): one's own, plus the organizations
   * a grant links one to (a funder's grantees, an NGO's funders).
   */
  scopeOrganizations<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'organization') {
    const params = { actorOrganizationId: actor.organizationId };
    switch (actor.role) {
      case 'admin':
        return qb;
      case 'funder':
        return qb.andWhere(
          `(${alias}.id = :actorOrganizationId OR EXISTS (SELECT 1 FROM grants g
             WHERE g.organization_id = ${alias}.id AND g.funder_organization_id = :actorOrganizationId
               AND g.consent = 'accepted'))`,
          params,
        );
      case 'coordinator':
        return qb.andWhere(
          `(${alias}.id = :actorOrganizationId OR EXISTS (SELECT 1 FROM grants g
             WHERE g.funder_organization_id = ${alias}.id AND g.organization_id = :actorOrganizationId))`,
          params,
        );
      case 'researcher':
        return qb.andWhere(`${alias}.id = :actorOrganizationId`, params);
    }
  },

  /** Restricts a grant query (alias `grant`): a funder's own grants, an NGO's grants received. */
  scopeGrants<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'grant') {
    const params = { actorOrganizationId: actor.organizationId };
    switch (actor.role) {
      case 'admin':
        return qb;
      case 'funder':
        return qb.andWhere(`${alias}.funderOrganizationId = :actorOrganizationId`, params);
      case 'coordinator':
        return qb.andWhere(`${alias}.granteeOrganizationId = :actorOrganizationId`, params);
      case 'researcher':
        return qb.andWhere('false');
    }
  },

  /** Grants the actor may change (terms, periods, targets): the funder's own, or any for admins. */
  scopeWritableGrants<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'grant') {
    if (actor.role === 'admin') return qb;
    if (actor.role !== 'funder') return qb.andWhere('false');
    return qb.andWhere(`${alias}.funderOrganizationId = :actorOrganizationId`, {
      actorOrganizationId: actor.organizationId,
    });
  },

  /**
   * Grants whose consent and programs the actor may decide (accept, decline, add or remove
   * programs): the grantee NGO's coordinators, admins.
   */
  scopeConsentableGrants<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'grant') {
    if (actor.role === 'admin') return qb;
    if (actor.role !== 'coordinator') return qb.andWhere('false');
    return qb.andWhere(`${alias}.granteeOrganizationId = :actorOrganizationId`, {
      actorOrganizationId: actor.organizationId,
    });
  },

  /**
   * A new grant's consent: a funder's grant is offered to the NGO (hard rule 3); an administrator
   * may record one as accepted directly (the default) or as offered.
   */
  newGrantConsent(actor: Actor, requested: GrantConsent | undefined): GrantConsent {
    if (actor.role === 'admin') {
      if (requested === 'declined')
        throw ValidationFailedError.forField('consent', 'a new grant is offered or accepted');
      return requested ?? 'accepted';
    }
    if (requested !== undefined && requested !== 'offered') {
      throw ValidationFailedError.forField('consent', 'only the grantee accepts or declines a grant');
    }
    return 'offered';
  },

  /** The funder of a new grant: the funder's own organization, or the admin's choice. */
  grantFunderFor(actor: Actor, requested: number | undefined): number {
    if (actor.role === 'admin') {
      if (requested === undefined) throw ValidationFailedError.forField('funderOrganizationId', 'is required');
      return requested;
    }
    if (requested !== undefined && requested !== actor.organizationId) {
      throw new ForbiddenError('Funders create grants from their own organization only');
    }
    return actor.organizationId;
  },

  /**
   * Target fields each role may change: the funder sets the target, the grantee reports the
   * actual value; both may comment.
   */
  targetFieldsFor(actor: Pick<Actor, 'role'>): ReadonlySet<string> | 'all' {
    if (actor.role === 'admin') return 'all';
    if (actor.role === 'coordinator') return new Set(['actualValue', 'comment']);
    return new Set([
      'reportingPeriodId',
      'indicatorId',
      'sex',
      'ageBand',
      'region',
      'baselineValue',
      'targetValue',
      'comment',
    ]);
  },

  /**
   * Restricts an evaluation query (alias `evaluation`): the NGO's own; for a funder, the ones
   * linked to its grants once submitted (drafts are the NGO's work in progress).
   */
  scopeEvaluations<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'evaluation') {
    const params = { actorOrganizationId: actor.organizationId };
    switch (actor.role) {
      case 'admin':
        return qb;
      case 'coordinator':
        return qb.andWhere(`${alias}.organizationId = :actorOrganizationId`, params);
      case 'funder':
        return qb.andWhere(
          `${alias}.status <> 'draft' AND EXISTS (SELECT 1 FROM grants g
             WHERE g.id = ${alias}.grantId AND g.funder_organization_id = :actorOrganizationId
               AND g.consent = 'accepted')`,
          params,
        );
      case 'researcher':
        return qb.andWhere('false');
    }
  },

  /**
   * Restricts a query of comments (alias `comment`) of evaluations the actor can read to the
   * discussion it may follow: the owning NGO and admins all of it; a reviewer from the
   * evaluation's first submission on (the draft phase is the NGO's own, as in its history:
   * AuditService.visible). A submission and its comment share one transaction, so one created_at.
   */
  scopeComments<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'comment') {
    if (actor.role === 'admin' || actor.role === 'coordinator') return qb;
    return qb.andWhere(
      `${alias}.createdAt >= (SELECT min(submission.submitted_at) FROM evaluation_submissions submission
                               WHERE submission.evaluation_id = ${alias}.evaluationId)`,
    );
  },

  /** Evaluations the actor may edit, submit and amend: the owning NGO's coordinators, admins. */
  scopeOwnedEvaluations<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'evaluation') {
    if (actor.role === 'admin') return qb;
    if (actor.role !== 'coordinator') return qb.andWhere('false');
    return qb.andWhere(`${alias}.organizationId = :actorOrganizationId`, { actorOrganizationId: actor.organizationId });
  },

  /**
   * Restricts an evaluation query (alias `evaluation`) to what the actor may pool in an analysis:
   * approved evaluations only (an approved amendment supersedes its predecessor); researchers
   * and admins see all of them, everyone else the approved ones among those they can read.
   */
  scopeAnalysableEvaluations<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>, alias = 'evaluation') {
    qb.andWhere(`${alias}.status = 'approved'`);
    if (actor.role === 'researcher' || actor.role === 'admin') return qb;
    return AccessPolicy.scopeEvaluations(actor, qb, alias);
  },

  /**
   * Whether the actor sees an evaluation's aggregates exactly (PRODUCT.md, hard rule 2): the owning
   * NGO's coordinators, the funder of the evaluation's grant once the NGO accepted it (hard rule 3),
   * administrators. Everyone else is an outsider and gets what disclosure/ releases.
   */
  seesExactNumbers(
    actor: Actor,
    owner: { organizationId: number; funderOrganizationId: number | null; grantConsent: GrantConsent | null },
  ): boolean {
    if (actor.role === 'admin') return true;
    if (actor.role === 'coordinator') return actor.organizationId === owner.organizationId;
    if (actor.role === 'funder') {
      return owner.grantConsent === 'accepted' && actor.organizationId === owner.funderOrganizationId;
    }
    return false;
  },

  /**
   * Who sees the same pooled analyses and evidence map, so may share a cached answer: every
   * researcher (the outsider view of everything), every admin (everything, exactly); coordinators
   * and funders see their own organization's evaluations.
   */
  analysisAudience(actor: Actor): string {
    return actor.role === 'researcher' || actor.role === 'admin' ? actor.role : `${actor.role}:${actor.organizationId}`;
  },

  /** Whether the actor's dashboard has this part (DASHBOARD_SECTIONS). */
  dashboardShows(actor: Pick<Actor, 'role'>, section: DashboardSection): boolean {
    return DASHBOARD_SECTIONS[actor.role].includes(section);
  },

  /** Whether the actor may read a background job: the user who started it, an admin, or a coordinator of its organization. */
  mayReadJob(actor: Actor, job: { actorUserId: number; organizationId: number | null }): boolean {
    return (
      actor.role === 'admin' ||
      job.actorUserId === actor.userId ||
      (actor.role === 'coordinator' && job.organizationId === actor.organizationId)
    );
  },

  /**
   * The grants whose targets the actor may change (by hand or by import): a grantee's coordinators
   * report on the grants they can see (actual values only, targetFieldsFor), a funder or an admin
   * set targets on the grants they may change.
   */
  scopeTargetGrants<T extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return actor.role === 'coordinator'
      ? AccessPolicy.scopeGrants(actor, qb)
      : AccessPolicy.scopeWritableGrants(actor, qb);
  },

  /** Whether the actor sets targets (creates and removes them): the grant's funder or an admin. */
  maySetTargets(actor: Pick<Actor, 'role'>): boolean {
    const fields = AccessPolicy.targetFieldsFor(actor);
    return fields === 'all' || fields.has('targetValue');
  },

  /** Whether the actor reviews this evaluation: the funder of its grant, or an admin. */
  mayReview(actor: Actor, grant: { funderOrganizationId: number; consent: GrantConsent } | null): boolean {
    if (actor.role === 'admin') return true;
    return (
      actor.role === 'funder' &&
      grant !== null &&
      grant.consent === 'accepted' &&
      grant.funderOrganizationId === actor.organizationId
    );
  },
};
