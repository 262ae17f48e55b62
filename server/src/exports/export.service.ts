import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { to as copyTo } from 'pg-copy-streams';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import { recordAudit, type AuditEntityType } from '../audit/audit-log';
import { ReplicaMonitor } from '../database/replica-monitor';
import { columnTypes, csvColumn, inlineParameters } from '../common/copy-csv';
import { ValidationFailedError } from '../common/errors';
import { applyListFilters, ListSpec, parseListQuery } from '../common/list-query';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One exported column: its header and the SQL that computes it (quoted aliases, column names). */
export interface ExportColumn {
  header: string;
  sql: string;
  /**
   * The column holds only values of a closed vocabulary, codes of a fixed pattern or dates, which never
   * begin with a formula trigger: CSV writes them as they are, without the neutralization of free
   * text (csv-text.ts), which costs time on every cell of a large export.
   */
  closed?: true;
}

/** What `GET /api/<resource>/export` writes: the list's filters and sort, these columns. */
export interface ExportSpec {
  list: ListSpec;
  entityType: AuditEntityType;
  columns: ExportColumn[];
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** An SQL identifier in double quotes. */
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

/**
 * Streams a list as CSV, XLSX or NDJSON in constant memory: the list's own query (filters, sort,
 * access scoping) runs through a server-side cursor (pg-query-stream) and is piped to the response
 * with backpressure. Every export writes an audit row with its filters and row count.
 */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly replicas: ReplicaMonitor,
  ) {}

  async send<T extends ObjectLiteral>(
    actor: Actor,
    res: Response,
    qb: SelectQueryBuilder<T>,
    spec: ExportSpec,
    raw: Record<string, unknown>,
  ): Promise<void> {
    const { format: rawFormat, ...listParams } = raw;
    const format = (rawFormat ?? 'csv') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      throw ValidationFailedError.forField('format', `must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    if (listParams.range !== undefined) {
      throw ValidationFailedError.forField('range', 'exports write every matching row; leave range out');
    }
    const query = parseListQuery(listParams, spec.list);
    applyListFilters(qb, spec.list, query);
    const selectColumns = (sqlOf: (column: ExportColumn, index: number) => string) => {
      qb.select(sqlOf(spec.columns[0], 0), spec.columns[0].header);
      spec.columns.slice(1).forEach((column, i) => qb.addSelect(sqlOf(column, i + 1), column.header));
    };
    selectColumns((column) => column.sql);
    const [sql, parameters] = qb.getQueryAndParameters();

    // On a read replica when one is usable (database/replica-monitor.ts), else on the primary.
    const runner = await this.replicas.connectForRead();
    const client = (await runner.connect()) as PoolClient;
    let rows: number;
    try {
      const stamp = new Date().toISOString().slice(0, 10);
      const start = () =>
        res.status(200).type(CONTENT_TYPES[format]).attachment(`${spec.list.resource}-${stamp}.${format}`);
      if (format === 'csv') {
        // PostgreSQL writes the CSV itself; we convert types (and neutralize text) in SQL and only
        // pipe bytes. The conversions read the list query's own result: OFFSET 0 keeps PostgreSQL from
        // inlining it, so a computed column (a subquery) is evaluated once, however often it is read.
        const types = await columnTypes(client, sql, parameters as unknown[]);
        const converted = spec.columns
          .map(
            (column, i) =>
              `${csvColumn(`listed.${quoted(column.header)}`, types[i], column.closed)} AS ${quoted(column.header)}`,
          )
          .join(', ');
        const copySql = inlineParameters(
          `SELECT ${converted} FROM (${sql} OFFSET 0) listed`,
          parameters as unknown[],
          (text) => client.escapeLiteral(text),
        );
        const copy = client.query(copyTo(`COPY (${copySql}) TO STDOUT WITH (FORMAT csv, HEADER)`));
        start();
        res.write('\uFEFF');
        await pipeline(copy, res, { end: false });
        rows = copy.rowCount;
      } else {
        rows = await this.sendRows(res, client, sql, parameters as unknown[], spec, format, start);
      }
    } finally {
      await runner.release();
    }
    // The response is ended only once the export is in the audit log: a client that has the whole
    // file can rely on the record, and an export that could not be recorded never completes.
    try {
      await recordAudit(this.db.manager, actor, {
        action: 'export',
        entityType: spec.entityType,
        after: {
          resource: spec.list.resource,
          format,
          filters: Object.fromEntries(query.filters.map((f) => [f.name, f.values])),
          rows,
        },
      });
    } catch (error) {
      res.destroy();
      throw error;
    }
    res.end();
  }

  /** XLSX and NDJSON: rows from a server-side cursor, converted in Node; returns how many. */
  private async sendRows(
    res: Response,
    client: PoolClient,
    sql: string,
    parameters: unknown[],
    spec: ExportSpec,
    format: ExportFormat,
    start: () => void,
  ): Promise<number> {
    let rows = 0;
    const cursor = client.query(new QueryStream(sql, parameters, { batchSize: 1000 }));
    start();
    const headers = spec.columns.map((c) => c.header);
    const count = new Transform({
      objectMode: true,
      transform(row: Record<string, unknown>, _encoding, done) {
        rows++;
        done(
          null,
          headers.map((h) => cell(row[h])),
        );
      },
    });
    if (format === 'xlsx') {
      await this.writeXlsx(res, cursor.pipe(count), spec.list.resource, headers);
    } else {
      const json = new Transform({
        writableObjectMode: true,
        transform(values: unknown[], _encoding, done) {
          done(null, JSON.stringify(Object.fromEntries(headers.map((h, i) => [h, values[i]]))) + '\n');
        },
      });
      await pipeline(cursor, count, json, res, { end: false });
    }
    return rows;
  }

  private async writeXlsx(
    res: Response,
    rows: AsyncIterable<unknown[]>,
    name: string,
    headers: string[],
  ): Promise<void> {
    // ExcelJS ends the stream it writes to; the response stays open for the caller (see export()).
    const out = new PassThrough();
    const piped = pipeline(out, res, { end: false });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(name);
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    header.commit();
    for await (const values of rows) {
      sheet.addRow(values).commit();
      // Let the socket drain before more rows pile up in memory.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
    await piped;
  }
}
