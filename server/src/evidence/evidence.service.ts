import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import {
  attrition,
  baselineEquivalence,
  computeEffects,
  metaAnalysis,
  RATIO_MEASURES,
  SIGNIFICANCE_LEVEL,
  suggestRating,
  type AttritionResult,
  type ComputedEffects,
  type EffectMeasure,
  type JudgedEffect,
  type MetaMethod,
  type MetaTest,
  type RatingSuggestion,
  type StudyInput,
} from '../analysis';
import { UnprocessableError, ValidationFailedError } from '../common/errors';
import { readFromReplica } from '../database/replica';
import { Evaluation } from '../evaluations/evaluation.entity';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { Indicator } from '../indicators/indicator.entity';
import { OutcomeMeasurement } from '../outcomes/outcome-measurement.entity';
import { Program } from '../programs/program.entity';
import { STRATEGIES, type Strategy } from '../vocabulary/programs';
import type { Timepoint } from '../vocabulary/evaluations';

/** How many pooled results and evidence maps one server process keeps (least recently used go first). */
const EVIDENCE_CACHE_SIZE = 200;

/** Which measures fit an indicator's measure type. */
export const MEASURES_FOR = {
  proportion: ['RR', 'OR', 'RD'],
  mean: ['SMD', 'SMCR'],
  count: [],
  rate: [],
} as const satisfies Record<Indicator['measureType'], readonly EffectMeasure[]>;

/** The comparison each measure pools: SMCR is a change within one group, the rest compare arms. */
const POOLED_COMPARISON: Record<EffectMeasure, ComputedEffects['comparison']> = {
  RR: 'treatment_vs_comparison',
  OR: 'treatment_vs_comparison',
  RD: 'treatment_vs_comparison',
  SMD: 'treatment_vs_comparison',
  SMCR: 'post_vs_baseline',
};

export interface EffectRow {
  indicatorId: number;
  indicatorCode: string;
  indicatorName: string;
  measureType: string;
  primary: boolean;
  timepoint: Timepoint;
  comparison: ComputedEffects['comparison'];
  measure: EffectMeasure;
  yi: number;
  vi: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  favorable: boolean;
  significant: boolean;
  note?: string;
  nTreatment: number;
  nComparison: number;
  estimate?: number;
  estimateCiLow?: number;
  estimateCiHigh?: number;
  zeroCellCorrection?: boolean;
  baselineEquivalence: { g: number | null; status: string; index?: string; reason?: string };
  attrition: AttritionResult;
}

export interface EvaluationEvidence {
  effects: EffectRow[];
  skipped: { indicatorId: number; indicatorCode: string; timepoint: Timepoint; reason: string }[];
  attrition: AttritionResult;
  rating: RatingSuggestion;
}

const TOTAL = { sex: 'total', ageBand: 'total', region: 'total' } as const;

function pick(effects: JudgedEffect[], measure: EffectMeasure | undefined, fallback: EffectMeasure): JudgedEffect {
  return effects.find((e) => e.measure === measure) ?? effects.find((e) => e.measure === fallback) ?? effects[0];
}

export interface PooledQuery {
  indicatorId: number;
  strategy?: Strategy;
  measure?: EffectMeasure;
  method: MetaMethod;
  test: MetaTest;
  timepoint: Timepoint;
}

/**
 * Effects of one evaluation, its suggested rating, and pooled estimates across approved
 * evaluations: the statistics of analysis/ fed from stored aggregates, under the access policy.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluations: EvaluationsService,
  ) {}

  /** Effects per indicator × timepoint, the WWC checks, and the rating suggestion. */
  async forEvaluation(actor: Actor, id: number, measure?: EffectMeasure): Promise<EvaluationEvidence> {
    const evaluation = await this.evaluations.findVisible(actor, id);
    return this.evidenceOf(evaluation, measure);
  }

  async evidenceOf(evaluation: Evaluation, measure?: EffectMeasure): Promise<EvaluationEvidence> {
    const measurements = await this.db.manager.find(OutcomeMeasurement, {
      where: { evaluationId: evaluation.id, ...TOTAL },
    });
    const indicatorIds = [...new Set([...measurements.map((m) => m.indicatorId), ...evaluation.primaryIndicatorIds])];
    const indicators = indicatorIds.length ? await this.db.manager.findBy(Indicator, { id: In(indicatorIds) }) : [];
    const attritionResult = attrition({
      design: evaluation.design,
      plannedSizes: evaluation.plannedSizes,
      achievedSizes: evaluation.achievedSizes,
    });
    const effects: EffectRow[] = [];
    const skipped: EvaluationEvidence['skipped'] = [];
    const primaryEvidence: Parameters<typeof suggestRating>[0]['primaryOutcomes'][number][] = [];
    for (const indicator of indicators.sort((a, b) => a.code.localeCompare(b.code))) {
      const rows = measurements.filter((m) => m.indicatorId === indicator.id);
      const primary = evaluation.primaryIndicatorIds.includes(indicator.id);
      const baseline = baselineEquivalence(evaluation.design, indicator.measureType, rows);
      const results = computeEffects({
        design: evaluation.design,
        direction: indicator.direction,
        measureType: indicator.measureType,
        measurements: rows,
        prePostCorrelation: evaluation.prePostCorrelation,
      });
      for (const result of results) {
        if (result.status === 'not_computed') {
          skipped.push({
            indicatorId: indicator.id,
            indicatorCode: indicator.code,
            timepoint: result.timepoint,
            reason: result.reason,
          });
          continue;
        }
        const effect = pick(result.effects, measure, result.defaultMeasure);
        effects.push({
          indicatorId: indicator.id,
          indicatorCode: indicator.code,
          indicatorName: indicator.name,
          measureType: indicator.measureType,
          primary,
          timepoint: result.timepoint,
          comparison: result.comparison,
          ...effect,
          significant: effect.pValue < SIGNIFICANCE_LEVEL,
          ...(result.note ? { note: result.note } : {}),
          nTreatment: result.nTreatment,
          nComparison: result.nComparison,
          baselineEquivalence: baseline,
          attrition: attritionResult,
        });
      }
      if (primary) {
        const post = results.find((r): r is ComputedEffects => r.timepoint === 'post' && r.status === 'computed');
        const missing = results.find((r) => r.timepoint === 'post' && r.status === 'not_computed');
        const effect = post ? post.effects.find((e) => e.measure === post.defaultMeasure)! : null;
        primaryEvidence.push({
          indicatorId: indicator.id,
          label: indicator.code,
          effect: effect ? { yi: effect.yi, pValue: effect.pValue, favorable: effect.favorable } : null,
          missingReason:
            missing && missing.status === 'not_computed' ? missing.reason : post ? undefined : 'no post data',
          baselineEquivalence: baseline,
        });
      }
    }
    const rating = suggestRating({
      design: evaluation.design,
      primaryOutcomes: primaryEvidence,
      attrition: attritionResult,
    });
    return { effects, skipped, attrition: attritionResult, rating };
  }

  /**
   * Pooled estimates and the evidence map are cached per scope and question, keyed by the version
   * of the data they read (approvals, programs, indicators, grant links): a request first reads
   * that version (one small query), so an approval, a change of strategy or of an indicator's
   * direction is seen at once, by every server process. The version and the data are read in one
   * snapshot on a read replica (database/replica.ts), so they always agree.
   */
  private readonly cache = new Map<string, { version: string; value: unknown }>();

  private cached<T>(actor: Actor, question: string, compute: (manager: EntityManager) => Promise<T>): Promise<T> {
    return readFromReplica(this.db, async (manager) => {
      const [version] = await manager.query<Record<string, unknown>[]>(
        `SELECT (SELECT count(*) FROM evaluations WHERE status = 'approved') AS approved,
              (SELECT max(updated_at) FROM evaluations) AS evaluations,
              (SELECT max(updated_at) FROM programs) AS programs,
              (SELECT max(updated_at) FROM indicators) AS indicators,
              (SELECT max(updated_at) FROM grants) AS grants,
              (SELECT count(*) FROM grant_programs) AS links`,
      );
      const versionKey = JSON.stringify(version);
      const everyone = actor.role === 'researcher' || actor.role === 'admin';
      const key = `${everyone ? 'all' : `${actor.role}:${actor.organizationId}`}|${question}`;
      const hit = this.cache.get(key);
      if (hit && hit.version === versionKey) {
        this.cache.delete(key); // most recently used last
        this.cache.set(key, hit);
        return hit.value as T;
      }
      const value = await compute(manager);
      this.cache.set(key, { version: versionKey, value });
      if (this.cache.size > EVIDENCE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      return value;
    });
  }

  /** Random- or fixed-effects pooling of one indicator across the approved evaluations the actor may see. */
  pooled(actor: Actor, query: PooledQuery) {
    return this.cached(actor, `pooled:${JSON.stringify(query)}`, (manager) =>
      this.computePooled(manager, actor, query),
    );
  }

  private async computePooled(manager: EntityManager, actor: Actor, query: PooledQuery) {
    const indicator = await manager.findOneBy(Indicator, { id: query.indicatorId });
    if (!indicator)
      throw ValidationFailedError.forField('indicatorId', `indicator ${query.indicatorId} does not exist`);
    const fitting: readonly EffectMeasure[] = MEASURES_FOR[indicator.measureType];
    if (fitting.length === 0) {
      throw ValidationFailedError.forField(
        'indicatorId',
        `${indicator.code} is a ${indicator.measureType}: counts and rates have no effect size to pool`,
      );
    }
    const measure = query.measure ?? fitting[0];
    if (!fitting.includes(measure)) {
      throw ValidationFailedError.forField(
        'measure',
        `${measure} does not fit ${indicator.code} (a ${indicator.measureType}); use ${fitting.join(', ')}`,
      );
    }
    const candidates = await this.analysable(manager, actor, query.strategy, [indicator.id]);
    const studies: (StudyInput<number> & { label: string; programId: number })[] = [];
    for (const { evaluation, program, measurements } of candidates) {
      const label = `${program.name} — ${evaluation.title}`;
      const result = computeEffects({
        design: evaluation.design,
        direction: indicator.direction,
        measureType: indicator.measureType,
        measurements: measurements.filter((m) => m.indicatorId === indicator.id),
        prePostCorrelation: evaluation.prePostCorrelation,
      }).find((r) => r.timepoint === query.timepoint);
      const base = { id: evaluation.id, label, programId: program.id };
      if (!result) {
        studies.push({ ...base, yi: null, vi: null, excludeReason: `no ${query.timepoint} data` });
      } else if (result.status === 'not_computed') {
        studies.push({ ...base, yi: null, vi: null, excludeReason: result.reason });
      } else if (result.comparison !== POOLED_COMPARISON[measure]) {
        studies.push({
          ...base,
          yi: null,
          vi: null,
          excludeReason: `a ${evaluation.design} evaluation compares ${result.comparison.replaceAll('_', ' ')}, not what ${measure} pools`,
        });
      } else {
        const effect = result.effects.find((e) => e.measure === measure)!;
        studies.push({ ...base, yi: effect.yi, vi: effect.vi });
      }
    }
    const analysis = metaAnalysis(studies, { method: query.method, test: query.test });
    const byId = new Map(studies.map((s) => [s.id, s]));
    const excluded = analysis.excluded.map((e) => ({
      evaluationId: e.id,
      label: byId.get(e.id)!.label,
      reason: e.reason,
    }));
    if (!('studies' in analysis)) {
      throw new UnprocessableError(
        `no approved evaluation you can see has a ${measure} effect for ${indicator.code}` +
          (query.strategy ? ` in strategy ${query.strategy}` : ''),
        excluded.map((e) => ({ field: `evaluation ${e.evaluationId}`, message: e.reason })),
      );
    }
    const ratio = RATIO_MEASURES.includes(measure);
    const exp = (x: number | null) => (x === null ? null : Math.exp(x));
    return {
      indicatorId: indicator.id,
      indicatorCode: indicator.code,
      strategy: query.strategy ?? null,
      timepoint: query.timepoint,
      measure,
      ...analysis,
      backTransformed: ratio
        ? {
            estimate: Math.exp(analysis.estimate),
            ciLow: Math.exp(analysis.ciLow),
            ciHigh: Math.exp(analysis.ciHigh),
            predictionLow: exp(analysis.predictionLow),
            predictionHigh: exp(analysis.predictionHigh),
          }
        : null,
      studies: analysis.studies.map((s) => {
        const study = byId.get(s.id)!;
        const se = Math.sqrt(s.vi);
        return {
          evaluationId: s.id,
          programId: study.programId,
          label: study.label,
          yi: s.yi,
          vi: s.vi,
          ciLow: s.yi - 1.959963984540054 * se,
          ciHigh: s.yi + 1.959963984540054 * se,
          weight: s.weight,
        };
      }),
      excluded,
    };
  }

  /** For each strategy × indicator with approved data: k and the REML estimate of the default measure. */
  evidenceMap(actor: Actor) {
    return this.cached(actor, 'evidence-map', (manager) => this.computeEvidenceMap(manager, actor));
  }

  private async computeEvidenceMap(manager: EntityManager, actor: Actor) {
    const candidates = await this.analysable(manager, actor, undefined, undefined);
    const indicatorIds = [...new Set(candidates.flatMap((c) => c.measurements.map((m) => m.indicatorId)))];
    const indicators = indicatorIds.length ? await manager.findBy(Indicator, { id: In(indicatorIds) }) : [];
    const cells: Record<string, unknown>[] = [];
    for (const strategy of STRATEGIES) {
      const inStrategy = candidates.filter((c) => c.program.strategy === strategy);
      for (const indicator of indicators) {
        const measure = MEASURES_FOR[indicator.measureType][0] as EffectMeasure | undefined;
        if (!measure) continue;
        const studies: StudyInput<number>[] = [];
        for (const { evaluation, measurements } of inStrategy) {
          const rows = measurements.filter((m) => m.indicatorId === indicator.id);
          if (rows.length === 0) continue;
          const post = computeEffects({
            design: evaluation.design,
            direction: indicator.direction,
            measureType: indicator.measureType,
            measurements: rows,
            prePostCorrelation: evaluation.prePostCorrelation,
          }).find((r): r is ComputedEffects => r.timepoint === 'post' && r.status === 'computed');
          if (!post || post.comparison !== POOLED_COMPARISON[measure]) continue;
          const effect = post.effects.find((e) => e.measure === measure)!;
          studies.push({ id: evaluation.id, yi: effect.yi, vi: effect.vi });
        }
        if (studies.length === 0) continue;
        const result = metaAnalysis(studies, { method: 'REML', test: 'z' });
        if (!('studies' in result)) continue;
        const ratio = RATIO_MEASURES.includes(measure);
        cells.push({
          strategy,
          indicatorId: indicator.id,
          k: result.k,
          measure,
          estimate: result.estimate,
          ciLow: result.ciLow,
          ciHigh: result.ciHigh,
          favorable: result.estimate > 0 === (indicator.direction === 'increase'),
          backTransformed: ratio
            ? { estimate: Math.exp(result.estimate), ciLow: Math.exp(result.ciLow), ciHigh: Math.exp(result.ciHigh) }
            : null,
        });
      }
    }
    return {
      strategies: STRATEGIES,
      indicators: indicators
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((i) => ({ id: i.id, code: i.code, name: i.name, measureType: i.measureType, direction: i.direction })),
      cells,
    };
  }

  /**
   * Approved evaluations the actor may pool, with their programs and total-disaggregation
   * measurements: two plain SQL reads (only the columns the statistics need, no entities), the
   * measurements grouped by evaluation in one pass. Asked about some indicators, an evaluation
   * that measured none of them is not a candidate (it would only be listed as "left out").
   */
  private async analysable(
    manager: EntityManager,
    actor: Actor,
    strategy: Strategy | undefined,
    indicatorIds: number[] | undefined,
  ) {
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
        .addSelect('program.id', 'programId')
        .addSelect('program.name', 'programName')
        .addSelect('program.strategy', 'strategy'),
    );
    if (strategy) qb.andWhere('program.strategy = :strategy', { strategy });
    const evaluations = await qb.orderBy('evaluation.id').getRawMany<AnalysableRow>();
    if (evaluations.length === 0) return [];
    const rows = await manager.query<AnalysableMeasurement[]>(
      `SELECT evaluation_id AS "evaluationId", indicator_id AS "indicatorId", arm, timepoint, sex, age_band AS "ageBand",
              region, n, events, mean, sd, value
         FROM outcome_measurements
        WHERE evaluation_id = ANY($1) AND sex = 'total' AND age_band = 'total' AND region = 'total'
          ${indicatorIds ? 'AND indicator_id = ANY($2)' : ''}`,
      indicatorIds ? [evaluations.map((e) => e.id), indicatorIds] : [evaluations.map((e) => e.id)],
    );
    const byEvaluation = new Map<number, AnalysableMeasurement[]>();
    for (const row of rows) {
      const list = byEvaluation.get(row.evaluationId);
      if (list) list.push(row);
      else byEvaluation.set(row.evaluationId, [row]);
    }
    return evaluations
      .map((e) => ({
        evaluation: { id: e.id, title: e.title, design: e.design, prePostCorrelation: e.prePostCorrelation },
        program: { id: e.programId, name: e.programName, strategy: e.strategy },
        measurements: byEvaluation.get(e.id) ?? [],
      }))
      .filter((candidate) => !indicatorIds || candidate.measurements.length > 0);
  }
}

interface AnalysableRow {
  id: number;
  title: string;
  design: Evaluation['design'];
  prePostCorrelation: number;
  programId: number;
  programName: string;
  strategy: Strategy;
}

type AnalysableMeasurement = Pick<
  OutcomeMeasurement,
  | 'evaluationId'
  | 'indicatorId'
  | 'arm'
  | 'timepoint'
  | 'sex'
  | 'ageBand'
  | 'region'
  | 'n'
  | 'events'
  | 'mean'
  | 'sd'
  | 'value'
>;
