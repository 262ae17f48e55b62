/**
 * B2: export outcome rows as CSV over HTTP (`/export?format=csv`), until the last byte — against
 * `COPY (the same query) TO STDOUT` on the same database.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import {
  judged,
  median,
  peakRssMb,
  resetPeakRss,
  seconds,
  withDatabase,
  type BenchContext,
  type BenchResult,
} from './harness';
import { createEvaluation, createSetting, loadRows } from './fixtures';
import { Readable } from 'node:stream';

/** Counts bytes and lines, keeps nothing. */
function sink(counter: { bytes: number; lines: number }) {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) counter.lines++;
      done();
    },
  });
}

/** The export's query, as the server writes it (columns of OUTCOME_MEASUREMENT_EXPORT, sorted by id). */
const exportQuery = (evaluationId: number) => `
  SELECT m.id, m.evaluation_id, (SELECT i.code FROM indicators i WHERE i.id = m.indicator_id) AS indicator_code,
         m.arm, m.timepoint, m.sex, m.age_band, m.region, m.n, m.events, m.mean, m.sd, m.value,
         m.timepoint_label, m.measured_on::text AS measured_on
    FROM outcome_measurements m WHERE m.evaluation_id = ${evaluationId} ORDER BY m.id ASC`;

export async function runB2(ctx: BenchContext): Promise<BenchResult> {
  const setting = await createSetting(ctx);
  const evaluationId = await createEvaluation(ctx, setting);
  await loadRows(ctx, setting.organizationId, evaluationId, setting.indicatorId);
  const filter = encodeURIComponent(JSON.stringify({ evaluationId }));
  const ours: number[] = [];
  const baseline: number[] = [];
  let peak = 0;
  for (let run = 0; run < ctx.repeats; run++) {
    const copied = { bytes: 0, lines: 0 };
    baseline.push(
      await seconds(() =>
        withDatabase(ctx.databaseUrl, async (client) => {
          await pipeline(
            client.query(copyTo(`COPY (${exportQuery(evaluationId)}) TO STDOUT WITH (FORMAT csv, HEADER)`)),
            sink(copied),
          );
        }),
      ),
    );
    const received = { bytes: 0, lines: 0 };
    resetPeakRss(ctx.serverPid);
    ours.push(
      await seconds(async () => {
        const response = await fetch(`${ctx.baseUrl}/api/outcome-measurements/export?format=csv&filter=${filter}`, {
          headers: { authorization: `Bearer ${ctx.adminToken}` },
        });
        if (response.status !== 200 || !response.body) throw new Error(`B2 export: ${response.status}`);
        await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), sink(received));
      }),
    );
    peak = Math.max(peak, peakRssMb(ctx.serverPid) ?? 0);
    if (received.lines !== ctx.rows + 1 || copied.lines !== ctx.rows + 1) {
      throw new Error(`B2: expected ${ctx.rows + 1} lines, got ours ${received.lines}, COPY ${copied.lines}`);
    }
    ctx.log(
      `B2 run ${run + 1}: ours ${ours[run].toFixed(2)} s (${received.bytes} B), COPY ${baseline[run].toFixed(2)} s (${copied.bytes} B)`,
    );
  }
  return judged(
    {
      ours: median(ours),
      baseline: median(baseline),
      target: 1.5,
      unit: 's',
      peakRssMb: peak || undefined,
      runs: { ours, baseline },
    },
    { rssLimitMb: 300 },
  );
}
