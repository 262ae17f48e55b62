import { useId, type Ref } from 'react';
import { useTranslate } from 'react-admin';
import type { Direction } from '@vocabulary/indicators';
import { digitsFor, toShownScale, useStatFormat } from './format';
import { linearScale, linearTicks, paddedDomain, ratioTicks } from './scale';
import { isRatio, type PooledResult } from './types';

export const PLOT_COLORS = {
  ink: '#212121',
  muted: '#616161',
  grid: '#9e9e9e',
  study: '#1f4e79',
  pooled: '#b35806',
  background: '#ffffff',
};
export const PLOT_FONT = 'Roboto, Helvetica, Arial, sans-serif';

const WIDTH = 980;
const LABEL_X = 8;
const LABEL_CHARS = 56;
const PLOT_LEFT = 380;
const PLOT_RIGHT = 720;
const TEXT_X = 740;
const ROW = 26;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A study label that fits: labels are "program — evaluation", so the program is shortened first and the
 * evaluation's title, which tells studies of one program apart, is kept as long as possible.
 */
export function shortLabel(label: string, max = LABEL_CHARS): string {
  if (label.length <= max) return label;
  const at = label.indexOf(' — ');
  if (at < 0) return truncate(label, max);
  const program = label.slice(0, at);
  const title = label.slice(at + 3);
  const room = max - title.length - 3;
  if (room >= 8) return `${truncate(program, room)} — ${title}`;
  return `${truncate(program, 8)} — ${truncate(title, max - 11)}`;
}

/** Axis ticks and their labels: back-transformed ratios for RR/OR, plain values otherwise. */
export function useAxisTicks(measure: string, domain: [number, number]): { value: number; label: string }[] {
  const format = useStatFormat();
  if (isRatio(measure)) {
    return ratioTicks(domain).map((value) => ({ value, label: format.short(Math.exp(value), 2) }));
  }
  const ticks = linearTicks(domain, 6);
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const digits = Math.max(0, Math.min(3, -Math.floor(Math.log10(step))));
  return ticks.map((value) => ({ value, label: format.fixed(value, digits) }));
}

/** Which side of no effect is better, in words, for the axis of a forest or funnel plot. */
export function useFavoursLabels(measure: string, direction: Direction | undefined) {
  const translate = useTranslate();
  if (!direction) return null;
  const prePost = measure === 'SMCR';
  const better = translate(prePost ? 'ledger.forest.betterAfter' : 'ledger.forest.favoursTreatment');
  const worse = translate(prePost ? 'ledger.forest.worseAfter' : 'ledger.forest.favoursComparison');
  return direction === 'increase' ? { left: worse, right: better } : { left: better, right: worse };
}

/**
 * A forest plot drawn as plain SVG (so it can be downloaded as it is): one row per study with its estimate as a
 * square sized by its weight and its 95 % CI as a line, the pooled estimate as a diamond, the prediction interval
 * as a band, and a vertical line at no effect. Ratios are drawn on the log scale with back-transformed labels.
 */
export const ForestPlot = ({
  result,
  direction,
  description,
  ref,
}: {
  result: PooledResult;
  direction?: Direction;
  /** A sentence that says what the plot shows, for screen readers and the downloaded file. */
  description: string;
  ref?: Ref<SVGSVGElement>;
}) => {
  const translate = useTranslate();
  const format = useStatFormat();
  const titleId = useId();
  const descId = useId();
  const { measure, studies } = result;
  const digits = digitsFor(measure);
  const shown = (v: number) => format.fixed(toShownScale(measure, v), digits);
  const interval = (point: number, low: number, high: number) => `${shown(point)} [${shown(low)}, ${shown(high)}]`;
  const hasPrediction = result.predictionLow !== null && result.predictionHigh !== null;

  const domain = paddedDomain([
    0,
    ...studies.flatMap((s) => [s.ciLow, s.ciHigh]),
    result.ciLow,
    result.ciHigh,
    ...(hasPrediction ? [result.predictionLow!, result.predictionHigh!] : []),
  ]);
  const x = linearScale(domain, [PLOT_LEFT, PLOT_RIGHT]);
  const ticks = useAxisTicks(measure, domain);
  const favours = useFavoursLabels(measure, direction);
  const maxWeight = Math.max(...studies.map((s) => s.weight), 1e-9);

  const headerY = 22;
  const firstY = 52;
  const lastStudyY = firstY + (studies.length - 1) * ROW;
  const separatorY = lastStudyY + ROW * 0.6;
  const pooledY = separatorY + ROW * 0.9;
  const predictionY = pooledY + ROW;
  const bottomRowY = hasPrediction ? predictionY : pooledY;
  const axisY = bottomRowY + ROW * 0.8;
  const height = axisY + (favours ? 70 : 52);
  const zeroX = x(0);
  const methodLabel = translate(`ledger.analysis.methodShort.${result.method}`, { _: result.method });

  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      width={WIDTH}
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      fontFamily={PLOT_FONT}
      fontSize={12}
      style={{ maxWidth: '100%', height: 'auto' }}
      data-testid="forest-plot"
    >
      <title id={titleId}>{translate('ledger.forest.title', { measure })}</title>
      <desc id={descId}>{description}</desc>
      <rect x={0} y={0} width={WIDTH} height={height} fill={PLOT_COLORS.background} />

      {/* Column headers */}
      <g fontWeight={600} fill={PLOT_COLORS.ink}>
        <text x={LABEL_X} y={headerY}>
          {translate('ledger.forest.study')}
        </text>
        <text x={TEXT_X} y={headerY}>
          {translate('ledger.forest.estimateHeader', { measure })}
        </text>
        <text x={WIDTH - 10} y={headerY} textAnchor="end">
          {translate('ledger.forest.weight')}
        </text>
      </g>
      <line x1={LABEL_X} x2={WIDTH - 10} y1={headerY + 8} y2={headerY + 8} stroke={PLOT_COLORS.grid} />

      {/* No effect, and the pooled estimate */}
      <line x1={zeroX} x2={zeroX} y1={firstY - ROW / 2} y2={axisY} stroke={PLOT_COLORS.muted} strokeWidth={1} />
      <line
        x1={x(result.estimate)}
        x2={x(result.estimate)}
        y1={firstY - ROW / 2}
        y2={pooledY}
        stroke={PLOT_COLORS.pooled}
        strokeWidth={1}
        strokeDasharray="3 3"
      />

      {studies.map((study, i) => {
        const y = firstY + i * ROW;
        const side = 5 + 11 * Math.sqrt(Math.max(study.weight, 0) / maxWeight);
        return (
          <g key={String(study.evaluationId)} data-testid="forest-study">
            <text x={LABEL_X} y={y + 4} fill={PLOT_COLORS.ink}>
              <title>{study.label}</title>
              {shortLabel(study.label)}
            </text>
            <line x1={x(study.ciLow)} x2={x(study.ciHigh)} y1={y} y2={y} stroke={PLOT_COLORS.ink} strokeWidth={1.3} />
            <line x1={x(study.ciLow)} x2={x(study.ciLow)} y1={y - 4} y2={y + 4} stroke={PLOT_COLORS.ink} />
            <line x1={x(study.ciHigh)} x2={x(study.ciHigh)} y1={y - 4} y2={y + 4} stroke={PLOT_COLORS.ink} />
            <rect x={x(study.yi) - side / 2} y={y - side / 2} width={side} height={side} fill={PLOT_COLORS.study} />
            <text x={TEXT_X} y={y + 4} fill={PLOT_COLORS.ink}>
              {interval(study.yi, study.ciLow, study.ciHigh)}
            </text>
            <text x={WIDTH - 10} y={y + 4} textAnchor="end" fill={PLOT_COLORS.ink}>
              {format.percent(study.weight / 100)}
            </text>
          </g>
        );
      })}

      <line x1={LABEL_X} x2={WIDTH - 10} y1={separatorY} y2={separatorY} stroke={PLOT_COLORS.grid} />

      <g data-testid="forest-diamond">
        <text x={LABEL_X} y={pooledY + 4} fontWeight={600} fill={PLOT_COLORS.ink}>
          {translate('ledger.forest.pooled', { method: methodLabel, k: result.k })}
        </text>
        <polygon
          points={`${x(result.ciLow)},${pooledY} ${x(result.estimate)},${pooledY - 7} ${x(result.ciHigh)},${pooledY} ${x(result.estimate)},${pooledY + 7}`}
          fill={PLOT_COLORS.pooled}
        />
        <text x={TEXT_X} y={pooledY + 4} fontWeight={600} fill={PLOT_COLORS.ink}>
          {interval(result.estimate, result.ciLow, result.ciHigh)}
        </text>
        <text x={WIDTH - 10} y={pooledY + 4} textAnchor="end" fontWeight={600} fill={PLOT_COLORS.ink}>
          {format.percent(1)}
        </text>
      </g>

      {hasPrediction && (
        <g data-testid="forest-prediction">
          <text x={LABEL_X} y={predictionY + 4} fill={PLOT_COLORS.muted}>
            {translate('ledger.forest.prediction')}
          </text>
          <rect
            x={x(result.predictionLow!)}
            y={predictionY - 3}
            width={Math.max(1, x(result.predictionHigh!) - x(result.predictionLow!))}
            height={6}
            fill={PLOT_COLORS.pooled}
            fillOpacity={0.3}
          />
          <line
            x1={x(result.predictionLow!)}
            x2={x(result.predictionLow!)}
            y1={predictionY - 6}
            y2={predictionY + 6}
            stroke={PLOT_COLORS.pooled}
          />
          <line
            x1={x(result.predictionHigh!)}
            x2={x(result.predictionHigh!)}
            y1={predictionY - 6}
            y2={predictionY + 6}
            stroke={PLOT_COLORS.pooled}
          />
          <text x={TEXT_X} y={predictionY + 4} fill={PLOT_COLORS.muted}>
            [{shown(result.predictionLow!)}, {shown(result.predictionHigh!)}]
          </text>
        </g>
      )}

      {/* Axis */}
      <g fill={PLOT_COLORS.ink}>
        <line x1={PLOT_LEFT} x2={PLOT_RIGHT} y1={axisY} y2={axisY} stroke={PLOT_COLORS.ink} />
        {ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={x(tick.value)} x2={x(tick.value)} y1={axisY} y2={axisY + 5} stroke={PLOT_COLORS.ink} />
            <text x={x(tick.value)} y={axisY + 18} textAnchor="middle" fontSize={11}>
              {tick.label}
            </text>
          </g>
        ))}
        <text
          x={(PLOT_LEFT + PLOT_RIGHT) / 2}
          y={axisY + 36}
          textAnchor="middle"
          fontSize={11}
          fill={PLOT_COLORS.muted}
        >
          {translate(isRatio(measure) ? 'ledger.forest.axisRatio' : 'ledger.forest.axis', {
            measure: translate(`ledger.measure.${measure}`, { _: measure }),
          })}
        </text>
        {favours && (
          <>
            <text x={zeroX - 6} y={axisY + 54} textAnchor="end" fontSize={11} fill={PLOT_COLORS.muted}>
              ← {favours.left}
            </text>
            <text x={zeroX + 6} y={axisY + 54} fontSize={11} fill={PLOT_COLORS.muted}>
              {favours.right} →
            </text>
          </>
        )}
      </g>
    </svg>
  );
};
