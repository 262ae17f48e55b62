import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { attrition, baselineEquivalence, type AttritionResult } from '../statistics/wwc';
import { computeEffects, type ComputedEffects, type JudgedEffect } from '../statistics/comparisons';
import { type EffectMeasure } from '../statistics/effect-sizes';
import { SIGNIFICANCE_LEVEL, suggestRating, type RatingSuggestion } from '../statistics/rating';
import { Evaluation } from '../database/entities/evaluation.entity';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { Indicator } from '../database/entities/indicator.entity';
import { OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';
import type { Timepoint } from '../vocabulary/evaluations';

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

/** Effects of one evaluation, the WWC checks and its suggested rating, from its stored aggregates. */
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
}
