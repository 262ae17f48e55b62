import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { ValidationFailedError } from '../common/errors';
import { Evaluation } from '../evaluations/evaluation.entity';
import { EDITABLE_STATUSES } from '../vocabulary/evaluations';
import { Indicator } from '../indicators/indicator.entity';
import { Job } from '../jobs/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobsService } from '../jobs/jobs.service';
import { CreateOutcomeMeasurementDto } from '../outcomes/dto/outcome-measurement.dto';
import { checkMeasurement } from '../outcomes/measurement-rules';
import { OutcomeMeasurement } from '../outcomes/outcome-measurement.entity';
import {
  cellNumber,
  failedOutcome,
  jobRows,
  RowErrors,
  runImportJob,
  validationProblems,
  type ImportJobOptions,
} from './import-runner';

export const IMPORT_QUEUE = 'outcome-measurement-imports';
const BATCH = 1000;

/** DTO field → the file's column, for error messages. */
const COLUMN_OF: Record<string, string> = {
  indicatorId: 'indicator_code',
  ageBand: 'age_band',
  timepointLabel: 'timepoint_label',
  measuredOn: 'measured_on',
};

const orDefault = (text: string | undefined, fallback: string) =>
  (text ?? '').trim() === '' ? fallback : text!.trim();

type Row = Omit<OutcomeMeasurement, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'evaluation' | 'indicator'>;

function keyOf(m: Pick<Row, 'indicatorId' | 'arm' | 'timepoint' | 'sex' | 'ageBand' | 'region'>): string {
  return [m.indicatorId, m.arm, m.timepoint, m.sex, m.ageBand, m.region].join('|');
}

/**
 * Runs an outcome-measurement import: validates every row with the API's rules (the same DTO and
 * `checkMeasurement`), and writes all rows in one transaction only when none failed. A dry run
 * stops after validation.
 */
@Injectable()
export class MeasurementImportRunner {
  private readonly logger = new Logger('MeasurementImport');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    queue: JobQueue,
  ) {
    queue.register(IMPORT_QUEUE, (jobId) => this.run(jobId));
  }

  run(jobId: string): Promise<void> {
    return runImportJob(this.jobs, this.logger, jobId, (job) => this.process(job));
  }

  private async process(job: Job): Promise<Partial<Job>> {
    const { dryRun, mode, fileName } = job.options as unknown as ImportJobOptions;
    const evaluation = await this.db.manager.findOneByOrFail(Evaluation, { id: job.subjectId });
    const indicators = new Map((await this.db.manager.find(Indicator)).map((i) => [i.code.toUpperCase(), i]));
    const existing = new Map(
      (await this.db.manager.find(OutcomeMeasurement, { where: { evaluationId: evaluation.id } })).map((m) => [
        keyOf(m),
        m,
      ]),
    );
    const { rows, progress } = await jobRows(this.jobs, job);
    const rowErrors = new RowErrors();
    const fail = (row: number, column: string, value: string, message: string) =>
      rowErrors.add(row, column, value, message);
    const valid: Row[] = [];
    const seen = new Map<string, number>();
    let processed = 0;
    let skipped = 0;
    let lastReport = Date.now();
    for await (const { row, values } of rows) {
      // A template row left blank (no numbers at all) is not data: skip it.
      if (['n', 'events', 'mean', 'sd', 'value'].every((c) => (values[c] ?? '').trim() === '')) {
        skipped++;
        continue;
      }
      processed++;
      const code = (values.indicator_code ?? '').trim().toUpperCase();
      const indicator = indicators.get(code);
      if (!indicator) {
        fail(
          row,
          'indicator_code',
          values.indicator_code ?? '',
          code ? `no indicator has the code ${code}` : 'is required',
        );
      }
      const plain = {
        evaluationId: evaluation.id,
        indicatorId: indicator?.id ?? 1,
        arm: (values.arm ?? '').trim().toLowerCase(),
        timepoint: (values.timepoint ?? '').trim().toLowerCase(),
        sex: orDefault(values.sex, 'total').toLowerCase(),
        ageBand: orDefault(values.age_band, 'total').toLowerCase(),
        region: orDefault(values.region, 'total'),
        n: cellNumber(values.n),
        events: cellNumber(values.events),
        mean: cellNumber(values.mean),
        sd: cellNumber(values.sd),
        value: cellNumber(values.value),
        timepointLabel: (values.timepoint_label ?? '').trim(),
        measuredOn: (values.measured_on ?? '').trim() || null,
      };
      const dto = plainToInstance(CreateOutcomeMeasurementDto, plain);
      const problems = validationProblems(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
      const columnOf = (field: string) => COLUMN_OF[field] ?? field;
      for (const p of problems) fail(row, columnOf(p.field), values[columnOf(p.field)] ?? '', p.message);
      if (!indicator || problems.length > 0) continue;
      const measurement: Row = {
        organizationId: evaluation.organizationId,
        evaluationId: evaluation.id,
        indicatorId: indicator.id,
        arm: dto.arm,
        timepoint: dto.timepoint,
        timepointLabel: dto.timepointLabel ?? '',
        measuredOn: dto.measuredOn ?? null,
        sex: dto.sex ?? 'total',
        ageBand: dto.ageBand ?? 'total',
        region: dto.region ?? 'total',
        n: dto.n,
        events: dto.events ?? null,
        mean: dto.mean ?? null,
        sd: dto.sd ?? null,
        value: dto.value ?? null,
      };
      try {
        checkMeasurement(evaluation.design, indicator, measurement);
      } catch (error) {
        if (!(error instanceof ValidationFailedError)) throw error;
        const [detail] = error.details ?? [{ field: 'row', message: error.message }];
        fail(row, columnOf(detail.field), values[columnOf(detail.field)] ?? '', detail.message);
        continue;
      }
      const key = keyOf(measurement);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        fail(row, 'indicator_code', code, `repeats row ${earlier} (same indicator, arm, timepoint and disaggregation)`);
        continue;
      }
      seen.set(key, row);
      const current = existing.get(key);
      if (current && mode !== 'upsert') {
        fail(
          row,
          'indicator_code',
          code,
          `measurement ${current.id} already records this combination; import with mode=upsert (replace existing numbers) to replace it`,
        );
        continue;
      }
      valid.push(measurement);
      if (Date.now() - lastReport > 500) {
        lastReport = Date.now();
        await this.jobs.update(job.id, {
          processedRows: processed,
          progress: progress(),
        });
      }
    }
    const replaced = valid.filter((m) => existing.has(keyOf(m))).length;
    const summary = {
      rows: processed,
      skippedBlankRows: skipped,
      valid: valid.length,
      invalid: processed - valid.length,
      fileName,
    };
    if (processed === 0 || rowErrors.count > 0) return failedOutcome(processed, rowErrors, summary);
    if (dryRun) {
      return {
        state: 'completed',
        processedRows: processed,
        totalRows: processed,
        result: { ...summary, dryRun: true, written: 0, wouldInsert: valid.length - replaced, wouldReplace: replaced },
      };
    }
    const written = await this.db.transaction((manager) =>
      this.write(manager, job, evaluation.id, valid, existing, summary),
    );
    return { state: 'completed', processedRows: processed, totalRows: processed, result: written };
  }

  /** All rows in one transaction, with the evaluation locked and its status checked again. */
  private async write(
    manager: EntityManager,
    job: Job,
    evaluationId: number,
    rows: Row[],
    existing: Map<string, OutcomeMeasurement>,
    summary: Record<string, unknown>,
  ) {
    const evaluation = await manager
      .getRepository(Evaluation)
      .createQueryBuilder('evaluation')
      .setLock('pessimistic_write')
      .where('evaluation.id = :evaluationId', { evaluationId })
      .getOneOrFail();
    if (!EDITABLE_STATUSES.includes(evaluation.status)) {
      throw new Error(`evaluation ${evaluationId} became ${evaluation.status} while the file was checked`);
    }
    const actor = {
      userId: job.actorUserId,
      organizationId: job.organizationId ?? 0,
      requestId: job.requestId ?? undefined,
    };
    let inserted = 0;
    let replaced = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const fresh = batch.filter((m) => !existing.has(keyOf(m)));
      if (fresh.length) {
        await manager.insert(OutcomeMeasurement, fresh);
        inserted += fresh.length;
      }
      for (const m of batch.filter((r) => existing.has(keyOf(r)))) {
        const before = existing.get(keyOf(m))!;
        const { id, version } = before;
        await manager.update(OutcomeMeasurement, { id }, { ...m, version: version + 1 });
        await recordAudit(manager, actor, {
          action: 'update',
          entityType: 'outcome_measurement',
          entityId: id,
          subject: { type: 'evaluation', id: evaluationId },
          before,
          after: { ...before, ...m },
        });
        replaced++;
      }
    }
    const result = { ...summary, written: inserted + replaced, inserted, replaced };
    await recordAudit(manager, actor, {
      action: 'import',
      entityType: 'evaluation',
      entityId: evaluationId,
      after: { jobId: job.id, ...result },
    });
    return result;
  }
}
