import ExcelJS from 'exceljs';
import { csvText } from '../common/csv-text';
import type { Indicator } from '../database/entities/indicator.entity';
import { DESIGN_ARMS, type Design } from '../vocabulary/evaluations';
import { COLUMN_HELP, TEMPLATE_COLUMNS, type ImportFormat } from './import-format';

/**
 * The outcome-measurement template of an evaluation as a file: one total row per indicator, arm
 * and timepoint (baseline, post), and in XLSX a help sheet that explains every column.
 */
export async function measurementTemplate(
  evaluationId: number,
  design: Design,
  indicators: Indicator[],
  format: ImportFormat,
): Promise<{ body: Buffer; fileName: string }> {
  const rows: string[][] = [];
  for (const indicator of indicators.sort((a, b) => a.code.localeCompare(b.code))) {
    for (const arm of DESIGN_ARMS[design]) {
      for (const timepoint of ['baseline', 'post']) {
        rows.push([indicator.code, arm, timepoint, 'total', 'total', 'total', '', '', '', '', '', '', '']);
      }
    }
  }
  const fileName = `evaluation-${evaluationId}-outcomes.${format}`;
  if (format === 'csv') {
    return { body: Buffer.from(csvText([[...TEMPLATE_COLUMNS], ...rows])), fileName };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('outcomes');
  sheet.addRow([...TEMPLATE_COLUMNS]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 16));
  const help = workbook.addWorksheet('help');
  help.addRow(['column', 'what to enter']).font = { bold: true };
  for (const column of TEMPLATE_COLUMNS) help.addRow([column, COLUMN_HELP[column]]);
  help.addRow([]);
  help.addRow(['', 'Aggregates only: never enter a child’s name, birth date, address or any other personal detail.']);
  help.getColumn(1).width = 18;
  help.getColumn(2).width = 90;
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), fileName };
}
