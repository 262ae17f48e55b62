import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { Z_95 } from '../statistics/distributions';
import { type ComputedEffects } from '../statistics/comparisons';
import { metaAnalysis, isPooled, type MetaMethod, type MetaTest, type StudyInput } from '../statistics/meta-analysis';
import { RATIO_MEASURES, type EffectMeasure } from '../statistics/effect-sizes';
import { UnprocessableError, ValidationFailedError } from '../common/errors';
import { SMALL_NUMBERS } from '../disclosure/disclosed-effects';
import { DisclosureService, type DisclosedEvaluation, type View } from '../disclosure/disclosure.service';
import type { ReleaseDecision, WithheldCode } from '../disclosure/selections';
import { Indicator } from '../database/entities/indicator.entity';
import { STRATEGIES, type Strategy } from '../vocabulary/programs';
import type { Timepoint } from '../vocabulary/evaluations';
import { AnalysisCache } from './analysis-cache';

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

export interface PooledQuery {
  indicatorId: number;
  strategy?: Strategy;
  measure?: EffectMeasure;
  method: MetaMethod;
  test: MetaTest;
  timepoint: Timepoint;
}

/**
 * Pooled estimates of one indicator and the evidence map across the approved evaluations an actor
 * may see, through the disclosure gate, cached under the data's version (analysis-cache.ts).
 */
@Injectable()
export class PooledAnalysisService {
  constructor(
    private readonly disclosure: DisclosureService,
    private readonly cache: AnalysisCache,
  ) {}

  /** Random- or fixed-effects pooling of one indicator across the approved evaluations the actor may see. */
  pooled(actor: Actor, query: PooledQuery) {
    return this.cache.read(actor, `pooled:${JSON.stringify(query)}`, (manager) =>
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
    // Every strategy is read, also when one is asked for: what an outsider may see of one selection
    // depends on the others (selections.ts).
    const candidates = await this.disclosure.evaluations(manager, actor, {
      indicatorIds: [indicator.id],
      totalsOnly: true,
    });
    const { view, entries, decide } = this.poolable(candidates, indicator, query.timepoint, measure);
    const decision = decide(query.strategy);
    const selected = entries.filter((e) => !query.strategy || e.strategy === query.strategy);
    const studies: StudyInput<number>[] = selected
      .filter((e) => e.status !== 'withheld')
      .map((e) => ({ id: e.id, yi: e.yi ?? null, vi: e.vi ?? null, excludeReason: e.reason }));
    const byId = new Map(selected.map((e) => [e.id, e]));
    const withheld: WithheldEntry[] = selected.filter((e) => e.status === 'withheld').map((e) => e.withheld!);
    const excluded = selected
      .filter((e) => e.status === 'excluded')
      .map((e) => ({ evaluationId: e.id, label: e.label, reason: e.reason! }));
    const pooledCount = selected.filter((e) => e.status === 'pooled').length;
    const head = {
      indicatorId: indicator.id,
      indicatorCode: indicator.code,
      strategy: query.strategy ?? null,
      timepoint: query.timepoint,
      measure,
    };
    const disclosure = { view, ...this.disclosure.settings };
    if (pooledCount === 0 && withheld.length === 0) {
      throw new UnprocessableError(
        `no approved evaluation you can see has a ${measure} effect for ${indicator.code}` +
          (query.strategy ? ` in strategy ${query.strategy}` : ''),
        excluded.map((e) => ({ field: `evaluation ${e.evaluationId}`, message: e.reason })),
      );
    }
    if (!decision.released || pooledCount === 0) {
      return {
        ...head,
        released: false,
        k: pooledCount,
        method: query.method,
        test: query.test,
        ...WITHHELD_STATISTICS,
        backTransformed: null,
        studies: [],
        excluded,
        withheld: [
          decision.released
            ? { reason: SMALL_NUMBERS, code: 'small_numbers' as const }
            : { reason: decision.reason!, code: decision.code! },
          ...withheld,
        ],
        disclosure,
      };
    }
    const analysis = metaAnalysis(studies, { method: query.method, test: query.test });
    if (!isPooled(analysis)) throw new Error('pooled evaluations were lost on the way to the meta-analysis');
    const ratio = RATIO_MEASURES.includes(measure);
    const exp = (x: number | null) => (x === null ? null : Math.exp(x));
    return {
      ...head,
      released: true,
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
          ciLow: s.yi - Z_95 * se,
          ciHigh: s.yi + Z_95 * se,
          weight: s.weight,
        };
      }),
      excluded: analysis.excluded.map((e) => ({ evaluationId: e.id, label: byId.get(e.id)!.label, reason: e.reason })),
      withheld,
      disclosure,
    };
  }

  /**
   * Each candidate's effect for one indicator × timepoint × measure as the actor may see it —
   * pooled, excluded (with the reason) or withheld (a hidden count among its inputs) — and the
   * release decision for any strategy selection (or all, when none is given).
   */
  private poolable(
    candidates: DisclosedEvaluation[],
    indicator: Indicator,
    timepoint: Timepoint,
    measure: EffectMeasure,
  ): { view: View; entries: PoolEntry[]; decide: (strategy: Strategy | undefined) => ReleaseDecision } {
    const view: View = candidates.some((c) => c.view === 'outsider') ? 'outsider' : 'owner';
    const entries = candidates.map((candidate): PoolEntry => {
      const { evaluation, program } = candidate;
      const label = `${program.name} — ${evaluation.title}`;
      const base = { id: evaluation.id, label, programId: program.id, strategy: program.strategy };
      const result = this.disclosure.effectsOf(candidate, indicator).find((r) => r.timepoint === timepoint);
      if (!result) return { ...base, status: 'excluded', reason: `no ${timepoint} data` };
      if (result.status === 'withheld') {
        return {
          ...base,
          status: 'withheld',
          reason: result.reason,
          withheld: {
            evaluationId: evaluation.id,
            label,
            design: evaluation.design,
            year: Number((evaluation.endDate ?? evaluation.startDate).slice(0, 4)),
            reason: result.reason,
            code: 'small_numbers',
          },
        };
      }
      if (result.status === 'not_computed') return { ...base, status: 'excluded', reason: result.reason };
      if (result.comparison !== POOLED_COMPARISON[measure]) {
        return {
          ...base,
          status: 'excluded',
          reason: `a ${evaluation.design} evaluation compares ${result.comparison.replaceAll('_', ' ')}, not what ${measure} pools`,
        };
      }
      const effect = result.effects.find((e) => e.measure === measure)!;
      return { ...base, status: 'pooled', yi: effect.yi, vi: effect.vi };
    });
    const counts = new Map<Strategy, number>();
    for (const e of entries) if (e.status === 'pooled') counts.set(e.strategy, (counts.get(e.strategy) ?? 0) + 1);
    const plan = this.disclosure.releasePlan(view, counts);
    const decide = (strategy: Strategy | undefined): ReleaseDecision => {
      if (!plan) return { released: true };
      if (!strategy) return plan.all;
      return plan.byStrategy.get(strategy) ?? { released: false, reason: SMALL_NUMBERS, code: 'small_numbers' };
    };
    return { view, entries, decide };
  }

  /** For each strategy × indicator with approved data: k and the REML estimate of the default measure. */
  evidenceMap(actor: Actor) {
    return this.cache.read(actor, 'evidence-map', (manager) => this.computeEvidenceMap(manager, actor));
  }

  private async computeEvidenceMap(manager: EntityManager, actor: Actor) {
    const candidates = await this.disclosure.evaluations(manager, actor, { totalsOnly: true });
    const indicatorIds = [...new Set(candidates.flatMap((c) => c.measurements.map((m) => m.indicatorId)))];
    const indicators = indicatorIds.length ? await manager.findBy(Indicator, { id: In(indicatorIds) }) : [];
    const view: View = candidates.some((c) => c.view === 'outsider') ? 'outsider' : 'owner';
    const cells: Record<string, unknown>[] = [];
    const withheldEvaluations = new Set<number>();
    for (const indicator of indicators) {
      const measure = MEASURES_FOR[indicator.measureType][0] as EffectMeasure | undefined;
      if (!measure) continue;
      const measuring = candidates.filter((c) => c.measurements.some((m) => m.indicatorId === indicator.id));
      const { entries, decide } = this.poolable(measuring, indicator, 'post', measure);
      for (const e of entries) if (e.status === 'withheld') withheldEvaluations.add(e.id);
      for (const strategy of STRATEGIES) {
        const pooled = entries.filter((e) => e.strategy === strategy && e.status === 'pooled');
        if (pooled.length === 0) continue;
        const decision = decide(strategy);
        if (!decision.released) {
          cells.push({
            strategy,
            indicatorId: indicator.id,
            k: pooled.length,
            measure,
            withheld: true,
            reason: decision.reason,
            code: decision.code,
          });
          continue;
        }
        const result = metaAnalysis(
          pooled.map((e) => ({ id: e.id, yi: e.yi!, vi: e.vi! })),
          { method: 'REML', test: 'z' },
        );
        if (!isPooled(result)) continue;
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
      disclosure: {
        view,
        ...this.disclosure.settings,
        withheldCells: cells.filter((c) => c.withheld).length,
        withheldEvaluations: withheldEvaluations.size,
      },
    };
  }
}

/** The statistics a withheld pooled result leaves out. */
const WITHHELD_STATISTICS = {
  estimate: null,
  se: null,
  ciLow: null,
  ciHigh: null,
  statistic: null,
  pValue: null,
  tau2: null,
  tau: null,
  i2: null,
  h2: null,
  q: null,
  qDf: null,
  qPValue: null,
  predictionLow: null,
  predictionHigh: null,
};

interface WithheldEntry {
  evaluationId?: number;
  label?: string;
  design?: string;
  year?: number;
  reason: string;
  code: WithheldCode;
}

interface PoolEntry {
  id: number;
  label: string;
  programId: number;
  strategy: Strategy;
  status: 'pooled' | 'excluded' | 'withheld';
  yi?: number;
  vi?: number;
  reason?: string;
  withheld?: WithheldEntry;
}
