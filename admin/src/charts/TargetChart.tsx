import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { useNumberFormat, usePercentFormat } from '../common/format';
import { ChartFigure } from './ChartFigure';
import { CHART_COLORS } from './palette';

export interface TargetSeries {
  code: string;
  name: string;
  measureType: string;
  unit: string;
  progress: number | null;
  periods: { label: string; target: number | null; actual: number | null }[];
}

/** One indicator of a grant: the target line and the reported actual values, period by period. */
const TargetChart = ({ series }: { series: TargetSeries }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const asPercent = series.measureType === 'proportion';
  const show = (value: number | null) => (value === null ? '—' : asPercent ? percent(value) : number(value));
  const reported = series.periods.filter((p) => p.actual !== null);
  const last = reported[reported.length - 1];
  const summary = last
    ? translate('ledger.charts.target.summary', {
        indicator: series.code,
        period: last.label,
        actual: show(last.actual),
        target: show(last.target),
        progress: series.progress === null ? '—' : percent(series.progress),
        smart_count: reported.length,
        total: series.periods.length,
      })
    : translate('ledger.charts.target.summaryNone', { indicator: series.code, total: series.periods.length });
  const targetLabel = translate('ledger.charts.target.target');
  const actualLabel = translate('ledger.charts.target.actual');
  return (
    <ChartFigure
      title={`${series.code} · ${series.name}`}
      summary={summary}
      testId="target-chart"
      height={180}
      table={{
        columns: [translate('ledger.charts.target.period'), targetLabel, actualLabel],
        rows: series.periods.map((p) => [p.label, show(p.target), show(p.actual)]),
        numeric: [1, 2],
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={series.periods} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={56} tickFormatter={(v: number) => show(v)} />
          <Tooltip formatter={(v) => show(typeof v === 'number' ? v : null)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            dataKey="target"
            name={targetLabel}
            stroke={CHART_COLORS.target}
            strokeDasharray="5 4"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey="actual"
            name={actualLabel}
            stroke={CHART_COLORS.actual}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
};

export default TargetChart;
