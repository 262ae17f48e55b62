import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { ValidationFailedError } from '../common/errors';
import { CreateIndicatorDto } from '../indicators/dto/indicator.dto';
import { Indicator } from '../database/entities/indicator.entity';
import { checkIndicatorRules, INDICATOR_DEFAULTS, toIndicatorResponse } from '../indicators/indicators.service';
import { Job } from '../database/entities/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobsService } from '../jobs/jobs.service';
import { JOB_QUEUES } from '../jobs/queues';
import { INDICATOR_IMPORT_OPTIONAL, INDICATOR_IMPORT_REQUIRED } from '../vocabulary/indicators';
import type { ColumnSpec } from './import-format';
import {
  cellNumber,
  failedOutcome,
  jobRows,
  jobActor,
  runImportJob,
  RowErrors,
  validationProblems,
  type ImportJobOptions,
} from './import-runner';

export const INDICATOR_IMPORT_QUEUE = JOB_QUEUES.indicatorImports;

export const INDICATOR_COLUMNS: ColumnSpec = {
  required: INDICATOR_IMPORT_REQUIRED,
  optional: INDICATOR_IMPORT_OPTIONAL,
  ignored: ['id'],
};

/** A number with comma or space thousands separators (1,000 or 100 000). */
const GROUPED_THOUSANDS = /^[0-9]{1,3}([,\u0020\u00A0\u202F][0-9]{3})+$/;

/**
 * A `rate_base` cell: a number as in other numeric columns, also written with thousands separators
 * (1,000 or 100 000); empty is null. Other text is kept, so the row error quotes it.
 */
export function rateBaseCell(cell: string | undefined): number | string | null {
  const text = (cell ?? '').trim();
  return GROUPED_THOUSANDS.test(text) ? Number(text.replace(/[^0-9]/g, '')) : cellNumber(text);
}

/** The indicator library from a spreadsheet (administrators): all rows valid, or nothing written. */
@Injectable()
export class IndicatorImportRunner {
  private readonly logger = new Logger('IndicatorImport');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    queue: JobQueue,
  ) {
    queue.register(INDICATOR_IMPORT_QUEUE, (jobId) =>
      runImportJob(this.jobs, this.logger, jobId, (job) => this.process(job)),
    );
  }

  private async process(job: Job): Promise<Partial<Job>> {
    const { dryRun, mode, fileName } = job.options as unknown as ImportJobOptions;
    const existing = new Map((await this.db.manager.find(Indicator)).map((i) => [i.code, i]));
    const { rows } = await jobRows(this.jobs, job);
    const errors = new RowErrors();
    const valid: { dto: CreateIndicatorDto; current?: Indicator }[] = [];
    const seen = new Map<string, number>();
    let processed = 0;
    const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    for await (const { row, values } of rows) {
      processed++;
      if (errors.addTextProblems(row, values)) continue;
      const text = (name: string) => (values[name] ?? '').trim();
      const active = text('active').toLowerCase();
      const dto = plainToInstance(CreateIndicatorDto, {
        code: text('code'),
        name: text('name'),
        definition: text('definition'),
        level: text('level').toLowerCase(),
        measureType: text('measure_type').toLowerCase(),
        unit: text('unit'),
        rateBase: rateBaseCell(values.rate_base),
        direction: text('direction').toLowerCase(),
        minValue: cellNumber(values.min_value),
        maxValue: cellNumber(values.max_value),
        sdgTarget: text('sdg_target') || null,
        iatiVocabulary: text('iati_vocabulary') || null,
        iatiCode: text('iati_code') || null,
        active:
          active === ''
            ? true
            : active === 'true' || active === 'yes' || active === '1'
              ? true
              : active === 'false' || active === 'no' || active === '0'
                ? false
                : active,
      });
      const problems = validationProblems(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
      for (const p of problems) errors.add(row, column(p.field), values[column(p.field)], p.message);
      if (problems.length) continue;
      try {
        checkIndicatorRules(Object.assign(new Indicator(), { ...INDICATOR_DEFAULTS, ...dto }));
      } catch (error) {
        if (!(error instanceof ValidationFailedError)) throw error;
        const [detail] = error.details ?? [{ field: 'row', message: error.message }];
        errors.add(row, column(detail.field), values[column(detail.field)], detail.message);
        continue;
      }
      const earlier = seen.get(dto.code);
      if (earlier !== undefined) {
        errors.add(row, 'code', dto.code, `repeats row ${earlier}`);
        continue;
      }
      seen.set(dto.code, row);
      const current = existing.get(dto.code);
      if (current && mode !== 'upsert') {
        errors.add(row, 'code', dto.code, `indicator ${dto.code} already exists; import with mode=upsert to update it`);
        continue;
      }
      valid.push({ dto, current });
    }
    const summary = { rows: processed, fileName };
    if (processed === 0 || errors.count > 0) return failedOutcome(processed, errors, summary);
    const updated = valid.filter((v) => v.current).length;
    if (dryRun) {
      return {
        state: 'completed',
        processedRows: processed,
        totalRows: processed,
        result: { ...summary, dryRun: true, written: 0, wouldInsert: valid.length - updated, wouldReplace: updated },
      };
    }
    const result = await this.db.transaction(async (manager) => {
      for (const { dto, current } of valid) {
        if (current) {
          const before = toIndicatorResponse(current);
          const saved = await manager.save(Object.assign(current, dto));
          await recordAudit(manager, jobActor(job), {
            action: 'update',
            entityType: 'indicator',
            entityId: current.id,
            before,
            after: toIndicatorResponse(saved),
          });
        } else {
          const saved = await manager.save(manager.create(Indicator, { ...INDICATOR_DEFAULTS, ...dto }));
          await recordAudit(manager, jobActor(job), {
            action: 'create',
            entityType: 'indicator',
            entityId: saved.id,
            after: toIndicatorResponse(saved),
          });
        }
      }
      const outcome: Partial<Job> = {
        state: 'completed',
        processedRows: processed,
        totalRows: processed,
        result: { ...summary, written: valid.length, inserted: valid.length - updated, replaced: updated },
      };
      await this.jobs.finish(job.id, outcome, manager);
      return outcome;
    });
    return result;
  }
}
