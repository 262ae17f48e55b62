import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy, type DashboardSection } from '../access/access.policy';
import { AuditEvent } from '../database/entities/audit-event.entity';
import { Evaluation } from '../database/entities/evaluation.entity';
import { commentThread } from '../evaluations/review.service';
import { EvaluationRating } from '../database/entities/evaluation-rating.entity';
import { Grant, GrantProgram, ReportingPeriod, Target } from '../database/entities/grant.entity';
import { Indicator } from '../database/entities/indicator.entity';
import { targetProgress } from '../rules/reporting-schedule';
import { Job } from '../database/entities/job.entity';
import { Organization } from '../database/entities/organization.entity';
import { outcomeSwitching } from '../rules/measurement-rules';
import { Program } from '../database/entities/program.entity';
import { User } from '../database/entities/user.entity';
import { EVALUATION_STATUSES } from '../vocabulary/evaluations';

const DAY = 24 * 60 * 60 * 1000;
/** Reporting periods due within this many days count as "due soon". */
const DUE_SOON_DAYS = 30;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What each role sees first (issue 7's dashboards): everything is scoped by the access policy,
 * so the numbers are the ones the same person could find in the lists.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forActor(actor: Actor, today = new Date()) {
    const manager = this.db.manager;
    const evaluationsQb = () =>
      AccessPolicy.scopeEvaluations(actor, manager.getRepository(Evaluation).createQueryBuilder('evaluation'));
    const shows = (section: DashboardSection) => AccessPolicy.dashboardShows(actor, section);
    const evaluations = shows('evaluations')
      ? await evaluationsQb().orderBy('evaluation.updatedAt', 'DESC').getMany()
      : [];
    const byStatus = Object.fromEntries(
      EVALUATION_STATUSES.map((s) => [s, evaluations.filter((e) => e.status === s).length]),
    );
    const programIds = [...new Set(evaluations.map((e) => e.programId))];
    const programs = new Map(
      (programIds.length ? await manager.findBy(Program, { id: In(programIds) }) : []).map((p) => [p.id, p]),
    );
    const organizationIds = [...new Set(evaluations.map((e) => e.organizationId))];
    const organizations = new Map(
      (organizationIds.length ? await manager.findBy(Organization, { id: In(organizationIds) }) : []).map((o) => [
        o.id,
        o.name,
      ]),
    );
    const describe = (e: Evaluation) => ({
      evaluationId: e.id,
      title: e.title,
      status: e.status,
      revision: e.revision,
      programName: programs.get(e.programId)?.name ?? '',
      organizationName: organizations.get(e.organizationId) ?? '',
    });

    const reviewQueue = evaluations
      .filter((e) => e.status === 'submitted' && shows('reviewQueue'))
      .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0))
      .map((e) => ({
        ...describe(e),
        submittedAt: e.submittedAt,
        waitingDays: e.submittedAt ? Math.floor((today.getTime() - e.submittedAt.getTime()) / DAY) : 0,
      }));
    const needsAction = shows('needsAction')
      ? evaluations
          .filter((e) => e.status === 'changes_requested' || e.status === 'draft')
          .map((e) => ({ ...describe(e), reason: e.status === 'changes_requested' ? 'changes_requested' : 'draft' }))
      : [];
    const switching = evaluations
      .map((e) => ({ e, change: outcomeSwitching(e.registeredPrimaryIndicatorIds, e.primaryIndicatorIds) }))
      .filter(({ e, change }) => change !== null && e.status !== 'draft')
      .map(({ e, change }) => ({ ...describe(e), added: change!.added, removed: change!.removed }));

    const ratings = evaluations.length
      ? await manager.findBy(EvaluationRating, { evaluationId: In(evaluations.map((e) => e.id)) })
      : [];
    const ratingCounts: Record<string, number> = { effective: 0, promising: 0, no_effects: 0, insufficient: 0 };
    for (const r of ratings) ratingCounts[r.rating] = (ratingCounts[r.rating] ?? 0) + 1;
    const approvedUndecided = evaluations.filter(
      (e) => e.status === 'approved' && !ratings.some((r) => r.evaluationId === e.id),
    ).length;

    const comments =
      evaluations.length && shows('comments')
        ? await commentThread(
            manager,
            actor,
            evaluations.map((e) => e.id),
            true,
          )
            .take(8)
            .getMany()
        : [];
    const titles = new Map(evaluations.map((e) => [e.id, e.title]));

    const grants = await this.grants(actor, today);
    const ownPrograms = shows('ownPrograms')
      ? await AccessPolicy.scopePrograms(actor, manager.getRepository(Program).createQueryBuilder('program'))
          .orderBy('program.name', 'ASC')
          .getMany()
      : [];
    return {
      role: actor.role,
      today: isoDate(today),
      evaluationsByStatus: byStatus,
      needsAction,
      programs: ownPrograms.map((p) => ({
        programId: p.id,
        name: p.name,
        strategy: p.strategy,
        status: p.status,
        evaluations: evaluations.filter((e) => e.programId === p.id && e.status !== 'superseded').length,
      })),
      reviewQueue,
      outcomeSwitching: switching,
      ratings: { ...ratingCounts, approvedUndecided },
      latestComments: comments.map((c) => ({
        evaluationId: c.evaluationId,
        title: titles.get(c.evaluationId) ?? '',
        author: c.authorName,
        role: c.authorRole,
        kind: c.kind,
        body: c.body,
        at: c.createdAt,
      })),
      ...grants,
      ...(shows('administration') ? await this.administration() : {}),
    };
  }

  private async grants(actor: Actor, today: Date) {
    const manager = this.db.manager;
    if (!AccessPolicy.dashboardShows(actor, 'grants'))
      return { grants: [], grantOffers: [], reportingPeriodsDue: [], portfolio: { byStrategy: [], byCountry: [] } };
    const grants = await AccessPolicy.scopeGrants(actor, manager.getRepository(Grant).createQueryBuilder('grant'))
      .orderBy('grant.startDate', 'DESC')
      .getMany();
    if (grants.length === 0)
      return { grants: [], grantOffers: [], reportingPeriodsDue: [], portfolio: { byStrategy: [], byCountry: [] } };
    const ids = grants.map((g) => g.id);
    const [periods, targets, links] = await Promise.all([
      manager.find(ReportingPeriod, { where: { grantId: In(ids) }, order: { startDate: 'ASC' } }),
      manager.find(Target, { where: { grantId: In(ids) } }),
      manager.findBy(GrantProgram, { grantId: In(ids) }),
    ]);
    const programs = new Map(
      (links.length ? await manager.findBy(Program, { id: In([...new Set(links.map((l) => l.programId))]) }) : []).map(
        (p) => [p.id, p],
      ),
    );
    const indicatorIds = [...new Set(targets.map((t) => t.indicatorId))];
    const indicators = new Map(
      (indicatorIds.length ? await manager.findBy(Indicator, { id: In(indicatorIds) }) : []).map((i) => [i.id, i]),
    );
    const organizations = new Map(
      (
        await manager.findBy(Organization, {
          id: In([...new Set(grants.flatMap((g) => [g.funderOrganizationId, g.granteeOrganizationId]))]),
        })
      ).map((o) => [o.id, o.name]),
    );
    const todayIso = isoDate(today);
    const soon = isoDate(new Date(today.getTime() + DUE_SOON_DAYS * DAY));

    const grantRows = grants.map((g) => {
      const own = targets.filter(
        (t) => t.grantId === g.id && t.sex === 'total' && t.ageBand === 'total' && t.region === 'total',
      );
      const reported = own.filter((t) => t.actualValue !== null);
      const progress = reported
        .map((t) =>
          targetProgress(indicators.get(t.indicatorId)!.direction, t.baselineValue, t.targetValue, t.actualValue),
        )
        .filter((p): p is number => p !== null);
      const ownPeriods = periods.filter((p) => p.grantId === g.id);
      const byIndicator = [...new Set(own.map((t) => t.indicatorId))].map((indicatorId) => {
        const indicator = indicators.get(indicatorId)!;
        const series = ownPeriods.map((p) => {
          const t = own.find((x) => x.indicatorId === indicatorId && x.reportingPeriodId === p.id);
          return { periodId: p.id, label: p.label, target: t?.targetValue ?? null, actual: t?.actualValue ?? null };
        });
        const latest = [...own]
          .filter((t) => t.indicatorId === indicatorId && t.actualValue !== null)
          .sort(
            (a, b) =>
              ownPeriods.findIndex((p) => p.id === b.reportingPeriodId) -
              ownPeriods.findIndex((p) => p.id === a.reportingPeriodId),
          )[0];
        return {
          indicatorId,
          code: indicator.code,
          name: indicator.name,
          measureType: indicator.measureType,
          unit: indicator.unit,
          /** Progress at the latest reported period (1 = on target), or null before any actual value. */
          progress: latest
            ? targetProgress(indicator.direction, latest.baselineValue, latest.targetValue, latest.actualValue)
            : null,
          periods: series,
        };
      });
      return {
        grantId: g.id,
        title: g.title,
        reference: g.reference,
        funder: organizations.get(g.funderOrganizationId) ?? '',
        grantee: organizations.get(g.granteeOrganizationId) ?? '',
        amount: g.amount,
        currency: g.currency,
        status: g.status,
        consent: g.consent,
        targets: own.length,
        reportedTargets: reported.length,
        /** Median progress of the reported targets (1 = on target). */
        medianProgress: progress.length ? progress.sort((a, b) => a - b)[Math.floor((progress.length - 1) / 2)] : null,
        indicators: byIndicator,
      };
    });

    const reportingPeriodsDue = periods
      .filter((p) => p.dueDate <= soon)
      .map((p) => {
        const missing = targets.filter((t) => t.reportingPeriodId === p.id && t.actualValue === null).length;
        const grant = grants.find((g) => g.id === p.grantId)!;
        return {
          grantId: grant.id,
          grantTitle: grant.title,
          periodId: p.id,
          label: p.label,
          dueDate: p.dueDate,
          overdue: p.dueDate < todayIso,
          missingActuals: missing,
        };
      })
      .filter((p) => p.missingActuals > 0);

    const byStrategy = new Map<string, { strategy: string; grants: number; amounts: Record<string, number> }>();
    const byCountry = new Map<string, { country: string; grants: number; amounts: Record<string, number> }>();
    for (const g of grants) {
      const own = links
        .filter((l) => l.grantId === g.id)
        .map((l) => programs.get(l.programId))
        .filter((p): p is Program => !!p);
      for (const strategy of new Set(own.map((p) => p.strategy))) {
        const row = byStrategy.get(strategy) ?? { strategy, grants: 0, amounts: {} };
        row.grants++;
        row.amounts[g.currency] = (row.amounts[g.currency] ?? 0) + g.amount;
        byStrategy.set(strategy, row);
      }
      for (const country of new Set(own.flatMap((p) => p.countries))) {
        const row = byCountry.get(country) ?? { country, grants: 0, amounts: {} };
        row.grants++;
        row.amounts[g.currency] = (row.amounts[g.currency] ?? 0) + g.amount;
        byCountry.set(country, row);
      }
    }
    // Offered grants wait for the grantee's answer (PRODUCT.md, hard rule 3): its coordinators
    // accept or decline them; the funder sees which of its offers are still open.
    const grantOffers = grants
      .filter((g) => g.consent === 'offered')
      .map((g) => ({
        grantId: g.id,
        title: g.title,
        reference: g.reference,
        funder: organizations.get(g.funderOrganizationId) ?? '',
        grantee: organizations.get(g.granteeOrganizationId) ?? '',
        amount: g.amount,
        currency: g.currency,
        startDate: g.startDate,
        endDate: g.endDate,
      }));
    return {
      grants: grantRows,
      grantOffers,
      reportingPeriodsDue,
      portfolio: { byStrategy: [...byStrategy.values()], byCountry: [...byCountry.values()] },
    };
  }

  private async administration() {
    const manager = this.db.manager;
    const [users, organizations, recentAudit, failedJobs] = await Promise.all([
      manager.count(User),
      manager.count(Organization),
      manager.find(AuditEvent, { order: { at: 'DESC', id: 'DESC' }, take: 10 }),
      manager.find(Job, { where: { state: 'failed' }, order: { createdAt: 'DESC' }, take: 10 }),
    ]);
    return {
      administration: {
        users,
        organizations,
        recentAudit: recentAudit.map((a) => ({
          at: a.at,
          action: a.action,
          entityType: a.entityType,
          entityId: a.entityId,
          actorUserId: a.actorUserId,
        })),
        failedJobs: failedJobs.map((j) => ({
          id: j.id,
          kind: j.kind,
          createdAt: j.createdAt,
          errorCount: j.errorCount,
          message: j.result?.message ?? null,
        })),
      },
    };
  }
}
