import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Request } from 'express';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../access/actor';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from '../common/errors';
import { assertStorableText } from '../common/validation';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { assertEditable, EvaluationsService, ownedEvaluation } from '../evaluations/evaluations.service';
import { Indicator } from '../database/entities/indicator.entity';
import { Job, JobFile } from '../database/entities/job.entity';
import { JobQueue } from '../jobs/job-queue';
import type { JobQueueName } from '../jobs/queues';
import { toJobResponse, type JobResponse } from '../jobs/jobs.service';
import { OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';
import {
  headerProblems,
  MEASUREMENT_COLUMNS,
  openRows,
  sniffFormat,
  SNIFF_BYTES,
  type ColumnSpec,
  type ImportFormat,
} from './import-format';
import { measurementTemplate } from './measurement-template';
import { IMPORT_QUEUE } from './measurement-import';
import { INDICATOR_COLUMNS, INDICATOR_IMPORT_QUEUE } from './indicator-import';
import { TARGET_COLUMNS, TARGET_IMPORT_QUEUE } from './target-import';
import { AccessPolicy } from '../access/access.policy';
import { Grant } from '../database/entities/grant.entity';

const PIECE = 1024 * 1024;
const IDEMPOTENCY_KEY = /^[\w.:-]{1,200}$/;

/** What an upload imports into, and who may: checked before the body is read. */
export interface ImportTarget {
  kind: string;
  queue: JobQueueName;
  subjectType: 'evaluation' | 'grant' | 'indicator';
  /** The evaluation or grant; 0 for the indicator library. */
  subjectId: number;
  columns: ColumnSpec;
  check: (manager: EntityManager) => Promise<unknown>;
}

export interface ImportOptions {
  dryRun: boolean;
  mode: 'insert' | 'upsert';
  idempotencyKey: string | undefined;
}

/** Reads a boolean query flag: true/false/1/0 (anything else is a 400 naming it). */
export function parseFlag(name: string, raw: unknown): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw ValidationFailedError.forField(name, 'must be true or false');
}

/**
 * Receives an import upload: streams the multipart file into `job_files` in 1 MB pieces inside one
 * transaction (nothing is kept unless the upload is accepted), checks size (413), type (415),
 * encoding and header (422), honours Idempotency-Key, and queues the job.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly evaluations: EvaluationsService,
  ) {}

  /** Outcome measurements into an evaluation its NGO may still edit. */
  uploadMeasurements(actor: Actor, evaluationId: number, req: Request, options: ImportOptions) {
    return this.upload(actor, req, options, {
      kind: 'outcome_measurement_import',
      queue: IMPORT_QUEUE,
      subjectType: 'evaluation',
      subjectId: evaluationId,
      columns: MEASUREMENT_COLUMNS,
      // Check access and status before reading the body: a refusal costs no upload.
      check: async (manager) => assertEditable(await ownedEvaluation(manager, actor, evaluationId)),
    });
  }

  /** The indicator library (administrators; the route's permission checks it). */
  uploadIndicators(actor: Actor, req: Request, options: ImportOptions) {
    return this.upload(actor, req, options, {
      kind: 'indicator_import',
      queue: INDICATOR_IMPORT_QUEUE,
      subjectType: 'indicator',
      subjectId: 0,
      columns: INDICATOR_COLUMNS,
      check: () => Promise.resolve(),
    });
  }

  /** A grant's targets (its funder, admins) or actual values (the grantee's coordinators). */
  uploadTargets(actor: Actor, grantId: number, req: Request, options: ImportOptions) {
    return this.upload(actor, req, options, {
      kind: 'target_import',
      queue: TARGET_IMPORT_QUEUE,
      subjectType: 'grant',
      subjectId: grantId,
      columns: TARGET_COLUMNS,
      check: async (manager) => {
        const qb = manager.getRepository(Grant).createQueryBuilder('grant');
        const grant = await AccessPolicy.scopeTargetGrants(actor, qb)
          .andWhere('grant.id = :grantId', { grantId })
          .getOne();
        if (!grant) throw new NotFoundError('grant', grantId);
        if (grant.consent !== 'accepted') {
          throw new ConflictError(
            `grant ${grantId} is ${grant.consent}: targets are set on grants the grantee accepted`,
          );
        }
      },
    });
  }

  async upload(
    actor: Actor,
    req: Request,
    options: ImportOptions,
    target: ImportTarget,
  ): Promise<{ status: number; job: JobResponse }> {
    if (options.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(options.idempotencyKey)) {
      throw ValidationFailedError.forField(
        'Idempotency-Key',
        'must be 1–200 letters, digits, dots, colons, dashes or underscores',
      );
    }
    await this.db.transaction((manager) => target.check(manager));
    // Bodies of other types never get here (StateChangeGuard, @AcceptsBody); this is an empty request.
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      throw new UnsupportedMediaTypeError('send the file as multipart/form-data in a field named "file"');
    }

    let accepted: { job: Job; created: boolean } | undefined;
    await this.db.transaction(async (manager) => {
      accepted = await this.receive(manager, actor, target, req, options);
      if (accepted.created) await this.queue.send(target.queue, accepted.job.id, manager);
    });
    const { job, created } = accepted!;
    return { status: created ? 202 : 200, job: toJobResponse(job) };
  }

  private receive(manager: EntityManager, actor: Actor, target: ImportTarget, req: Request, options: ImportOptions) {
    return new Promise<{ job: Job; created: boolean }>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          limits: { files: 1, fileSize: this.config.importMaxBytes, fields: 10 },
        });
      } catch {
        reject(new ValidationFailedError('The multipart body cannot be read'));
        return;
      }
      let handled = false;
      parser.on('file', (field, stream, info) => {
        if (field !== 'file' || handled) {
          stream.resume();
          return;
        }
        handled = true;
        this.store(manager, actor, target, stream, info.filename ?? 'upload', options).then(
          resolve,
          (error: unknown) => {
            stream.resume();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
      parser.on('error', (error: Error) =>
        reject(new ValidationFailedError(`The upload could not be read: ${error.message}`)),
      );
      parser.on('close', () => {
        if (!handled)
          reject(
            ValidationFailedError.forField('file', 'is required: send the CSV or XLSX file in a field named "file"'),
          );
      });
      req.pipe(parser);
    });
  }

  private async store(
    manager: EntityManager,
    actor: Actor,
    target: ImportTarget,
    stream: Readable & { truncated?: boolean },
    fileName: string,
    options: ImportOptions,
  ): Promise<{ job: Job; created: boolean }> {
    // The name is kept with the job (and quoted in its result): the same text rule as every field.
    assertStorableText(fileName, 'fileName');
    const hash = createHash('sha256').update(
      JSON.stringify({ kind: target.kind, subject: target.subjectId, dryRun: options.dryRun, mode: options.mode }),
    );
    const previous = options.idempotencyKey
      ? await manager.findOneBy(Job, { actorUserId: actor.userId, idempotencyKey: options.idempotencyKey })
      : null;
    const job = previous
      ? null
      : await manager.save(
          manager.create(Job, {
            id: randomUUID(),
            organizationId: actor.organizationId,
            actorUserId: actor.userId,
            kind: target.kind,
            subjectType: target.subjectType,
            subjectId: target.subjectId,
            state: 'queued',
            options: {},
            idempotencyKey: options.idempotencyKey ?? null,
            requestHash: '',
            requestId: actor.requestId ?? null,
          }),
        );
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let format: ImportFormat | undefined;
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!job || pendingBytes === 0) return;
      await manager.insert(JobFile, { jobId: job.id, seq: seq++, data: Buffer.concat(pending) });
      pending = [];
      pendingBytes = 0;
    };
    const take = async (chunk: Buffer) => {
      if (format === 'csv') {
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          throw new UnprocessableError(
            `"${fileName}" is not UTF-8 text (byte ${size + 1} onwards); save it as "CSV UTF-8" and upload it again`,
            [{ field: 'file', message: 'must be UTF-8 encoded' }],
          );
        }
      }
      size += chunk.length;
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= PIECE) await flush();
    };
    // The format is decided on the first SNIFF_BYTES of the file, not on its first chunk: the network
    // may deliver an XLSX's first bytes one or two at a time, and "PK" alone is not its signature.
    let head: Buffer[] = [];
    let headBytes = 0;
    const decide = async () => {
      const first = Buffer.concat(head);
      head = [];
      format = sniffFormat(first, fileName);
      await take(first);
    };
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (format) {
        await take(chunk);
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES) await decide();
    }
    if (!format && headBytes > 0) await decide();
    if (stream.truncated) {
      throw new PayloadTooLargeError(
        `"${fileName}" is larger than the import limit of ${Math.round(this.config.importMaxBytes / 1024 / 1024)} MB (IMPORT_MAX_MB); split it into smaller files`,
      );
    }
    if (size === 0 || !format) {
      throw new UnprocessableError(`"${fileName}" is empty`, [{ field: 'file', message: 'is empty' }]);
    }
    const requestHash = hash.digest('hex');
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw new ConflictError(
          `Idempotency-Key "${options.idempotencyKey}" was already used for a different upload (job ${previous.id}); use a new key`,
        );
      }
      return { job: previous, created: false };
    }
    await flush();
    await this.checkHeader(manager, job!.id, format, fileName, target.columns);
    job!.options = { format, dryRun: options.dryRun, mode: options.mode, fileName, size, role: actor.role };
    job!.requestHash = requestHash;
    return { job: await manager.save(job!), created: true };
  }

  /** Reads only as far as the header row and refuses a file whose columns are wrong (422). */
  private async checkHeader(
    manager: EntityManager,
    jobId: string,
    format: ImportFormat,
    fileName: string,
    columns: ColumnSpec,
  ): Promise<void> {
    const source = Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const piece = await manager.findOne(JobFile, { where: { jobId, seq } });
          if (!piece) return;
          yield piece.data;
        }
      })(),
    );
    let header: string[];
    try {
      ({ header } = await openRows(source, format));
    } catch (error) {
      throw new UnprocessableError(
        `"${fileName}" cannot be read as ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`,
        [{ field: 'file', message: `is not a readable ${format.toUpperCase()} file` }],
      );
    } finally {
      source.destroy();
    }
    const problems = headerProblems(header, columns);
    if (problems.length > 0) {
      throw new UnprocessableError(
        `"${fileName}" has the wrong header: ${problems.join('; ')}`,
        problems.map((message) => ({ field: 'header', message })),
      );
    }
  }

  /** A template with the evaluation's indicators, arms and timepoints filled in. */
  async template(
    actor: Actor,
    evaluationId: number,
    format: ImportFormat,
  ): Promise<{ body: Buffer; fileName: string }> {
    const evaluation = await this.evaluations.findVisible(actor, evaluationId);
    const measured = await this.db.manager.find(OutcomeMeasurement, {
      select: { indicatorId: true },
      where: { evaluationId },
    });
    const ids = [...new Set([...evaluation.primaryIndicatorIds, ...measured.map((m) => m.indicatorId)])];
    const indicators = ids.length ? await this.db.manager.findBy(Indicator, { id: In(ids) }) : [];
    return measurementTemplate(evaluationId, evaluation.design, indicators, format);
  }
}
