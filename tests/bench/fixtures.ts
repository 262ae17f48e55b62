/** Deterministic benchmark data: an NGO, a program, a proportion indicator and outcome rows. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { evaluationInput } from '../support/factories';
import { measurementCell, type MeasurementCell } from '../support/measurement-cells';
import { apiJson, seeded, withDatabase, type BenchContext } from './harness';

export interface Setting {
  organizationId: number;
  programId: number;
  indicatorId: number;
  indicatorCode: string;
}

let counter = 0;
const stamp = () => `${Date.now().toString(36).toUpperCase()}-${++counter}`;

export async function createSetting(ctx: BenchContext, strategy = 'educate_potential_victims'): Promise<Setting> {
  const id = stamp();
  const organization = await apiJson<{ id: number }>(ctx, 'POST', '/api/organizations', {
    name: `Bench NGO ${id}`,
    kind: 'ngo',
    country: 'PH',
  });
  const program = await apiJson<{ id: number }>(ctx, 'POST', '/api/programs', {
    organizationId: organization.id,
    name: `Bench program ${id}`,
    strategy,
    targetPopulations: ['children_youth_at_risk'],
    setting: 'school',
    countries: ['PH'],
    startDate: '2025-01-01',
    status: 'active',
  });
  const code = `BENCH-${id}`;
  const indicator = await apiJson<{ id: number }>(ctx, 'POST', '/api/indicators', {
    code,
    name: `Bench indicator ${id}`,
    level: 'outcome',
    measureType: 'proportion',
    direction: 'increase',
    minValue: 0,
    maxValue: 1,
  });
  return { organizationId: organization.id, programId: program.id, indicatorId: indicator.id, indicatorCode: code };
}

export async function createEvaluation(ctx: BenchContext, setting: Setting): Promise<number> {
  const evaluation = await apiJson<{ id: number }>(
    ctx,
    'POST',
    '/api/evaluations',
    evaluationInput(setting.programId, {
      title: `Bench evaluation ${stamp()}`,
      primaryIndicatorIds: [setting.indicatorId],
    }),
  );
  return evaluation.id;
}

export interface OutcomeRow extends MeasurementCell {
  n: number;
  events: number;
}

/** Row i of the benchmark file: the same for every run. */
export function* outcomeRows(count: number, seed = 42): Generator<OutcomeRow> {
  const random = seeded(seed);
  for (let i = 0; i < count; i++) {
    const n = 50 + Math.floor(random() * 450);
    yield { ...measurementCell(i), n, events: Math.floor(random() * (n + 1)) };
  }
}

/** The import file (the template's columns) for `count` rows. */
export function outcomeCsv(code: string, count: number): Buffer {
  const parts = ['indicator_code,arm,timepoint,sex,age_band,region,n,events\n'];
  for (const r of outcomeRows(count)) {
    parts.push(`${code},${r.arm},${r.timepoint},${r.sex},${r.ageBand},${r.region},${r.n},${r.events}\n`);
  }
  return Buffer.from(parts.join(''));
}

/** The same rows as COPY text straight into outcome_measurements: B1's baseline and B2's data. */
export async function loadRows(ctx: BenchContext, organizationId: number, evaluationId: number, indicatorId: number) {
  await withDatabase(ctx.databaseUrl, async (client) => {
    const prefix = `${organizationId}\t${evaluationId}\t${indicatorId}\t`;
    await pipeline(
      Readable.from(
        (function* () {
          let chunk = '';
          for (const r of outcomeRows(ctx.rows)) {
            chunk += `${prefix}${r.arm}\t${r.timepoint}\t${r.sex}\t${r.ageBand}\t${r.region}\t${r.n}\t${r.events}\t1\n`;
            if (chunk.length > 1 << 16) {
              yield chunk;
              chunk = '';
            }
          }
          if (chunk) yield chunk;
        })(),
      ),
      client.query(
        copyFrom(
          'COPY outcome_measurements (organization_id, evaluation_id, indicator_id, arm, timepoint, sex, age_band, region, n, events, version) FROM STDIN',
        ),
      ),
    );
  });
}
