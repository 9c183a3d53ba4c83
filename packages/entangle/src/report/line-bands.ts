// Figure 4(a–c) style chart: mean curves with ±sd bands, upstream on the left axis and downstream on the right.
import { formatNumber } from './format.js';
import { type ChartSize, PALETTE, renderSvg } from './svg-chart.js';
import type { ChartOption } from './svg-chart.js';

export interface BandPoint {
  x: number;
  mean: number;
  /** Standard deviation across seeds; 0 or omitted draws no band. */
  sd?: number;
}

export interface BandSeries {
  name: string;
  axis: 'left' | 'right';
  points: BandPoint[];
}

export interface LineWithBandsSpec extends ChartSize {
  title: string;
  xLabel: string;
  /** Axis titles; default to the names of the series on that axis. */
  leftLabel?: string;
  rightLabel?: string;
  series: BandSeries[];
}

/**
 * SVG of mean lines with mean ± sd bands. ECharts has no band mark, so each band is a transparent series at
 * mean − sd with a stacked series of height 2·sd filled with areaStyle.
 */
export function lineWithBands(spec: LineWithBandsSpec): string {
  if (spec.series.length === 0) throw new Error(`lineWithBands '${spec.title}': no series to draw.`);
  const axisName = (axis: 'left' | 'right') =>
    (axis === 'left' ? spec.leftLabel : spec.rightLabel) ??
    spec.series.filter((s) => s.axis === axis).map((s) => s.name).join(' / ');
  const hasRight = spec.series.some((s) => s.axis === 'right');
  const xs = spec.series.flatMap((s) => s.points.map((p) => p.x));
  const series: NonNullable<ChartOption['series']> = [];
  spec.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const yAxisIndex = s.axis === 'right' && hasRight ? 1 : 0;
    const points = [...s.points].sort((a, b) => a.x - b.x);
    if (points.some((p) => (p.sd ?? 0) > 0)) {
      const stack = `band-${k}`;
      const common = { type: 'line' as const, yAxisIndex, stack, symbol: 'none', silent: true, lineStyle: { opacity: 0 }, z: 1 };
      series.push({ ...common, name: `${s.name} (−sd)`, data: points.map((p) => [p.x, p.mean - (p.sd ?? 0)]) });
      series.push({
        ...common,
        name: `${s.name} (±sd band)`,
        data: points.map((p) => [p.x, 2 * (p.sd ?? 0)]),
        areaStyle: { color, opacity: 0.18 },
      });
    }
    series.push({
      name: s.name,
      type: 'line',
      yAxisIndex,
      data: points.map((p) => [p.x, p.mean]),
      color,
      symbol: s.axis === 'left' ? 'circle' : 'triangle',
      symbolSize: 7,
      lineStyle: { width: 2, type: s.axis === 'left' ? 'solid' : 'dashed' },
      z: 3,
    });
  });
  const yAxis = (axis: 'left' | 'right', color: string) => ({
    type: 'value' as const,
    name: axisName(axis),
    nameLocation: 'middle' as const,
    nameGap: 48,
    scale: true,
    position: axis,
    axisLine: { show: true, lineStyle: { color } },
    splitLine: { show: axis === 'left' },
  });
  const firstOn = (axis: string) => spec.series.findIndex((s) => s.axis === axis);
  const option: ChartOption = {
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0, data: spec.series.map((s) => s.name) },
    grid: { left: 72, right: hasRight ? 72 : 24, top: 48, bottom: 72 },
    xAxis: {
      type: 'value',
      name: spec.xLabel,
      nameLocation: 'middle',
      nameGap: 28,
      min: Math.min(...xs),
      max: Math.max(...xs),
    },
    yAxis: hasRight
      ? [yAxis('left', PALETTE[Math.max(0, firstOn('left'))]), yAxis('right', PALETTE[Math.max(0, firstOn('right'))])]
      : [yAxis('left', '#333')],
    series,
  };
  const description = spec.series
    .map((s) =>
      `${s.name} (${s.axis} axis): ` +
      s.points.map((p) => `x=${formatNumber(p.x)} mean=${formatNumber(p.mean)} sd=${formatNumber(p.sd ?? 0)}`).join('; '),
    )
    .join(' | ');
  return renderSvg(option, spec, spec.title, `${spec.xLabel} vs loss. ${description}`);
}
