import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { VersionedEntity } from '../../common/versioned';
import { Grant, GrantProgram } from './grant.entity';
import { Program } from './program.entity';
import type { Role } from '../../vocabulary/roles';
import type { Arm, CommentKind, Design, EvaluationStatus, EvaluatorType } from '../../vocabulary/evaluations';

export type ArmSizes = Partial<Record<Arm, number>>;

/**
 * One study of one program. Amendments are new rows (revision n+1) that point at the revision
 * they amend; nothing is overwritten once approved. Tenant key: the program's NGO.
 */
@Entity({ name: 'evaluations' })
@Index('evaluations_previous_revision_unique', ['previousRevisionId'], { unique: true })
@Check('evaluations_dates_check', `end_date IS NULL OR end_date >= start_date`)
@Check('evaluations_correlation_check', `pre_post_correlation BETWEEN -1 AND 1`)
@Check('evaluations_status_check', `status IN ('draft', 'submitted', 'changes_requested', 'approved', 'superseded')`)
/** The grant funds the program (migration EvaluationGrantProgram): checked past row-level security. */
@Index('evaluations_grant_program_idx', ['grantId', 'programId'])
@ForeignKey(() => GrantProgram, ['grantId', 'programId'], ['grantId', 'programId'], {
  name: 'evaluations_grant_program_fkey',
  onDelete: 'NO ACTION',
  onUpdate: 'NO ACTION',
})
export class Evaluation extends VersionedEntity {
  @Index('evaluations_organization_id_idx')
  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @Index('evaluations_program_id_idx')
  @Column({ name: 'program_id', type: 'int' })
  programId: number;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'evaluations_program_id_fkey' })
  program?: Program;

  @Index('evaluations_grant_id_idx')
  @Column({ name: 'grant_id', type: 'int', nullable: true })
  grantId: number | null;

  @ManyToOne(() => Grant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grant_id', foreignKeyConstraintName: 'evaluations_grant_id_fkey' })
  grant?: Grant;

  @Column({ type: 'text', collation: 'und-x-icu' })
  title: string;

  @Column({ type: 'text' })
  design: Design;

  @Column({ name: 'evaluator_type', type: 'text' })
  evaluatorType: EvaluatorType;

  @Column({ name: 'evaluator_name', type: 'text', default: '' })
  evaluatorName: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ name: 'planned_sizes', type: 'jsonb', default: () => `'{}'` })
  plannedSizes: ArmSizes;

  @Column({ name: 'achieved_sizes', type: 'jsonb', default: () => `'{}'` })
  achievedSizes: ArmSizes;

  @Column({ name: 'pre_post_correlation', type: 'double precision', default: 0.5 })
  prePostCorrelation: number;

  @Column({ name: 'primary_indicator_ids', type: 'int', array: true, default: () => `'{}'` })
  primaryIndicatorIds: number[];

  /** The primary outcomes as first submitted (revision 1), carried into amendments. */
  @Column({ name: 'registered_primary_indicator_ids', type: 'int', array: true, nullable: true })
  registeredPrimaryIndicatorIds: number[] | null;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text', default: '' })
  limitations: string;

  @Column({ type: 'text', default: 'draft' })
  status: EvaluationStatus;

  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ name: 'previous_revision_id', type: 'int', nullable: true })
  previousRevisionId: number | null;

  @ManyToOne(() => Evaluation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_revision_id', foreignKeyConstraintName: 'evaluations_previous_revision_id_fkey' })
  previousRevision?: Evaluation;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;
}

/** The review thread: comments and workflow events, never edited or deleted. */
@Entity({ name: 'evaluation_comments' })
@Index('evaluation_comments_evaluation_id_idx', ['evaluationId', 'createdAt'])
export class EvaluationComment {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @Column({ name: 'evaluation_id', type: 'int' })
  evaluationId: number;

  @ManyToOne(() => Evaluation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'evaluation_comments_evaluation_id_fkey' })
  evaluation?: Evaluation;

  /** No foreign key: the thread outlives user accounts; the name is kept as written. */
  @Column({ name: 'author_user_id', type: 'int' })
  authorUserId: number;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  @Column({ name: 'author_role', type: 'text' })
  authorRole: Role;

  @Column({ type: 'text' })
  kind: CommentKind;

  @Column({ type: 'text', default: '' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** What was submitted, frozen at each submission: the base of the reviewer's "what changed". */
@Entity({ name: 'evaluation_submissions' })
@Index('evaluation_submissions_evaluation_id_idx', ['evaluationId', 'submittedAt'])
export class EvaluationSubmission {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @Column({ name: 'evaluation_id', type: 'int' })
  evaluationId: number;

  @ManyToOne(() => Evaluation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'evaluation_submissions_evaluation_id_fkey' })
  evaluation?: Evaluation;

  @Column({ name: 'submitted_by_user_id', type: 'int' })
  submittedByUserId: number;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'jsonb' })
  snapshot: EvaluationSnapshot;
}

export interface EvaluationSnapshot {
  evaluation: Record<string, unknown>;
  measurements: Record<string, unknown>[];
}
