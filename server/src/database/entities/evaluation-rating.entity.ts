import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Evaluation } from './evaluation.entity';

/**
 * The reviewer's decision on an evaluation's evidence rating: the suggestion confirmed, or an
 * override with its written reason. One row per evaluation; every change is audited.
 */
@Entity({ name: 'evaluation_ratings' })
export class EvaluationRating {
  @PrimaryColumn({ name: 'evaluation_id', type: 'int' })
  evaluationId: number;

  @OneToOne(() => Evaluation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'evaluation_ratings_evaluation_id_fkey' })
  evaluation?: Evaluation;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  /** What the rules suggested when the reviewer decided. */
  @Column({ type: 'text' })
  suggested: string;

  @Column({ type: 'text' })
  rating: string;

  @Column({ type: 'boolean' })
  override: boolean;

  @Column({ type: 'text', default: '' })
  reason: string;

  @Column({ name: 'decided_by_user_id', type: 'int' })
  decidedByUserId: number;

  @UpdateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  @VersionColumn()
  version: number;
}
