import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useNumberFormat } from '../common/format';
import { ChartFigure, type ChartTable } from './ChartFigure';
import { CHART_COLORS } from './palette';

/** Horizontal bars of counts by category (grants by strategy, evaluations by rating), with its table. */
const CountBarChart = ({
  title,
  summary,
  bars,
  valueLabel,
  table,
  testId,
}: {
  title: string;
  summary: string;
  bars: { label: string; value: number }[];
  valueLabel: string;
  /** The table alternative; by default label and value. */
  table?: ChartTable;
  testId?: string;
}) => {
  const number = useNumberFormat();
  return (
    <ChartFigure
      title={title}
      summary={summary}
      testId={testId}
      height={Math.max(120, 36 * bars.length + 40)}
      table={table ?? { columns: ['', valueLabel], rows: bars.map((b) => [b.label, number(b.value)]), numeric: [1] }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={bars}
          layout="vertical"
          margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={(v: number) => number(v)} />
          <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => number(v)} />
          <Bar dataKey="value" name={valueLabel} fill={CHART_COLORS.bar} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
};

export default CountBarChart;
