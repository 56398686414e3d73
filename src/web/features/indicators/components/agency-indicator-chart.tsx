import type { AgencySeries } from '@shared/contracts/indicators';
import { EVALUATION_STATUS_LABELS } from '@shared/domain/indicator-evaluation';
import { Empty } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: the lib/ (CJS) build of echarts-for-react breaks at runtime under rolldown (stack notes).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { STATUS_STYLES } from '../indicator-labels';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type AgencyIndicatorChartProps = {
  series: AgencySeries['series'][number] | undefined;
  nationalTarget: number | null;
};

/** One agency through the year: achieved value per month (bars coloured by status) and its target line. */
export function AgencyIndicatorChart({ series, nationalTarget }: AgencyIndicatorChartProps) {
  if (!series || series.points.every((p) => p.value === null && p.target === null)) {
    return <Empty description="Cơ quan chưa có chỉ tiêu hay số liệu trong năm" />;
  }
  const months = series.points.map((p) => `T${Number(p.period.slice(5, 7)) || p.period}`);
  // The national target line is drawn only inside the axis range, so the range must reach it.
  const highest = Math.max(nationalTarget ?? 0, ...series.points.flatMap((p) => [p.value ?? 0, p.target ?? 0]));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['Tỷ lệ đạt được', 'Chỉ tiêu đăng ký'] },
    grid: { left: 56, right: 24, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: series.unitLabel, max: highest > 0 ? Math.ceil(highest * 1.1) : undefined },
    series: [
      {
        name: 'Tỷ lệ đạt được',
        type: 'bar',
        data: series.points.map((p) => ({
          value: p.value,
          itemStyle: { color: STATUS_STYLES[p.status].color },
          status: EVALUATION_STATUS_LABELS[p.status],
        })),
        ...(nationalTarget !== null
          ? {
              markLine: {
                symbol: 'none',
                lineStyle: { type: 'dotted', color: '#1677ff' },
                label: { position: 'insideEndTop', formatter: `Mục tiêu quốc gia ${nationalTarget}` },
                data: [{ yAxis: nationalTarget }],
              },
            }
          : {}),
      },
      {
        name: 'Chỉ tiêu đăng ký',
        type: 'line',
        step: 'middle',
        connectNulls: false,
        lineStyle: { type: 'dashed' },
        data: series.points.map((p) => p.target),
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 300 }}
      data-testid="agency-indicator-chart"
    />
  );
}
