/**
 * One outcome-measurement file, checked row by row with the API's rules and turned into COPY
 * text: pure code (no framework, no database), so it can run in the import's worker thread.
 * The DTO's rules are checked on a fast path (measurement-row.ts); a refused row goes through the
 * DTO itself for the exact messages; then `checkMeasurement` (design, measure type, range).
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ValidationFailedError } from '../common/errors';
import type { RowError } from '../database/entities/job.entity';
import { CreateOutcomeMeasurementDto } from '../outcomes/dto/outcome-measurement.dto';
import { checkMeasurement, type IndicatorRule } from '../rules/measurement-rules';
import type { Design } from '../vocabulary/evaluations';
import { cellNumber, RowErrors, validationProblems } from './import-runner';
import { fastMeasurementRow, type MeasurementRow } from './measurement-row';

/** What the checker needs to know of the evaluation and the indicator library. */
export interface CheckContext {
  evaluationId: number;
  organizationId: number;
  design: Design;
  indicators: IndicatorRule[];
}

/** direct: COPY lines for outcome_measurements; staged: for the import_rows staging table. */
export type CopyTarget = 'direct' | 'staged';

export interface CheckResult {
  processed: number;
  skipped: number;
  valid: number;
  errors: RowError[];
  errorCount: number;
}

/** DTO field → the file's column, for error messages. */
const COLUMN_OF: Record<string, string> = {
  indicatorId: 'indicator_code',
  ageBand: 'age_band',
  timepointLabel: 'timepoint_label',
  measuredOn: 'measured_on',
};
const columnOf = (field: string) => COLUMN_OF[field] ?? field;
const NUMBER_COLUMNS = ['n', 'events', 'mean', 'sd', 'value'];
const orDefault = (text: string | undefined, fallback: string) =>
  (text ?? '').trim() === '' ? fallback : text!.trim();

/** COPY text format: backslash escapes for the characters that would break a field. */
const copyText = (value: string) =>
  /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
const nullable = (value: number | string | null) => (value === null ? '\\N' : String(value));

const copyValues = (r: MeasurementRow, indicatorId: number) =>
  `${indicatorId}\t${r.arm}\t${r.timepoint}\t${copyText(r.timepointLabel)}\t${nullable(r.measuredOn)}\t` +
  `${r.sex}\t${r.ageBand}\t${copyText(r.region)}\t${r.n}\t${nullable(r.events)}\t${nullable(r.mean)}\t` +
  `${nullable(r.sd)}\t${nullable(r.value)}`;

/**
 * Checks rows one by one and emits a COPY line for each valid one; with `stopAfterError`, no line
 * after the first problem (nothing will be written then, but every row is still checked).
 */
export class MeasurementChecker {
  private readonly errors = new RowErrors();
  private readonly indicators: Map<string, IndicatorRule>;
  private readonly prefix: string;
  processed = 0;
  skipped = 0;
  valid = 0;

  constructor(
    private readonly context: CheckContext,
    private readonly target: CopyTarget,
    private readonly stopAfterError: boolean,
    private readonly emit: (line: string) => void,
  ) {
    this.indicators = new Map(context.indicators.map((i) => [i.code.toUpperCase(), i]));
    this.prefix = target === 'direct' ? `${context.organizationId}\t${context.evaluationId}\t` : '';
  }

  check(row: number, values: Record<string, string>): void {
    // A template row left blank (no numbers at all) is not data: skip it.
    if (NUMBER_COLUMNS.every((c) => (values[c] ?? '').trim() === '')) {
      this.skipped++;
      return;
    }
    this.processed++;
    const errors = this.errors;
    if (errors.addTextProblems(row, values)) return;
    const code = (values.indicator_code ?? '').trim().toUpperCase();
    const indicator = this.indicators.get(code);
    if (!indicator) {
      errors.add(
        row,
        'indicator_code',
        values.indicator_code,
        code ? `no indicator has the code ${code}` : 'is required',
      );
    }
    const plain = {
      evaluationId: this.context.evaluationId,
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
    const checked = fastMeasurementRow(plain);
    if (!checked) {
      // The exact messages come from the API's own DTO.
      const dto = plainToInstance(CreateOutcomeMeasurementDto, plain);
      const problems = validationProblems(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
      for (const p of problems) errors.add(row, columnOf(p.field), values[columnOf(p.field)], p.message);
      if (problems.length === 0) throw new Error(`row ${row}: the fast check and the DTO disagree`);
      return;
    }
    if (!indicator) return;
    try {
      checkMeasurement(this.context.design, indicator, checked);
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      const [detail] = error.details ?? [{ field: 'row', message: error.message }];
      errors.add(row, columnOf(detail.field), values[columnOf(detail.field)], detail.message);
      return;
    }
    this.valid++;
    if (this.stopAfterError && errors.count > 0) return;
    const line = copyValues(checked, indicator.id);
    this.emit(this.target === 'direct' ? `${this.prefix}${line}\t1\n` : `${row}\t${line}\n`);
  }

  result(): CheckResult {
    return {
      processed: this.processed,
      skipped: this.skipped,
      valid: this.valid,
      errors: this.errors.listed,
      errorCount: this.errors.count,
    };
  }
}
