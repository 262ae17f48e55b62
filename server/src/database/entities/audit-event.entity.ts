import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One append-only audit row: who did what to which record, with what changed. */
@Entity({ name: 'audit_events' })
@Index('audit_events_entity_idx', ['entityType', 'entityId'])
@Index('audit_events_organization_idx', ['organizationId', 'at'])
@Index('audit_events_subject_idx', ['subjectType', 'subjectId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS', type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Null for anonymous events (a failed login). No foreign key: history outlives users. */
  @Column({ name: 'actor_user_id', type: 'int', nullable: true })
  actorUserId: number | null;

  /** The actor's organization: whose history this is. */
  @Column({ name: 'organization_id', type: 'int', nullable: true })
  organizationId: number | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId: string | null;

  /**
   * The record whose history this row belongs to: the entity itself, or its parent (an
   * evaluation for its measurements and comments, a grant for its periods and targets).
   */
  @Column({ name: 'subject_type', type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId: string | null;

  /** Changed fields only: their values before and after. */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
