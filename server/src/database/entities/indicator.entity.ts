import { Check, Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../common/versioned';
import type { Direction, IndicatorLevel, MeasureType, RateBase, SdgTarget } from '../../vocabulary/indicators';

/** A measure in the shared indicator library (a reference table: no tenant). */
@Entity({ name: 'indicators' })
@Index('indicators_code_unique', ['code'], { unique: true })
@Check('indicators_level_check', `level IN ('output', 'outcome', 'impact')`)
@Check('indicators_measure_type_check', `measure_type IN ('proportion', 'mean', 'count', 'rate')`)
@Check('indicators_direction_check', `direction IN ('increase', 'decrease')`)
@Check('indicators_range_check', `min_value IS NULL OR max_value IS NULL OR min_value <= max_value`)
@Check('indicators_rate_base_check', `rate_base IS NULL OR rate_base IN (1, 100, 1000, 100000)`)
@Check('indicators_rate_base_measure_type_check', `(measure_type = 'rate') = (rate_base IS NOT NULL)`)
export class Indicator extends VersionedEntity {
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text', collation: 'und-x-icu' })
  name: string;

  @Column({ type: 'text', default: '' })
  definition: string;

  @Column({ type: 'text' })
  level: IndicatorLevel;

  @Column({ name: 'measure_type', type: 'text' })
  measureType: MeasureType;

  @Column({ type: 'text', default: '' })
  unit: string;

  /** What a rate is per (RATE_BASES): set for a rate, null for every other measure type. */
  @Column({ name: 'rate_base', type: 'integer', nullable: true })
  rateBase: RateBase | null;

  @Column({ type: 'text' })
  direction: Direction;

  @Column({ name: 'min_value', type: 'double precision', nullable: true })
  minValue: number | null;

  @Column({ name: 'max_value', type: 'double precision', nullable: true })
  maxValue: number | null;

  @Column({ name: 'sdg_target', type: 'text', nullable: true })
  sdgTarget: SdgTarget | null;

  @Column({ name: 'iati_vocabulary', type: 'text', nullable: true })
  iatiVocabulary: string | null;

  @Column({ name: 'iati_code', type: 'text', nullable: true })
  iatiCode: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Context values by year (e.g. national hotline tips): a series that no program's evaluation
   * produces but that frames the evidence. Sorted by year, one value per year.
   */
  @Column({ name: 'context_series', type: 'jsonb', default: () => "'[]'" })
  contextSeries: ContextValue[];

  /** Where the context series comes from (publication, data set). */
  @Column({ name: 'context_source', type: 'text', nullable: true })
  contextSource: string | null;
}

/** One year of an indicator's context series. */
export interface ContextValue {
  year: number;
  value: number;
}
