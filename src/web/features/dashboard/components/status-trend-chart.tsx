import type { Dashboard } from '@shared/contracts/reports';
import { STATUS_LABELS } from '@shared/domain/task-status';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Empty } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, LegendScrollComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: the lib/ (CJS) build of echarts-for-react breaks at runtime under rolldown (stack notes).
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  LegendScrollComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const SHOWN = ['completedOnTime', 'completedLate', 'inProgress', 'overdue'] as const;
const COLORS: Record<(typeof SHOWN)[number], string> = {
  completedOnTime: '#389e0d',
  completedLate: '#d48806',
  inProgress: '#1677ff',
  overdue: '#cf1322',
};

export type StatusTrendChartProps = { trend: Dashboard['trend'] };

/** Tasks per category across the snapshots (no animation: cheap on old laptops). */
export function StatusTrendChart({ trend }: StatusTrendChartProps) {
  if (trend.length === 0) {
    return <Empty description="Chưa có bản chốt số liệu nào" />;
  }
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    // One scrolling legend row under the plot: a wrapped legend on a narrow card overlaps the bars.
    legend: { data: SHOWN.map((c) => STATUS_LABELS[c]), type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: trend.map((p) => formatIsoDate(p.asOf)) },
    yAxis: { type: 'value' },
    series: SHOWN.map((c) => ({
      name: STATUS_LABELS[c],
      type: 'line',
      symbolSize: 6,
      itemStyle: { color: COLORS[c] },
      data: trend.map((p) => p.counts[c] ?? 0),
    })),
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge lazyUpdate />;
}

export type StatusBarChartProps = {
  rows: Dashboard['byAgencyGroup'];
  onSelect?: (key: string, category: string) => void;
};

/** Stacked shares per group (by directive or agency group); a click opens the tasks behind the bar. */
export function StatusBarChart({ rows, onSelect }: StatusBarChartProps) {
  if (rows.length === 0) {
    return <Empty description="Không có dữ liệu" />;
  }
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: SHOWN.map((c) => STATUS_LABELS[c]), type: 'scroll', bottom: 0 },
    grid: { left: 160, right: 16, top: 8, bottom: 56 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: SHOWN.map((c) => ({
      name: STATUS_LABELS[c],
      type: 'bar',
      stack: 'share',
      itemStyle: { color: COLORS[c] },
      data: rows.map((r) => r.cells[c]?.share ?? 0),
    })),
  };
  const handleClick = (params: { dataIndex: number; seriesIndex: number }) => {
    const row = rows[params.dataIndex];
    const category = SHOWN[params.seriesIndex];
    if (row && category) {
      onSelect?.(row.key, category);
    }
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: Math.max(160, 48 + rows.length * 32) }}
      notMerge
      lazyUpdate
      onEvents={{ click: handleClick }}
    />
  );
}
