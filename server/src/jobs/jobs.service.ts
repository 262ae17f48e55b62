import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { NotFoundError } from '../common/errors';
import { holdJobLiveness } from './job-liveness';
import { Job, JobFile } from '../database/entities/job.entity';

export interface JobResponse {
  id: string;
  kind: string;
  state: Job['state'];
  progress: number;
  processedRows: number;
  totalRows: number | null;
  subjectType: string;
  subjectId: number;
  options: Record<string, unknown>;
  result: Record<string, unknown> | null;
  errors: Job['errors'];
  errorCount: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function toJobResponse(j: Job): JobResponse {
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    progress: j.progress,
    processedRows: j.processedRows,
    totalRows: j.totalRows,
    subjectType: j.subjectType,
    subjectId: j.subjectId,
    options: j.options,
    result: j.result,
    errors: j.errors,
    errorCount: j.errorCount,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Jobs as users see them: their own (and their NGO's, for coordinators); admins see all. */
@Injectable()
export class JobsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(actor: Actor, id: string): Promise<JobResponse> {
    const job = UUID.test(id) ? await this.db.manager.findOneBy(Job, { id }) : null;
    if (!job || !AccessPolicy.mayReadJob(actor, job)) throw new NotFoundError('job', id);
    return toJobResponse(job);
  }

  async update(id: string, patch: Partial<Job>, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(Job, { id }, patch as Parameters<EntityManager['update']>[2]);
  }

  /**
   * Marks a queued job running. False when it is no longer queued: another worker took it, or the
   * orphan check ended it (job-liveness.ts) while this worker was slow to start.
   */
  async start(id: string): Promise<boolean> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(Job)
      .set({ state: 'running', startedAt: new Date() })
      .where("id = :id AND state = 'queued'", { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records a running job's end: its outcome, progress 100, finished now. Imports call it inside
   * the transaction that writes their rows (so a worker lost after that commit leaves a completed
   * job); the runner calls it again afterwards for outcomes written outside one, which is then a
   * no-op because the job is no longer running.
   */
  async finish(id: string, outcome: Partial<Job>, manager: EntityManager = this.db.manager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Job)
      .set({ ...outcome, progress: 100, finishedAt: new Date() } as Parameters<EntityManager['update']>[2])
      .where("id = :id AND state = 'running'", { id })
      .execute();
  }

  /** Holds the job's liveness lock until the returned release is called (job-liveness.ts). */
  holdLiveness(id: string): Promise<() => Promise<void>> {
    return holdJobLiveness(this.db, id);
  }

  async load(id: string): Promise<Job | null> {
    return this.db.manager.findOneBy(Job, { id });
  }

  /** The stored file, piece by piece, without holding more than one piece in memory. */
  async *file(jobId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const piece = await this.db.manager.findOne(JobFile, { where: { jobId, seq } });
      if (!piece) return;
      yield piece.data;
    }
  }

  async dropFile(jobId: string): Promise<void> {
    await this.db.manager.delete(JobFile, { jobId });
  }
}
