import { toCsv } from '../common/download';
import { isRatio, type PooledResult } from './types';

/** The pooled studies as CSV: effect, variance, interval, weight (and the ratio scale for RR and OR). */
export function studiesCsv(result: PooledResult): string {
  const { measure } = result;
  const ratio = isRatio(measure);
  const header = [
    'evaluation_id',
    'program_id',
    'label',
    'measure',
    'yi',
    'vi',
    'se',
    'ci_low',
    'ci_high',
    ...(ratio ? ['ratio', 'ratio_ci_low', 'ratio_ci_high'] : []),
    'weight_percent',
  ];
  const rows = result.studies.map((s) => [
    String(s.evaluationId),
    String(s.programId),
    s.label,
    measure,
    s.yi,
    s.vi,
    Math.sqrt(s.vi),
    s.ciLow,
    s.ciHigh,
    ...(ratio ? [Math.exp(s.yi), Math.exp(s.ciLow), Math.exp(s.ciHigh)] : []),
    s.weight,
  ]);
  return toCsv(header, rows);
}
