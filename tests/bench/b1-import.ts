/**
 * B1: import outcome rows from a CSV through the HTTP import endpoint, validated, until the job
 * reports done — against `COPY … FROM STDIN` of the same rows into the same table (loadRows).
 */
import { judged, median, peakRssMb, resetPeakRss, seconds, type BenchContext, type BenchResult } from './harness';
import { createEvaluation, createSetting, loadRows, outcomeCsv } from './fixtures';

interface Job {
  id: string;
  state: string;
  result?: { written?: number; message?: string };
  errors?: unknown[];
}

async function importOnce(
  ctx: BenchContext,
  evaluationId: number,
  file: Buffer,
  uploaded: (peakMb: number | undefined) => void = () => {},
): Promise<Job> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'outcomes.csv');
  const response = await fetch(`${ctx.baseUrl}/api/evaluations/${evaluationId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.adminToken}` },
    body: form,
  });
  const started = (await response.json()) as Job;
  if (response.status !== 202 && response.status !== 200) {
    throw new Error(`import refused: ${response.status} ${JSON.stringify(started).slice(0, 500)}`);
  }
  uploaded(peakRssMb(ctx.serverPid));
  for (;;) {
    const polled = await fetch(`${ctx.baseUrl}/api/jobs/${started.id}`, {
      headers: { authorization: `Bearer ${ctx.adminToken}` },
    });
    const job = (await polled.json()) as Job;
    if (job.state === 'completed' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function runB1(ctx: BenchContext): Promise<BenchResult> {
  const setting = await createSetting(ctx);
  const file = outcomeCsv(setting.indicatorCode, ctx.rows);
  ctx.log(`B1: ${ctx.rows} rows, ${(file.length / 1e6).toFixed(1)} MB CSV`);
  const ours: number[] = [];
  const baseline: number[] = [];
  let peak = 0;
  let uploadPeak = 0;
  for (let run = 0; run < ctx.repeats; run++) {
    const forBaseline = await createEvaluation(ctx, setting);
    baseline.push(await seconds(() => loadRows(ctx, setting.organizationId, forBaseline, setting.indicatorId)));
    const forUs = await createEvaluation(ctx, setting);
    resetPeakRss(ctx.serverPid);
    let job: Job | undefined;
    ours.push(
      await seconds(async () => {
        job = await importOnce(ctx, forUs, file, (mb) => (uploadPeak = Math.max(uploadPeak, mb ?? 0)));
      }),
    );
    if (job?.state !== 'completed' || job.result?.written !== ctx.rows) {
      throw new Error(`B1 import did not complete: ${JSON.stringify(job).slice(0, 800)}`);
    }
    peak = Math.max(peak, peakRssMb(ctx.serverPid) ?? 0);
    ctx.log(
      `B1 run ${run + 1}: ours ${ours[run].toFixed(2)} s, COPY ${baseline[run].toFixed(2)} s, RSS ${peak} MB (after upload ${uploadPeak} MB)`,
    );
  }
  return judged(
    {
      ours: median(ours),
      baseline: median(baseline),
      target: 2.0,
      unit: 's',
      peakRssMb: peak || undefined,
      runs: { ours, baseline },
      extra: { peakRssAfterUploadMb: uploadPeak || undefined },
    },
    { rssLimitMb: 300 },
  );
}
