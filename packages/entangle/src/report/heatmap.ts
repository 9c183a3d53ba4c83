// Figure 4(d) style chart: a grid of values (e.g. downstream loss over upstream noise levels) with a colour bar.
import { formatNumber } from './format.js';
import { type ChartOption, type ChartSize, renderSvg } from './svg-chart.js';

export interface HeatmapSpec extends ChartSize {
  title: string;
  xLabels: string[];
  /** Row labels; the first row is drawn at the bottom (as the paper's inverted y axis). */
  yLabels: string[];
  /** values[row][column]: row indexes yLabels, column indexes xLabels. NaN marks a missing cell. */
  values: number[][];
  xName: string;
  yName: string;
  colorbar: { label: string; min?: number; max?: number };
  /** Print each cell's value on the cell (default: when the grid has at most 144 cells). */
  showValues?: boolean;
}

/** SVG heat map with a continuous colour bar (low = light, high = dark). */
export function heatmap(spec: HeatmapSpec): string {
  const rows = spec.yLabels.length, cols = spec.xLabels.length;
  if (spec.values.length !== rows || spec.values.some((r) => r.length !== cols)) {
    const got = spec.values.map((r) => r.length).join(', ');
    throw new Error(`heatmap '${spec.title}': values must be ${rows} rows of ${cols} (one per y and x label), got rows of [${got}].`);
  }
  const finite = spec.values.flat().filter((v) => Number.isFinite(v));
  const min = spec.colorbar.min ?? (finite.length ? Math.min(...finite) : 0);
  const max = spec.colorbar.max ?? (finite.length ? Math.max(...finite) : 1);
  const data: (number | string)[][] = [];
  spec.values.forEach((row, i) => row.forEach((v, j) => data.push([j, i, Number.isFinite(v) ? v : '-'])));
  const showValues = spec.showValues ?? rows * cols <= 144;
  const option: ChartOption = {
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 15 } },
    grid: { left: 80, right: 110, top: 48, bottom: 64 },
    xAxis: { type: 'category', data: spec.xLabels, name: spec.xName, nameLocation: 'middle', nameGap: 32, splitArea: { show: false } },
    yAxis: { type: 'category', data: spec.yLabels, name: spec.yName, nameLocation: 'middle', nameGap: 56 },
    visualMap: {
      type: 'continuous',
      min,
      max: max > min ? max : min + 1,
      calculable: false,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      text: [`${formatNumber(max)}`, `${formatNumber(min)}`],
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      formatter: (v: unknown) => formatNumber(Number(v)),
    },
    graphic: [{ type: 'text', right: 6, top: 30, style: { text: spec.colorbar.label, fontSize: 12, fill: '#333' } }],
    series: [
      {
        name: spec.colorbar.label,
        type: 'heatmap',
        data,
        label: { show: showValues, fontSize: 10, formatter: (p: { value?: unknown }) => formatNumber(Number((p.value as number[])[2])) },
      },
    ],
  };
  const description =
    `${spec.colorbar.label} by ${spec.yName} (rows, bottom first) and ${spec.xName} (columns). ` +
    spec.values.map((row, i) => `${spec.yName}=${spec.yLabels[i]}: ${row.map((v) => formatNumber(v)).join(', ')}`).join('; ');
  return renderSvg(option, spec, spec.title, description);
}
