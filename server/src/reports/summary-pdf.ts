import PDFDocument from 'pdfkit';
import { DESIGN_LABELS, effectText, fmt, pValue, type SummaryData } from './summary-data';

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4
const BOTTOM = 841.89 - MARGIN - 20;
const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#1565c0';

type Doc = PDFKit.PDFDocument;

function ensure(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  // Keep a heading with at least a few lines of what follows it.
  ensure(doc, 80);
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(ACCENT).text(text, MARGIN, doc.y);
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor(INK);
}

function pair(doc: Doc, label: string, value: string): void {
  ensure(doc, 16);
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor(MUTED).text(label, MARGIN, y, { width: 140 });
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor(INK)
    .text(value || '—', MARGIN + 145, y, { width: WIDTH - 145 });
  doc.moveDown(0.2);
}

/** A simple table: header row, then rows; breaks pages and repeats the header. */
function table(doc: Doc, columns: { header: string; width: number }[], rows: string[][]): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * WIDTH);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || '—', { width: widths[i] - 6 }))) + 6;
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      if (!bold)
        drawRow(
          columns.map((c) => c.header),
          true,
        );
    }
    const y = doc.y;
    let x = MARGIN;
    if (bold) doc.rect(MARGIN, y, WIDTH, height).fill('#eef2f7');
    doc.fillColor(INK);
    cells.forEach((c, i) => {
      doc.text(c || '—', x + 3, y + 3, { width: widths[i] - 6 });
      x += widths[i];
    });
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + WIDTH, y + height)
      .lineWidth(0.4)
      .strokeColor('#cccccc')
      .stroke();
    doc.y = y + height;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
  );
  for (const row of rows) drawRow(row, false);
  doc.x = MARGIN;
}

/** Forest plot of the evaluation's effects on the analysis scale (log scale for RR and OR). */
function forestPlot(doc: Doc, data: SummaryData): void {
  const effects = data.evidence.effects;
  if (effects.length === 0) return;
  const rowHeight = 16;
  const labelWidth = 200;
  const plotX = MARGIN + labelWidth + 10;
  const plotWidth = WIDTH - labelWidth - 120;
  ensure(doc, effects.length * rowHeight + 50);
  const top = doc.y + 5;
  const lows = effects.map((e) => e.ciLow);
  const highs = effects.map((e) => e.ciHigh);
  const min = Math.min(0, ...lows);
  const max = Math.max(0, ...highs);
  const span = max - min || 1;
  const xOf = (v: number) => plotX + ((v - min) / span) * plotWidth;
  const zero = xOf(0);
  doc
    .moveTo(zero, top)
    .lineTo(zero, top + effects.length * rowHeight)
    .lineWidth(0.6)
    .strokeColor('#888888')
    .dash(2, { space: 2 })
    .stroke()
    .undash();
  effects.forEach((e, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(INK)
      .text(`${e.indicatorCode} · ${e.timepoint}`, MARGIN, y - 4, {
        width: labelWidth,
        lineBreak: false,
        ellipsis: true,
      });
    doc.moveTo(xOf(e.ciLow), y).lineTo(xOf(e.ciHigh), y).lineWidth(1).strokeColor(INK).stroke();
    const size = 3;
    doc.rect(xOf(e.yi) - size, y - size, 2 * size, 2 * size).fill(e.favorable ? ACCENT : '#c62828');
    doc.fillColor(INK).text(effectText(e), plotX + plotWidth + 8, y - 4, { width: 112, lineBreak: false });
  });
  const axisY = top + effects.length * rowHeight + 2;
  doc
    .moveTo(plotX, axisY)
    .lineTo(plotX + plotWidth, axisY)
    .lineWidth(0.6)
    .strokeColor('#888888')
    .stroke();
  doc.fontSize(7.5).fillColor(MUTED);
  for (const v of [...new Set([min, 0, max])]) doc.text(fmt(v), xOf(v) - 15, axisY + 3, { width: 30, align: 'center' });
  doc.text(
    'effect on the analysis scale (log ratio for RR/OR; 0 = no effect); blue favourable, red not',
    plotX,
    axisY + 14,
    { width: plotWidth + 100 },
  );
  doc.y = axisY + 30;
  doc.x = MARGIN;
}

/** The evaluation summary for boards and funders, as a PDF (pdfkit: no browser involved). */
export function summaryPdf(data: SummaryData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: data.evaluation.title, Author: 'Outcome Ledger' },
  });
  const pieces: Buffer[] = [];
  doc.on('data', (piece: Buffer) => pieces.push(piece));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(pieces))));
  const e = data.evaluation;

  doc.font('Helvetica-Bold').fontSize(18).fillColor(INK).text(e.title);
  doc
    .font('Helvetica')
    .fontSize(10.5)
    .fillColor(MUTED)
    .text(`${data.program.name} · ${data.organization} · revision ${e.revision} · ${e.status.replace('_', ' ')}`);

  heading(doc, 'Study');
  pair(doc, 'Design', DESIGN_LABELS[e.design] ?? e.design);
  pair(
    doc,
    'Evaluator',
    `${e.evaluatorType === 'external' ? 'External' : 'Internal'}${e.evaluatorName ? `: ${e.evaluatorName}` : ''}`,
  );
  pair(doc, 'Period', `${e.startDate} to ${e.endDate ?? 'ongoing'}`);
  pair(
    doc,
    'Program strategy',
    `${data.program.strategy.replaceAll('_', ' ')} (${data.program.countries.join(', ') || 'no country'})`,
  );
  pair(doc, 'Grant', data.grant ? `${data.grant.reference}: ${data.grant.title} (${data.grant.funder})` : 'none');
  pair(doc, 'Primary outcomes', e.primary.join('; ') || 'none named');
  if (e.outcomeSwitching) {
    pair(
      doc,
      'Outcome switching',
      `added ${e.outcomeSwitching.added.join(', ') || '—'}; dropped ${e.outcomeSwitching.removed.join(', ') || '—'} since the registration`,
    );
  }
  if (e.summary) pair(doc, 'Summary', e.summary);
  if (e.limitations) pair(doc, 'Limitations', e.limitations);

  heading(doc, 'Samples and attrition');
  const arms = [...new Set([...Object.keys(e.plannedSizes), ...Object.keys(e.achievedSizes)])];
  table(
    doc,
    [
      { header: 'Group', width: 2 },
      { header: 'Planned', width: 1 },
      { header: 'Achieved', width: 1 },
      { header: 'Attrition', width: 1 },
    ],
    arms.map((arm) => {
      const planned = e.plannedSizes[arm];
      const achieved = e.achievedSizes[arm];
      const rate = planned && achieved !== undefined ? `${fmt((1 - achieved / planned) * 100, 1)} %` : '—';
      return [arm, planned?.toString() ?? '—', achieved?.toString() ?? '—', rate];
    }),
  );
  const a = data.evidence.attrition;
  doc
    .moveDown(0.3)
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      a.status === 'not_assessed'
        ? `Attrition not assessed: ${a.reason ?? ''}`
        : `Overall attrition ${fmt((a.overall ?? 0) * 100, 1)} %, differential ${fmt((a.differential ?? 0) * 100, 1)} points: ${a.status} against the WWC ${a.boundary} boundary.`,
      MARGIN,
    );

  heading(doc, 'Outcomes');
  table(
    doc,
    [
      { header: 'Indicator', width: 2.2 },
      { header: 'Group', width: 1.1 },
      { header: 'Timepoint', width: 1 },
      { header: 'Breakdown', width: 1.3 },
      { header: 'n', width: 0.7 },
      { header: 'Result', width: 1.4 },
    ],
    data.measurements.map((m) => [m.indicator, m.arm, m.timepoint, m.disaggregation, String(m.n), m.result]),
  );

  heading(doc, 'Effects');
  if (data.evidence.effects.length === 0) {
    doc.fontSize(9.5).text('No effect could be computed from the recorded outcomes.', MARGIN);
  } else {
    table(
      doc,
      [
        { header: 'Indicator', width: 1.6 },
        { header: 'Timepoint', width: 0.9 },
        { header: 'Effect (95 % CI)', width: 2 },
        { header: 'p', width: 0.8 },
        { header: 'Direction', width: 1 },
        { header: 'Baseline equivalence', width: 1.5 },
      ],
      data.evidence.effects.map((x) => [
        `${x.indicatorCode}${x.primary ? ' (primary)' : ''}`,
        x.timepoint,
        effectText(x),
        pValue(x.pValue),
        x.significant ? (x.favorable ? 'favourable' : 'unfavourable') : 'no clear effect',
        x.baselineEquivalence.status === 'not_assessed'
          ? 'not assessed'
          : `${x.baselineEquivalence.status.replaceAll('_', ' ')} (g = ${fmt(x.baselineEquivalence.g, 3)})`,
      ]),
    );
    doc.moveDown(0.6);
    forestPlot(doc, data);
  }
  for (const s of data.evidence.skipped) {
    doc.fontSize(8.5).fillColor(MUTED).text(`${s.indicatorCode} · ${s.timepoint}: ${s.reason}`, MARGIN);
  }

  heading(doc, 'Evidence rating');
  const r = data.rating;
  pair(doc, 'Suggested', `${r.suggested.replace('_', ' ')} (${r.evidenceTier} evidence)`);
  for (const reason of r.reasons) {
    ensure(doc, 14);
    doc
      .fontSize(9)
      .fillColor(INK)
      .text(`• ${reason}`, MARGIN + 10, doc.y, { width: WIDTH - 10 });
  }
  doc.moveDown(0.3);
  pair(
    doc,
    'Reviewer',
    r.override
      ? `overridden to ${r.override.rating.replace('_', ' ')} by ${r.decidedBy ?? '—'}: ${r.override.reason}`
      : r.confirmed
        ? `confirmed by ${r.decidedBy ?? '—'}`
        : 'not decided yet',
  );

  heading(doc, 'Review history');
  if (data.thread.length === 0) doc.fontSize(9.5).text('Not submitted yet.', MARGIN);
  for (const c of data.thread) {
    ensure(doc, 30);
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor(INK)
      .text(
        `${c.at.toISOString().slice(0, 16).replace('T', ' ')} · ${c.author} (${c.role}) · ${c.kind.replace('_', ' ')}`,
        MARGIN,
      );
    if (c.body)
      doc
        .font('Helvetica')
        .fontSize(9)
        .fillColor(MUTED)
        .text(c.body, MARGIN + 10, doc.y, { width: WIDTH - 10 });
    doc.moveDown(0.3);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; lift the margin so pdfkit does not start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        `Outcome Ledger · evaluation ${e.id} · generated ${data.generatedAt.toISOString().slice(0, 10)} · aggregates only, no child-level data · page ${i + 1} of ${range.count}`,
        MARGIN,
        841.89 - MARGIN + 10,
        { width: WIDTH, align: 'center', lineBreak: false },
      );
  }
  doc.end();
  return done;
}
