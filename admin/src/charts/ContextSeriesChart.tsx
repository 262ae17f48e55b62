import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { useNumberFormat } from '../common/format';
import { ChartFigure } from './ChartFigure';
import { CHART_COLORS } from './palette';

/** An indicator's context series by year (e.g. national hotline tips), with its table. */
const ContextSeriesChart = ({
  name,
  unit,
  series,
}: {
  name: string;
  unit: string;
  series: { year: number; value: number }[];
}) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  const first = series[0];
  const last = series[series.length - 1];
  const summary = translate('ledger.charts.context.summary', {
    name,
    from: first.year,
    to: last.year,
    first: number(first.value),
    last: number(last.value),
    ratio: first.value > 0 ? number(Math.round((last.value / first.value) * 10) / 10) : '—',
  });
  return (
    <ChartFigure
      title={translate('ledger.charts.context.title', { name })}
      summary={summary}
      testId="context-series-chart"
      height={240}
      table={{
        columns: [translate('ledger.charts.context.year'), unit || translate('ledger.charts.context.value')],
        rows: series.map((v) => [String(v.year), number(v.value)]),
        numeric: [1],
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
          <XAxis dataKey="year" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={64} tickFormatter={(v: number) => number(v)} />
          <Tooltip formatter={(v) => number(v)} />
          <Line
            dataKey="value"
            name={unit || name}
            stroke={CHART_COLORS.actual}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
};

export default ContextSeriesChart;
