import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access.policy';
import { recordAudit } from '../audit/audit-log';
import { ValidationFailedError } from '../common/errors';
import { Grant, ReportingPeriod, Target } from '../database/entities/grant.entity';
import { Indicator } from '../database/entities/indicator.entity';
import { assertPlausible } from '../rules/plausible-range';
import { Job } from '../database/entities/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobsService } from '../jobs/jobs.service';
import { JOB_QUEUES } from '../jobs/queues';
import { AGE_BANDS, REGION_PATTERN, SEXES } from '../vocabulary/evaluations';
import type { ColumnSpec } from './import-format';
import {
  cellNumber,
  failedOutcome,
  jobRows,
  jobActor,
  runImportJob,
  RowErrors,
  type ImportJobOptions,
} from './import-runner';

export const TARGET_IMPORT_QUEUE = JOB_QUEUES.targetImports;

export const TARGET_COLUMNS: ColumnSpec = {
  required: ['period', 'indicator_code'],
  optional: ['sex', 'age_band', 'region', 'baseline_value', 'target_value', 'actual_value', 'comment'],
  ignored: ['id'],
};

/**
 * A grant's targets (the funder: baseline, target, comment) or actual values (the grantee:
 * actual value and comment of existing targets) from a spreadsheet, all rows or nothing.
 */
@Injectable()
export class TargetImportRunner {
  private readonly logger = new Logger('TargetImport');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    queue: JobQueue,
  ) {
    queue.register(TARGET_IMPORT_QUEUE, (jobId) =>
      runImportJob(this.jobs, this.logger, jobId, (job) => this.process(job)),
    );
  }

  private async process(job: Job): Promise<Partial<Job>> {
    const { dryRun, mode, fileName, role } = job.options as unknown as ImportJobOptions;
    const grant = await this.db.manager.findOneByOrFail(Grant, { id: job.subjectId });
    const periods = await this.db.manager.findBy(ReportingPeriod, { grantId: grant.id });
    const indicators = new Map((await this.db.manager.find(Indicator)).map((i) => [i.code.toUpperCase(), i]));
    const targets = await this.db.manager.findBy(Target, { grantId: grant.id });
    const keyOf = (t: Pick<Target, 'reportingPeriodId' | 'indicatorId' | 'sex' | 'ageBand' | 'region'>) =>
      [t.reportingPeriodId, t.indicatorId, t.sex, t.ageBand, t.region].join('|');
    const existing = new Map(targets.map((t) => [keyOf(t), t]));
    // Which fields this role may set: AccessPolicy decides, as for the targets API.
    const fields = AccessPolicy.targetFieldsFor({ role });
    const may = (field: string) => fields === 'all' || fields.has(field);
    const grantee = !AccessPolicy.maySetTargets({ role });
    const { rows } = await jobRows(this.jobs, job);
    const errors = new RowErrors();
    const changes: { current?: Target; next: Target }[] = [];
    const seen = new Map<string, number>();
    let processed = 0;
    for await (const { row, values } of rows) {
      processed++;
      if (errors.addTextProblems(row, values)) continue;
      const text = (name: string) => (values[name] ?? '').trim();
      const periodText = text('period');
      const period = periods.find(
        (p) => p.label.toLowerCase() === periodText.toLowerCase() || p.startDate === periodText,
      );
      if (!period) {
        errors.add(
          row,
          'period',
          periodText,
          `no reporting period of this grant is labelled or starts "${periodText}"; use ${periods.map((p) => p.label).join(', ')}`,
        );
      }
      const code = text('indicator_code').toUpperCase();
      const indicator = indicators.get(code);
      if (!indicator)
        errors.add(row, 'indicator_code', code, code ? `no indicator has the code ${code}` : 'is required');
      const sex = (text('sex') || 'total').toLowerCase();
      const ageBand = (text('age_band') || 'total').toLowerCase();
      const regionText = text('region') || 'total';
      const region = regionText.toLowerCase() === 'total' ? 'total' : regionText.toUpperCase();
      const before = errors.count;
      if (!(SEXES as readonly string[]).includes(sex))
        errors.add(row, 'sex', sex, `must be one of ${SEXES.join(', ')}`);
      if (!(AGE_BANDS as readonly string[]).includes(ageBand)) {
        errors.add(row, 'age_band', ageBand, `must be one of ${AGE_BANDS.join(', ')}`);
      }
      if (!REGION_PATTERN.test(region)) {
        errors.add(row, 'region', regionText, 'must be total or an ISO 3166 code such as PH or PH-00');
      }
      const numbers: Record<string, number | null> = {};
      for (const name of ['baseline_value', 'target_value', 'actual_value']) {
        const value = cellNumber(values[name]);
        if (typeof value === 'string') errors.add(row, name, value, 'must be a number');
        else numbers[name] = value;
      }
      const bad = !period || !indicator || errors.count > before;
      if (bad) continue;
      const key = keyOf({
        reportingPeriodId: period.id,
        indicatorId: indicator.id,
        sex: sex as Target['sex'],
        ageBand: ageBand as Target['ageBand'],
        region,
      });
      const current = existing.get(key);
      const comment = values.comment === undefined ? (current?.comment ?? '') : text('comment');
      if (grantee) {
        if (!current) {
          errors.add(
            row,
            'indicator_code',
            code,
            'no target exists for this period, indicator and breakdown; the funder sets targets first',
          );
          continue;
        }
        const refused = (['baseline_value', 'target_value'] as const).filter((name) => {
          const own = name === 'baseline_value' ? current.baselineValue : current.targetValue;
          return numbers[name] !== null && numbers[name] !== own;
        });
        if (refused.length) {
          errors.add(
            row,
            refused[0],
            values[refused[0]],
            'is set by the funder; grantees report actual_value and comment',
          );
          continue;
        }
      } else {
        if (numbers.actual_value !== null && !may('actualValue')) {
          errors.add(row, 'actual_value', values.actual_value, 'is reported by the grantee; leave it empty');
          continue;
        }
        if (current && mode !== 'upsert') {
          errors.add(
            row,
            'indicator_code',
            code,
            `target ${current.id} already covers this period, indicator and breakdown; import with mode=upsert to replace it`,
          );
          continue;
        }
        if (numbers.target_value === null && !current) {
          errors.add(row, 'target_value', '', 'is required for a new target');
          continue;
        }
      }
      const next: Target = Object.assign(new Target(), current ?? {}, {
        organizationId: grant.granteeOrganizationId,
        grantId: grant.id,
        reportingPeriodId: period.id,
        indicatorId: indicator.id,
        sex,
        ageBand,
        region,
        comment,
      });
      if (may('actualValue')) next.actualValue = numbers.actual_value ?? current?.actualValue ?? null;
      if (!grantee) {
        next.baselineValue = numbers.baseline_value ?? current?.baselineValue ?? null;
        next.targetValue = numbers.target_value ?? current!.targetValue;
      }
      if (!current && next.actualValue === undefined) next.actualValue = null;
      try {
        assertPlausible(indicator, 'baseline_value', next.baselineValue);
        assertPlausible(indicator, 'target_value', next.targetValue);
        assertPlausible(indicator, 'actual_value', next.actualValue);
      } catch (error) {
        if (!(error instanceof ValidationFailedError)) throw error;
        const [detail] = error.details ?? [{ field: 'row', message: error.message }];
        errors.add(row, detail.field, values[detail.field], detail.message);
        continue;
      }
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        errors.add(row, 'indicator_code', code, `repeats row ${earlier} (same period, indicator and breakdown)`);
        continue;
      }
      seen.set(key, row);
      changes.push({ current, next });
    }
    const summary = { rows: processed, fileName, as: grantee ? 'grantee (actual values)' : 'funder (targets)' };
    if (processed === 0 || errors.count > 0) return failedOutcome(processed, errors, summary);
    const replaced = changes.filter((c) => c.current).length;
    if (dryRun) {
      return {
        state: 'completed',
        processedRows: processed,
        totalRows: processed,
        result: {
          ...summary,
          dryRun: true,
          written: 0,
          wouldInsert: changes.length - replaced,
          wouldReplace: replaced,
        },
      };
    }
    return this.db.transaction(async (manager) => {
      const written = await this.write(manager, job, changes, summary);
      const outcome: Partial<Job> = {
        state: 'completed',
        processedRows: processed,
        totalRows: processed,
        result: { ...written, inserted: changes.length - replaced, replaced },
      };
      await this.jobs.finish(job.id, outcome, manager);
      return outcome;
    });
  }

  private async write(
    manager: EntityManager,
    job: Job,
    changes: { current?: Target; next: Target }[],
    summary: Record<string, unknown>,
  ) {
    for (const { current, next } of changes) {
      const snapshot = (t: Target) => ({
        reportingPeriodId: t.reportingPeriodId,
        indicatorId: t.indicatorId,
        sex: t.sex,
        ageBand: t.ageBand,
        region: t.region,
        baselineValue: t.baselineValue,
        targetValue: t.targetValue,
        actualValue: t.actualValue,
        comment: t.comment,
      });
      const before = current ? snapshot({ ...current }) : null;
      const saved = await manager.save(next);
      await recordAudit(manager, jobActor(job), {
        action: current ? 'update' : 'create',
        entityType: 'target',
        entityId: saved.id,
        subject: { type: 'grant', id: saved.grantId },
        before,
        after: snapshot(saved),
      });
    }
    await recordAudit(manager, jobActor(job), {
      action: 'import',
      entityType: 'grant',
      entityId: job.subjectId,
      after: { jobId: job.id, ...summary, written: changes.length },
    });
    return { ...summary, written: changes.length };
  }
}
