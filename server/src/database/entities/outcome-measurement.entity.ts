import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../common/versioned';
import { Evaluation } from './evaluation.entity';
import { Indicator } from './indicator.entity';
import type { AgeBand, Arm, Sex, Timepoint } from '../../vocabulary/evaluations';

/**
 * A measurement's natural key within its evaluation: one row per indicator, arm, timepoint and
 * disaggregation (the unique index below, the import's repeated-row check, the submission diff).
 */
export const MEASUREMENT_KEY = ['indicatorId', 'arm', 'timepoint', 'sex', 'ageBand', 'region'] as const;
/**
 * What a measurement records, as the table's columns in one order: the import's COPY lines and
 * temporary tables, and an amendment's copy of its original's measurements.
 */
export const MEASUREMENT_VALUE_COLUMNS = [
  'indicator_id',
  'arm',
  'timepoint',
  'timepoint_label',
  'measured_on',
  'sex',
  'age_band',
  'region',
  'n',
  'events',
  'mean',
  'sd',
  'value',
] as const;

/** The same key as the table's columns (snake_case, as every column is named). */
export const MEASUREMENT_KEY_COLUMNS: readonly string[] = MEASUREMENT_KEY.map((field) =>
  field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
);

/**
 * One aggregate number set of an evaluation: never child-level data. The database repeats the
 * API's range rules so that no path (an import, a script) can store an impossible row.
 */
@Entity({ name: 'outcome_measurements' })
@Index('outcome_measurements_unique', ['evaluationId', ...MEASUREMENT_KEY], { unique: true })
@Index('outcome_measurements_indicator_id_idx', ['indicatorId'])
@Check('outcome_measurements_n_check', `n >= 1`)
@Check('outcome_measurements_events_check', `events IS NULL OR (events >= 0 AND events <= n)`)
@Check('outcome_measurements_sd_check', `sd IS NULL OR sd >= 0`)
@Check('outcome_measurements_arm_check', `arm IN ('treatment', 'comparison', 'single')`)
@Check('outcome_measurements_timepoint_check', `timepoint IN ('baseline', 'post', 'follow_up')`)
export class OutcomeMeasurement extends VersionedEntity {
  @Index('outcome_measurements_organization_id_idx')
  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @Column({ name: 'evaluation_id', type: 'int' })
  evaluationId: number;

  @ManyToOne(() => Evaluation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'outcome_measurements_evaluation_id_fkey' })
  evaluation?: Evaluation;

  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId: number;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'outcome_measurements_indicator_id_fkey' })
  indicator?: Indicator;

  @Column({ type: 'text' })
  arm: Arm;

  @Column({ type: 'text' })
  timepoint: Timepoint;

  @Column({ name: 'timepoint_label', type: 'text', default: '' })
  timepointLabel: string;

  @Column({ name: 'measured_on', type: 'date', nullable: true })
  measuredOn: string | null;

  @Column({ type: 'text', default: 'total' })
  sex: Sex;

  @Column({ name: 'age_band', type: 'text', default: 'total' })
  ageBand: AgeBand;

  @Column({ type: 'text', default: 'total' })
  region: string;

  @Column({ type: 'int' })
  n: number;

  @Column({ type: 'int', nullable: true })
  events: number | null;

  @Column({ type: 'double precision', nullable: true })
  mean: number | null;

  @Column({ type: 'double precision', nullable: true })
  sd: number | null;

  @Column({ type: 'double precision', nullable: true })
  value: number | null;
}
