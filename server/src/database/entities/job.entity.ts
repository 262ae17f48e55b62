import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const JOB_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One row-level problem of an import: the same shape as the API's field errors, plus where. */
export interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
  /** A stable code for the problem when it has one (`invalid_character`, `nul_character`, …). */
  code?: string;
}

/**
 * Long work (imports) as a job: the client polls GET /api/jobs/:id. The queue itself is
 * pg-boss; this table is what users see (state, progress, result, errors).
 */
@Entity({ name: 'jobs' })
@Index('jobs_idempotency_unique', ['actorUserId', 'idempotencyKey'], { unique: true })
export class Job {
  /** A random UUID made by the application (no database extension needed). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organization_id', type: 'int', nullable: true })
  organizationId: number | null;

  @Column({ name: 'actor_user_id', type: 'int' })
  actorUserId: number;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'int' })
  subjectId: number;

  @Column({ type: 'text', default: 'queued' })
  state: JobState;

  /** 0–100, from the share of the file read. */
  @Column({ type: 'int', default: 0 })
  progress: number;

  @Column({ name: 'processed_rows', type: 'int', default: 0 })
  processedRows: number;

  @Column({ name: 'total_rows', type: 'int', nullable: true })
  totalRows: number | null;

  /** The options the job runs with (dry run, mode) and the file's name, format and size. */
  @Column({ type: 'jsonb' })
  options: Record<string, unknown>;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the uploaded file and options: a retried key with other content is a 409. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  /** The first 1000 row errors; `errorCount` counts all of them. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: RowError[];

  @Column({ name: 'error_count', type: 'int', default: 0 })
  errorCount: number;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** The uploaded file, in 1 MB pieces, so any API instance's worker can stream it back. */
@Entity({ name: 'job_files' })
export class JobFile {
  @PrimaryColumn({ name: 'job_id', type: 'uuid' })
  jobId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @ManyToOne(() => Job, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'job_files_job_id_fkey' })
  job?: Job;

  @Column({ type: 'bytea' })
  data: Buffer;
}
