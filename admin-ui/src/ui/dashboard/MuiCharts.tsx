/**
 * Dashboard charts from @mui/x-charts (themed by MUI, with tooltips and legends). A click on a
 * bar, slice or point calls onPoint with that point, so the widget can open what is behind it.
 */
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { PieChart } from '@mui/x-charts/PieChart';
import type { Point } from '../../mapping/dashboard.js';

interface ChartProps {
  series: Point[];
  format: (n: number) => string;
  label: string;
  onPoint?: (p: Point) => void;
}

export function WidgetBarChart({ series, format, label, onPoint }: ChartProps) {
  return (
    <BarChart
      height={Math.max(220, series.length * 26 + 40)}
      layout="horizontal"
      dataset={series.map((p) => ({ label: p.label, value: p.value }))}
      yAxis={[{ scaleType: 'band', dataKey: 'label', width: 140 }]}
      xAxis={[{ valueFormatter: (v: number | null) => (v === null ? '' : format(v)) }]}
      series={[{ dataKey: 'value', label, valueFormatter: (v: number | null) => (v === null ? '' : format(v)) }]}
      onItemClick={(_, item) => onPoint && item.dataIndex !== undefined && onPoint(series[item.dataIndex]!)}
      margin={{ left: 8, right: 40 }}
    />
  );
}

export function WidgetLineChart({ series, format, label, onPoint }: ChartProps) {
  return (
    <LineChart
      height={240}
      xAxis={[{ scaleType: 'point', data: series.map((p) => p.label) }]}
      yAxis={[{ valueFormatter: (v: number | null) => (v === null ? '' : format(v)), width: 70 }]}
      series={[{ data: series.map((p) => p.value), label, area: false, valueFormatter: (v: number | null) => (v === null ? '' : format(v)) }]}
      onMarkClick={(_, item) => onPoint && item.dataIndex !== undefined && onPoint(series[item.dataIndex]!)}
    />
  );
}

export function WidgetPieChart({ series, format, onPoint }: ChartProps) {
  const positive = series.filter((p) => p.value > 0);
  return (
    <PieChart
      height={240}
      series={[{ data: positive.map((p, i) => ({ id: i, value: p.value, label: p.label })), innerRadius: 40, valueFormatter: (v) => format(v.value) }]}
      onItemClick={(_, item) => onPoint && onPoint(positive[item.dataIndex]!)}
    />
  );
}
