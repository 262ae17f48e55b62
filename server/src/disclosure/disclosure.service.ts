import type { GrantConsent } from '../vocabulary/grants';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { asSystem } from '../database/db-context';
import { Evaluation } from '../database/entities/evaluation.entity';
import { Indicator } from '../database/entities/indicator.entity';
import { Program } from '../database/entities/program.entity';
import type { Arm, Design, Timepoint } from '../vocabulary/evaluations';
import type { MeasureType } from '../vocabulary/indicators';
import type { Strategy } from '../vocabulary/programs';
import { disclosedEffects, type DisclosedEffects, type DisclosedMeasurement } from './disclosed-effects';
import { releasePlan, type ReleasePlan } from './selections';
import { suppressRevisions, type SuppressedField } from './suppression';

/** Whose numbers an actor sees: its own (and its grantees', and an admin's everything), or an outsider's. */
export type View = 'owner' | 'outsider';

export interface DisclosureScope {
  strategy?: Strategy;
  country?: string;
  yearFrom?: number;
  yearTo?: number;
  indicatorIds?: number[];
  /** Only the total rows leave (analyses); suppression still weighs every row. */
  totalsOnly?: boolean;
}

export interface DisclosedRow extends DisclosedMeasurement {
  evaluationId: number;
  indicatorId: number;
  arm: Arm;
  timepoint: Timepoint;
  sex: string;
  ageBand: string;
  region: string;
  events: number | null;
  mean: number | null;
  sd: number | null;
  value: number | null;
}

export interface DisclosedEvaluation {
  evaluation: {
    id: number;
    title: string;
    design: Design;
    prePostCorrelation: number;
    revision: number;
    startDate: string;
    endDate: string | null;
  };
  program: { id: number; name: string; strategy: Strategy; countries: string[] };
  view: View;
  /** The measurements as this actor may see them: hidden fields are null and named in `hidden`. */
  measurements: DisclosedRow[];
}

export interface DisclosureSettings {
  /** Counts from 1 to threshold − 1 are hidden from outsiders (SUPPRESSION_K). */
  threshold: number;
  /** Pooled results for outsiders rest on at least this many evaluations (SUPPRESSION_MIN_STUDIES). */
  minStudies: number;
}

/**
 * The one gate between stored aggregates and anything an outsider can request
 * (docs/methods.md#disclosure-control): outsider-facing outputs — the research data set, pooled
 * analyses, the evidence map — read approved evaluations and their measurements only from here,
 * with hidden counts already replaced by null, take effects only from `effectsOf` (withheld when
 * they rest on a hidden count) and release pooled selections only through `releasePlan`.
 */
@Injectable()
export class DisclosureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get settings(): DisclosureSettings {
    return { threshold: this.config.suppressionK, minStudies: this.config.suppressionMinStudies };
  }

  /** Approved evaluations the actor may analyse, with their measurements as the actor may see them. */
  async evaluations(manager: EntityManager, actor: Actor, scope: DisclosureScope): Promise<DisclosedEvaluation[]> {
    const qb = AccessPolicy.scopeAnalysableEvaluations(
      actor,
      manager
        .getRepository(Evaluation)
        .createQueryBuilder('evaluation')
        .innerJoin(Program, 'program', 'program.id = evaluation.programId')
        .select('evaluation.id', 'id')
        .addSelect('evaluation.title', 'title')
        .addSelect('evaluation.design', 'design')
        .addSelect('evaluation.prePostCorrelation', 'prePostCorrelation')
        .addSelect('evaluation.revision', 'revision')
        .addSelect('evaluation.start_date::text', 'startDate')
        .addSelect('evaluation.end_date::text', 'endDate')
        .addSelect('evaluation.organizationId', 'organizationId')
        .addSelect('evaluation.previous_revision_id', 'previousRevisionId')
        // Null where the actor may not read the grant (row-level security): then it is not its funder.
        .addSelect('(SELECT g.funder_organization_id FROM grants g WHERE g.id = evaluation.grant_id)', 'funderId')
        .addSelect('(SELECT g.consent FROM grants g WHERE g.id = evaluation.grant_id)', 'grantConsent')
        .addSelect('program.id', 'programId')
        .addSelect('program.name', 'programName')
        .addSelect('program.strategy', 'strategy')
        .addSelect('program.countries', 'countries'),
    );
    if (scope.strategy) qb.andWhere('program.strategy = :strategy', { strategy: scope.strategy });
    if (scope.country) qb.andWhere(':country = ANY(program.countries)', { country: scope.country });
    if (scope.yearFrom)
      qb.andWhere('EXTRACT(YEAR FROM COALESCE(evaluation.endDate, evaluation.startDate)) >= :from', {
        from: scope.yearFrom,
      });
    if (scope.yearTo) qb.andWhere('EXTRACT(YEAR FROM evaluation.startDate) <= :to', { to: scope.yearTo });
    const rows = await qb.orderBy('evaluation.id').getRawMany<EvaluationRow>();
    if (rows.length === 0) return [];
    const evaluations = rows.map((e): DisclosedEvaluation => ({
      evaluation: {
        id: e.id,
        title: e.title,
        design: e.design,
        prePostCorrelation: e.prePostCorrelation,
        revision: e.revision,
        startDate: e.startDate,
        endDate: e.endDate,
      },
      program: { id: e.programId, name: e.programName, strategy: e.strategy, countries: e.countries },
      view: AccessPolicy.seesExactNumbers(actor, {
        organizationId: e.organizationId,
        funderOrganizationId: e.funderId,
        grantConsent: e.grantConsent,
      })
        ? 'owner'
        : 'outsider',
      measurements: [],
    }));
    const outsiderIds = evaluations.filter((e) => e.view === 'outsider').map((e) => e.evaluation.id);
    const stored = await manager.query<StoredRow[]>(
      ...this.measurementsQuery(
        evaluations.map((e) => e.evaluation.id),
        outsiderIds,
        rows,
        scope,
      ),
    );
    const earlier = await this.earlierRevisions(outsiderIds, scope.indicatorIds);
    const indicators = await this.measuresOf(manager, [
      ...new Set([...stored, ...[...earlier.values()].flat(2)].map((m) => m.indicatorId)),
    ]);
    const byEvaluation = new Map<number, StoredRow[]>();
    for (const row of stored) {
      const list = byEvaluation.get(row.evaluationId);
      if (list) list.push(row);
      else byEvaluation.set(row.evaluationId, [row]);
    }
    let since = Date.now();
    for (const disclosed of evaluations) {
      // Suppression is CPU work: let other requests in every few milliseconds on large reads.
      if (Date.now() - since > 20) {
        await new Promise((resolve) => setImmediate(resolve));
        since = Date.now();
      }
      const own = byEvaluation.get(disclosed.evaluation.id) ?? [];
      const seen =
        disclosed.view === 'owner'
          ? own.map((row) => ({ ...row, hidden: [] as SuppressedField[] }))
          : this.hideSmallCounts([...(earlier.get(disclosed.evaluation.id) ?? []), own], indicators);
      disclosed.measurements = scope.totalsOnly
        ? seen.filter((m) => m.sex === 'total' && m.ageBand === 'total' && m.region === 'total')
        : seen;
      if (scope.indicatorIds) {
        const wanted = new Set(scope.indicatorIds);
        disclosed.measurements = disclosed.measurements.filter((m) => wanted.has(m.indicatorId));
      }
    }
    return scope.indicatorIds ? evaluations.filter((e) => e.measurements.length > 0) : evaluations;
  }

  /**
   * The measurements to read. Outsiders' data sets need every row. Analyses need the totals, and
   * for an outsider also every row of a group (indicator, arm, timepoint) that suppression may
   * touch: one holding a possibly small count (a superset of suppression.ts's test, so no group
   * that needs suppressing is missed), or of an amended evaluation (its history may pin cells).
   * A group without either stays whole, so its totals are all the analyses need.
   */
  private measurementsQuery(
    ids: number[],
    outsiderIds: number[],
    evaluations: EvaluationRow[],
    scope: DisclosureScope,
  ): [string, unknown[]] {
    const params: unknown[] = [ids];
    const where = ['m.evaluation_id = ANY($1)'];
    if (scope.indicatorIds) {
      params.push(scope.indicatorIds);
      where.push(`m.indicator_id = ANY($${params.length})`);
    }
    let flagged = '';
    if (scope.totalsOnly) {
      const totals = `m.sex = 'total' AND m.age_band = 'total' AND m.region = 'total'`;
      if (outsiderIds.length === 0) {
        where.push(totals);
      } else {
        const outsiders = new Set(outsiderIds);
        const amended = evaluations.filter((e) => outsiders.has(e.id) && e.previousRevisionId !== null);
        params.push(
          outsiderIds,
          this.config.suppressionK,
          amended.map((e) => e.id),
        );
        const [outsider, k, amendedIds] = [params.length - 2, params.length - 1, params.length];
        const small = (x: string) => `(${x} > 0 AND ${x} < $${k})`;
        flagged = `WITH flagged AS (
          SELECT DISTINCT f.evaluation_id, f.indicator_id, f.arm, f.timepoint
            FROM outcome_measurements f JOIN indicators i ON i.id = f.indicator_id
           WHERE f.evaluation_id = ANY($${outsider})
             AND (${small('f.n')} OR ${small('f.events')} OR ${small('f.n - f.events')} OR ${small('f.value')}
                  OR (i.measure_type = 'rate' AND f.value > 0
                      AND (i.rate_base IS NULL OR f.value * f.n / i.rate_base < $${k}))))`;
        where.push(`((${totals}) OR m.evaluation_id = ANY($${amendedIds}) OR EXISTS (
          SELECT 1 FROM flagged f WHERE f.evaluation_id = m.evaluation_id AND f.indicator_id = m.indicator_id
             AND f.arm = m.arm AND f.timepoint = m.timepoint))`);
      }
    }
    return [
      `${flagged}
       SELECT m.evaluation_id AS "evaluationId", m.indicator_id AS "indicatorId", m.arm, m.timepoint, m.sex,
              m.age_band AS "ageBand", m.region, m.n, m.events, m.mean, m.sd, m.value
         FROM outcome_measurements m
        WHERE ${where.join(' AND ')}
        ORDER BY m.evaluation_id, m.indicator_id, m.arm, m.timepoint, m.sex, m.age_band, m.region`,
      params,
    ];
  }

  /** An evaluation's effects for one indicator as the actor may see them (withheld on hidden inputs). */
  effectsOf(
    disclosed: DisclosedEvaluation,
    indicator: { id: number; measureType: MeasureType; direction: Indicator['direction'] },
  ): DisclosedEffects[] {
    return disclosedEffects({
      design: disclosed.evaluation.design,
      direction: indicator.direction,
      measureType: indicator.measureType,
      measurements: disclosed.measurements.filter((m) => m.indicatorId === indicator.id),
      prePostCorrelation: disclosed.evaluation.prePostCorrelation,
    });
  }

  /** Which selections of one indicator × timepoint × measure the audience may see. */
  releasePlan(view: View, studiesByStrategy: ReadonlyMap<Strategy, number>): ReleasePlan<Strategy> | null {
    return view === 'owner' ? null : releasePlan(studiesByStrategy, this.config.suppressionMinStudies);
  }

  /**
   * Suppression of the newest revision in the light of the earlier approved ones, which outsiders
   * may have downloaded while they were current (suppression.ts, suppressRevisions).
   */
  private hideSmallCounts(revisions: StoredRow[][], indicators: Map<number, IndicatorMeasure>): DisclosedRow[] {
    const cells = suppressRevisions(
      revisions.map((rows) =>
        rows.map((m) => ({
          ...m,
          group: `${m.indicatorId}|${m.arm}|${m.timepoint}`,
          measureType: indicators.get(m.indicatorId)?.measureType,
          rateBase: indicators.get(m.indicatorId)?.rateBase ?? null,
        })),
      ),
      this.config.suppressionK,
    );
    return cells.map(({ row, suppressed }) => {
      const hidden = [...suppressed];
      const show = <V>(field: SuppressedField, value: V): V | null => (suppressed.has(field) ? null : value);
      return {
        evaluationId: row.evaluationId,
        indicatorId: row.indicatorId,
        arm: row.arm,
        timepoint: row.timepoint,
        sex: row.sex,
        ageBand: row.ageBand,
        region: row.region,
        n: show('n', row.n),
        events: show('events', row.events),
        mean: show('mean', row.mean),
        sd: show('sd', row.sd),
        value: show('value', row.value),
        hidden,
      };
    });
  }

  /**
   * The measurements of the earlier approved (now superseded) revisions of each evaluation, oldest
   * first. Outsiders may no longer read them (row-level security), so they are read unrestricted,
   * only to decide what stays hidden; they never leave this service.
   */
  private async earlierRevisions(ids: number[], indicatorIds?: number[]): Promise<Map<number, StoredRow[][]>> {
    const result = new Map<number, StoredRow[][]>();
    if (ids.length === 0) return result;
    const rows = await asSystem(() =>
      this.db.query<(StoredRow & { currentId: number; revision: number })[]>(
        `WITH RECURSIVE chain AS (
           SELECT e.id AS current_id, e.previous_revision_id AS earlier_id
             FROM evaluations e WHERE e.id = ANY($1) AND e.previous_revision_id IS NOT NULL
           UNION ALL
           SELECT c.current_id, e.previous_revision_id
             FROM chain c JOIN evaluations e ON e.id = c.earlier_id WHERE e.previous_revision_id IS NOT NULL
         )
         SELECT c.current_id AS "currentId", ev.revision, m.evaluation_id AS "evaluationId",
                m.indicator_id AS "indicatorId", m.arm, m.timepoint, m.sex, m.age_band AS "ageBand", m.region,
                m.n, m.events, m.mean, m.sd, m.value
           FROM chain c
           JOIN evaluations ev ON ev.id = c.earlier_id AND ev.status = 'superseded'
           JOIN outcome_measurements m ON m.evaluation_id = ev.id
          ${indicatorIds ? 'WHERE m.indicator_id = ANY($2)' : ''}
          ORDER BY c.current_id, ev.revision`,
        indicatorIds ? [ids, indicatorIds] : [ids],
      ),
    );
    const byRevision = new Map<number, Map<number, StoredRow[]>>();
    for (const { currentId, revision, ...row } of rows) {
      const revisions = byRevision.get(currentId) ?? new Map<number, StoredRow[]>();
      const list = revisions.get(revision) ?? [];
      list.push(row);
      revisions.set(revision, list);
      byRevision.set(currentId, revisions);
    }
    for (const [currentId, revisions] of byRevision) {
      result.set(
        currentId,
        [...revisions].sort(([a], [b]) => a - b).map(([, list]) => list),
      );
    }
    return result;
  }

  private async measuresOf(manager: EntityManager, ids: number[]): Promise<Map<number, IndicatorMeasure>> {
    if (ids.length === 0) return new Map();
    const indicators = await manager.findBy(Indicator, { id: In(ids) });
    return new Map(indicators.map((i) => [i.id, { measureType: i.measureType, rateBase: i.rateBase }]));
  }
}

interface IndicatorMeasure {
  measureType: MeasureType;
  rateBase: number | null;
}

interface EvaluationRow {
  id: number;
  title: string;
  design: Design;
  prePostCorrelation: number;
  revision: number;
  startDate: string;
  endDate: string | null;
  organizationId: number;
  previousRevisionId: number | null;
  funderId: number | null;
  grantConsent: GrantConsent | null;
  programId: number;
  programName: string;
  strategy: Strategy;
  countries: string[];
}

/** A measurement as stored: the disclosed shape with every number present. */
type StoredRow = Omit<DisclosedRow, 'hidden' | 'n'> & { n: number };
