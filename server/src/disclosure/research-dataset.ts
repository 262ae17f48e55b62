import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, EntityManager } from 'typeorm';
import { ReplicaMonitor } from '../database/replica-monitor';
import { ZipFile } from 'yazl';
import type { Actor } from '../access/actor';
import type { ComputedEffects } from '../statistics/comparisons';
import { recordAudit } from '../audit/audit-log';
import { ValidationFailedError } from '../common/errors';
import { csvText } from '../common/csv-text';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Indicator } from '../database/entities/indicator.entity';
import { COUNTRY_CODES } from '../vocabulary/countries';
import { STRATEGIES, type Strategy } from '../vocabulary/programs';
import { DisclosureService } from './disclosure.service';
import type { SuppressedField } from './suppression';

/** The marker written in place of a hidden value (declared as a missing value in datapackage.json). */
export const SUPPRESSED = 'S';

export const DATASET_FORMATS = ['csv', 'xlsx', 'datapackage'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface DatasetFilters {
  strategy?: Strategy;
  indicatorId?: number;
  country?: string;
  yearFrom?: number;
  yearTo?: number;
}

type FieldType = 'integer' | 'number' | 'string' | 'date';

/** The data set's columns with their Table Schema type and description (datapackage.json). */
export const DATASET_FIELDS: { name: string; type: FieldType; description: string; unit?: string }[] = [
  { name: 'evaluation_id', type: 'integer', description: 'Evaluation (approved revision)' },
  { name: 'evaluation_title', type: 'string', description: 'Title of the evaluation' },
  { name: 'revision', type: 'integer', description: 'Revision number of the evaluation (1 = original)' },
  { name: 'design', type: 'string', description: 'rct, quasi_experimental, pre_post, post_only or qualitative' },
  { name: 'program_id', type: 'integer', description: 'Evaluated program' },
  { name: 'program_name', type: 'string', description: 'Name of the program' },
  { name: 'strategy', type: 'string', description: 'Prevention strategy of the program' },
  { name: 'countries', type: 'string', description: 'ISO 3166-1 codes of the program, separated by ;' },
  { name: 'evaluation_start', type: 'date', description: 'Start of the evaluation' },
  { name: 'evaluation_end', type: 'date', description: 'End of the evaluation (empty while ongoing)' },
  { name: 'indicator_code', type: 'string', description: 'Indicator code in the shared library' },
  { name: 'indicator_name', type: 'string', description: 'Indicator name' },
  { name: 'measure_type', type: 'string', description: 'proportion, mean, count or rate' },
  { name: 'unit', type: 'string', description: 'Unit of the indicator' },
  { name: 'arm', type: 'string', description: 'treatment, comparison or single' },
  { name: 'timepoint', type: 'string', description: 'baseline, post or follow_up' },
  { name: 'sex', type: 'string', description: 'total, female, male or other' },
  { name: 'age_band', type: 'string', description: 'total, under_12, 12_14, 15_17 or 18_plus' },
  { name: 'region', type: 'string', description: 'total or an ISO 3166 code' },
  { name: 'n', type: 'integer', description: 'Group size; S = suppressed (small cell)', unit: 'people' },
  { name: 'events', type: 'integer', description: 'Proportions: how many of n; S = suppressed', unit: 'people' },
  { name: 'mean', type: 'number', description: 'Means: group mean; S = suppressed' },
  { name: 'sd', type: 'number', description: 'Means: standard deviation; S = suppressed' },
  { name: 'value', type: 'number', description: 'Counts and rates: the value; S = suppressed' },
  { name: 'suppressed', type: 'string', description: 'Fields hidden by small-cell suppression, separated by ;' },
  { name: 'effect_measure', type: 'string', description: 'RR, SMD or SMCR (on the treatment or single post row)' },
  { name: 'effect', type: 'number', description: 'Effect size: log risk ratio, Hedges g or standardized mean change' },
  { name: 'effect_ci_low', type: 'number', description: '95 % confidence interval, lower bound' },
  { name: 'effect_ci_high', type: 'number', description: '95 % confidence interval, upper bound' },
  { name: 'effect_p_value', type: 'number', description: 'Two-sided p-value of the effect' },
];

type DatasetRow = Record<string, string | number | null>;

/**
 * The researcher data set: approved evaluations only, one row per measurement with program and
 * evaluation metadata and the computed effects, small cells suppressed for anyone outside the
 * owning NGO and its funder (an effect computed from a hidden cell is left out as well).
 */
@Injectable()
export class ResearchDatasetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly disclosure: DisclosureService,
    private readonly replicas: ReplicaMonitor,
  ) {}

  /** The researcher data set's rows, read from a replica (database/replica-monitor.ts) in one snapshot. */
  rows(actor: Actor, filters: DatasetFilters): Promise<{ rows: DatasetRow[]; suppressedCells: number }> {
    return this.replicas.readFromReplica((manager) => this.rowsIn(manager, actor, filters));
  }

  private async rowsIn(
    manager: EntityManager,
    actor: Actor,
    filters: DatasetFilters,
  ): Promise<{ rows: DatasetRow[]; suppressedCells: number }> {
    const evaluations = await this.disclosure.evaluations(manager, actor, {
      strategy: filters.strategy,
      country: filters.country,
      yearFrom: filters.yearFrom,
      yearTo: filters.yearTo,
      indicatorIds: filters.indicatorId ? [filters.indicatorId] : undefined,
    });
    const indicators = new Map((await manager.find(Indicator)).map((i) => [i.id, i]));
    const rows: DatasetRow[] = [];
    let suppressedCells = 0;
    for (const disclosed of evaluations) {
      const { evaluation, program } = disclosed;
      for (const indicatorId of [...new Set(disclosed.measurements.map((m) => m.indicatorId))]) {
        const indicator = indicators.get(indicatorId)!;
        const effects = this.disclosure.effectsOf(disclosed, indicator);
        for (const m of disclosed.measurements.filter((c) => c.indicatorId === indicatorId)) {
          suppressedCells += m.hidden.length;
          const isTotal = m.sex === 'total' && m.ageBand === 'total' && m.region === 'total';
          const effect =
            isTotal && (m.arm === 'treatment' || m.arm === 'single')
              ? effects.find((e): e is ComputedEffects => e.timepoint === m.timepoint && e.status === 'computed')
              : undefined;
          const chosen = effect?.effects.find((e) => e.measure === effect.defaultMeasure);
          const show = (field: SuppressedField, value: number | null) =>
            m.hidden.includes(field) ? SUPPRESSED : value;
          rows.push({
            evaluation_id: evaluation.id,
            evaluation_title: evaluation.title,
            revision: evaluation.revision,
            design: evaluation.design,
            program_id: program.id,
            program_name: program.name,
            strategy: program.strategy,
            countries: program.countries.join(';'),
            evaluation_start: evaluation.startDate,
            evaluation_end: evaluation.endDate,
            indicator_code: indicator.code,
            indicator_name: indicator.name,
            measure_type: indicator.measureType,
            unit: indicator.unit,
            arm: m.arm,
            timepoint: m.timepoint,
            sex: m.sex,
            age_band: m.ageBand,
            region: m.region,
            n: show('n', m.n),
            events: show('events', m.events),
            mean: show('mean', m.mean),
            sd: show('sd', m.sd),
            value: show('value', m.value),
            suppressed: m.hidden.join(';'),
            effect_measure: chosen?.measure ?? null,
            effect: chosen?.yi ?? null,
            effect_ci_low: chosen?.ciLow ?? null,
            effect_ci_high: chosen?.ciHigh ?? null,
            effect_p_value: chosen?.pValue ?? null,
          });
        }
      }
    }
    return { rows, suppressedCells };
  }

  async file(
    actor: Actor,
    format: DatasetFormat,
    filters: DatasetFilters,
  ): Promise<{ body: Buffer; type: string; name: string }> {
    const { rows, suppressedCells } = await this.rows(actor, filters);
    const stamp = new Date().toISOString().slice(0, 10);
    const header = DATASET_FIELDS.map((f) => f.name);
    const csv = () => Buffer.from('\uFEFF' + csvText([header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]));
    let result: { body: Buffer; type: string; name: string };
    if (format === 'csv') {
      result = { body: csv(), type: 'text/csv; charset=utf-8', name: `research-dataset-${stamp}.csv` };
    } else if (format === 'xlsx') {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('data');
      sheet.addRow(header).font = { bold: true };
      for (const r of rows) sheet.addRow(header.map((h) => r[h] ?? null));
      const fields = workbook.addWorksheet('fields');
      fields.addRow(['name', 'type', 'description']).font = { bold: true };
      for (const f of DATASET_FIELDS) fields.addRow([f.name, f.type, f.description]);
      result = {
        body: Buffer.from(await workbook.xlsx.writeBuffer()),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: `research-dataset-${stamp}.xlsx`,
      };
    } else {
      result = {
        body: await this.datapackage(csv(), filters),
        type: 'application/zip',
        name: `research-dataset-${stamp}.zip`,
      };
    }
    await recordAudit(this.db.manager, actor, {
      action: 'export',
      entityType: 'evaluation',
      after: { resource: 'research-dataset', format, filters, rows: rows.length, suppressedCells },
    });
    return result;
  }

  private datapackage(csv: Buffer, filters: DatasetFilters): Promise<Buffer> {
    const descriptor = {
      profile: 'tabular-data-package',
      name: 'outcome-ledger-research-dataset',
      title: 'Outcome Ledger: approved evaluations of child-exploitation prevention programs',
      description:
        'Aggregate outcome measurements (never child-level data) of approved evaluations, with computed ' +
        `effects. Counts from 1 to ${this.config.suppressionK - 1} are suppressed (S), with complementary suppression.`,
      created: new Date().toISOString(),
      licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
      sources: [{ title: 'Outcome Ledger' }],
      keywords: ['evaluation', 'prevention', 'meta-analysis'],
      filters,
      resources: [
        {
          profile: 'tabular-data-resource',
          name: 'measurements',
          path: 'measurements.csv',
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          schema: {
            fields: DATASET_FIELDS.map((f) => ({
              name: f.name,
              type: f.type,
              description: f.description,
              ...(f.unit ? { unit: f.unit } : {}),
            })),
            missingValues: ['', SUPPRESSED],
          },
        },
      ],
    };
    return new Promise((resolve, reject) => {
      const zip = new ZipFile();
      zip.addBuffer(Buffer.from(JSON.stringify(descriptor, null, 2)), 'datapackage.json');
      zip.addBuffer(csv, 'measurements.csv');
      zip.end();
      const pieces: Buffer[] = [];
      zip.outputStream.on('data', (piece: Buffer) => pieces.push(piece));
      zip.outputStream.on('end', () => resolve(Buffer.concat(pieces)));
      zip.outputStream.on('error', reject);
    });
  }

  /** Reads and checks the query (400 naming the parameter). */
  static parse(query: Record<string, unknown>): { format: DatasetFormat; filters: DatasetFilters } {
    const allowed = ['format', 'strategy', 'indicatorId', 'country', 'yearFrom', 'yearTo'];
    for (const name of Object.keys(query)) {
      if (!allowed.includes(name))
        throw ValidationFailedError.forField(name, `unknown parameter; use ${allowed.join(', ')}`);
    }
    const format = (query.format ?? 'csv') as DatasetFormat;
    if (!DATASET_FORMATS.includes(format))
      throw ValidationFailedError.forField('format', `must be one of ${DATASET_FORMATS.join(', ')}`);
    const int = (name: string, min: number, max: number) => {
      const raw = query[name];
      if (raw === undefined || raw === '') return undefined;
      const value = Number(raw);
      if (typeof raw !== 'string' || !/^\d+$/.test(raw) || value < min || value > max) {
        throw ValidationFailedError.forField(name, `must be a whole number from ${min} to ${max}`);
      }
      return value;
    };
    const strategy = query.strategy as Strategy | undefined;
    if (strategy !== undefined && !STRATEGIES.includes(strategy)) {
      throw ValidationFailedError.forField('strategy', `must be one of ${STRATEGIES.join(', ')}`);
    }
    const country = typeof query.country === 'string' ? query.country.toUpperCase() : undefined;
    if (country !== undefined && !(COUNTRY_CODES as readonly string[]).includes(country)) {
      throw ValidationFailedError.forField('country', 'must be an ISO 3166-1 alpha-2 code such as PH');
    }
    return {
      format,
      filters: {
        strategy,
        indicatorId: int('indicatorId', 1, 2147483647),
        country,
        yearFrom: int('yearFrom', 1900, 2200),
        yearTo: int('yearTo', 1900, 2200),
      },
    };
  }
}
