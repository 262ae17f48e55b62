/**
 * The statistics core of Outcome Ledger: effect sizes, WWC checks, evidence ratings and
 * meta-analysis as pure functions (no framework, no I/O). docs/methods.md explains each formula.
 */
export {
  computeEffects,
  effectInputCells,
  PRE_POST_PROPORTION_NOTE,
  type Comparison,
  type ComputedEffects,
  type EffectsInput,
  type JudgedEffect,
  type MeasurementInput,
  type TimepointEffects,
  type UncomputedEffects,
} from './comparisons';
export {
  EFFECT_MEASURES,
  EffectNotEstimable,
  hedgesCorrection,
  isFavorable,
  logOddsRatio,
  logRiskRatio,
  RATIO_MEASURES,
  riskDifference,
  standardizedMeanChange,
  standardizedMeanDifference,
  type EffectMeasure,
  type EffectSize,
  type MeanSummary,
  type TwoByTwo,
} from './effect-sizes';
export {
  attrition,
  baselineEquivalence,
  classifyAttrition,
  classifyBaselineDifference,
  coxIndex,
  WWC_ATTRITION_BOUNDARY,
  wwcHedgesG,
  type AttritionBoundary,
  type AttritionInput,
  type AttritionResult,
  type AttritionStatus,
  type BaselineEquivalence,
  type BaselineStatus,
} from './wwc';
export {
  EVIDENCE_RATINGS,
  SIGNIFICANCE_LEVEL,
  suggestRating,
  type EvidenceRating,
  type PrimaryOutcomeEvidence,
  type RatingInput,
  type RatingSuggestion,
} from './rating';
export {
  META_METHODS,
  META_TESTS,
  isPooled,
  metaAnalysis,
  tau2DerSimonianLaird,
  tau2Reml,
  type EmptyMetaAnalysis,
  type ExcludedStudy,
  type MetaAnalysisOptions,
  type MetaAnalysisResult,
  type MetaMethod,
  type MetaTest,
  type PooledStudy,
  type StudyInput,
} from './meta-analysis';
