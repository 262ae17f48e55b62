import ExcelJS from 'exceljs';
import { DESIGN_LABELS, effectText, type SummaryData } from './summary-data';

/** The evaluation summary as a workbook: one sheet per part, for people who re-use the numbers. */
export async function summaryXlsx(data: SummaryData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Outcome Ledger';
  const e = data.evaluation;
  const sheet = (name: string, header: string[], rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 22));
    return ws;
  };
  sheet(
    'evaluation',
    ['field', 'value'],
    [
      ['title', e.title],
      ['program', data.program.name],
      ['organization', data.organization],
      ['design', DESIGN_LABELS[e.design] ?? e.design],
      ['evaluator', `${e.evaluatorType}${e.evaluatorName ? `: ${e.evaluatorName}` : ''}`],
      ['period', `${e.startDate} to ${e.endDate ?? 'ongoing'}`],
      ['status', e.status],
      ['revision', e.revision],
      ['grant', data.grant ? `${data.grant.reference}: ${data.grant.title} (${data.grant.funder})` : null],
      ['primary outcomes', e.primary.join('; ')],
      ['summary', e.summary],
      ['limitations', e.limitations],
      ['suggested rating', data.rating.suggested],
      ['rating reasons', data.rating.reasons.join('; ')],
      [
        'reviewer decision',
        data.rating.override
          ? `override: ${data.rating.override.rating} (${data.rating.override.reason})`
          : (data.rating.confirmed ?? 'not decided'),
      ],
      ['generated', data.generatedAt.toISOString()],
    ],
  );
  sheet(
    'outcomes',
    ['indicator', 'group', 'timepoint', 'breakdown', 'n', 'result'],
    data.measurements.map((m) => [m.indicator, m.arm, m.timepoint, m.disaggregation, m.n, m.result]),
  );
  sheet(
    'effects',
    [
      'indicator',
      'primary',
      'timepoint',
      'measure',
      'yi',
      'se',
      'ci_low',
      'ci_high',
      'p_value',
      'effect',
      'favorable',
      'significant',
      'baseline_equivalence',
      'baseline_g',
    ],
    data.evidence.effects.map((x) => [
      x.indicatorCode,
      x.primary ? 'yes' : 'no',
      x.timepoint,
      x.measure,
      x.yi,
      x.se,
      x.ciLow,
      x.ciHigh,
      x.pValue,
      effectText(x),
      x.favorable ? 'yes' : 'no',
      x.significant ? 'yes' : 'no',
      x.baselineEquivalence.status,
      x.baselineEquivalence.g,
    ]),
  );
  sheet(
    'review',
    ['at', 'author', 'role', 'kind', 'comment'],
    data.thread.map((c) => [c.at.toISOString(), c.author, c.role, c.kind, c.body]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
