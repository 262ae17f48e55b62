import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { PLOT_COLORS, PLOT_FONT, useAxisTicks } from './ForestPlot';
import { useStatFormat } from './format';
import { linearScale, linearTicks, paddedDomain } from './scale';
import { isRatio, type PooledResult } from './types';

const WIDTH = 560;
const HEIGHT = 340;
const LEFT = 64;
const RIGHT = WIDTH - 16;
const TOP = 16;
const BOTTOM = HEIGHT - 56;
const Z = 1.959963984540054;

/**
 * A funnel plot: each study's estimate against its standard error, the y axis inverted so precise studies are at
 * the top, with the pooled estimate and the pseudo 95 % limits (estimate ± 1.96·SE) around it. Asymmetry can hint at
 * small-study effects or publication bias.
 */
export const FunnelPlot = ({ result, description }: { result: PooledResult; description: string }) => {
  const translate = useTranslate();
  const format = useStatFormat();
  const titleId = useId();
  const descId = useId();
  const ses = result.studies.map((s) => Math.sqrt(s.vi));
  const seMax = Math.max(...ses, 1e-6) * 1.1;
  const domain = paddedDomain([
    0,
    result.estimate - Z * seMax,
    result.estimate + Z * seMax,
    ...result.studies.map((s) => s.yi),
  ]);
  const x = linearScale(domain, [LEFT, RIGHT]);
  const y = linearScale([0, seMax], [TOP, BOTTOM]);
  const xTicks = useAxisTicks(result.measure, domain);
  const yTicks = linearTicks([0, seMax], 4).filter((t) => t <= seMax);
  const apex = `${x(result.estimate)},${y(0)}`;
  const leftFoot = `${x(result.estimate - Z * seMax)},${y(seMax)}`;
  const rightFoot = `${x(result.estimate + Z * seMax)},${y(seMax)}`;

  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      fontFamily={PLOT_FONT}
      fontSize={11}
      style={{ maxWidth: '100%', height: 'auto' }}
      data-testid="funnel-plot"
    >
      <title id={titleId}>{translate('ledger.funnel.title', { measure: result.measure })}</title>
      <desc id={descId}>{description}</desc>
      <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill={PLOT_COLORS.background} />
      <polygon points={`${apex} ${leftFoot} ${rightFoot}`} fill={PLOT_COLORS.grid} fillOpacity={0.12} />
      <polyline
        points={`${leftFoot} ${apex} ${rightFoot}`}
        fill="none"
        stroke={PLOT_COLORS.muted}
        strokeDasharray="4 3"
      />
      <line x1={x(0)} x2={x(0)} y1={TOP} y2={BOTTOM} stroke={PLOT_COLORS.grid} strokeDasharray="1 3" />
      <line
        x1={x(result.estimate)}
        x2={x(result.estimate)}
        y1={TOP}
        y2={BOTTOM}
        stroke={PLOT_COLORS.pooled}
        strokeWidth={1.2}
      />
      {result.studies.map((s, i) => (
        <circle
          key={String(s.evaluationId)}
          cx={x(s.yi)}
          cy={y(ses[i])}
          r={4.5}
          fill={PLOT_COLORS.study}
          fillOpacity={0.85}
          data-testid="funnel-study"
        >
          <title>{s.label}</title>
        </circle>
      ))}
      {/* x axis */}
      <line x1={LEFT} x2={RIGHT} y1={BOTTOM} y2={BOTTOM} stroke={PLOT_COLORS.ink} />
      {xTicks.map((tick) => (
        <g key={tick.value}>
          <line x1={x(tick.value)} x2={x(tick.value)} y1={BOTTOM} y2={BOTTOM + 5} stroke={PLOT_COLORS.ink} />
          <text x={x(tick.value)} y={BOTTOM + 18} textAnchor="middle" fill={PLOT_COLORS.ink}>
            {tick.label}
          </text>
        </g>
      ))}
      <text x={(LEFT + RIGHT) / 2} y={BOTTOM + 38} textAnchor="middle" fill={PLOT_COLORS.muted}>
        {translate(isRatio(result.measure) ? 'ledger.forest.axisRatio' : 'ledger.forest.axis', {
          measure: translate(`ledger.measure.${result.measure}`, { _: result.measure }),
        })}
      </text>
      {/* y axis, inverted: 0 at the top */}
      <line x1={LEFT} x2={LEFT} y1={TOP} y2={BOTTOM} stroke={PLOT_COLORS.ink} />
      {yTicks.map((tick) => (
        <g key={tick}>
          <line x1={LEFT - 5} x2={LEFT} y1={y(tick)} y2={y(tick)} stroke={PLOT_COLORS.ink} />
          <text x={LEFT - 8} y={y(tick) + 4} textAnchor="end" fill={PLOT_COLORS.ink}>
            {format.short(tick, 3)}
          </text>
        </g>
      ))}
      <text
        x={16}
        y={(TOP + BOTTOM) / 2}
        textAnchor="middle"
        transform={`rotate(-90 16 ${(TOP + BOTTOM) / 2})`}
        fill={PLOT_COLORS.muted}
      >
        {translate('ledger.funnel.yAxis')}
      </text>
    </svg>
  );
};
