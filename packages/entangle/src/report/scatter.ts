// 2-D illustrations (the paper's Figures 2 and 3): points coloured by class with optional decision lines.
import { formatNumber } from './format.js';
import { type ChartOption, type ChartSize, PALETTE, renderSvg } from './svg-chart.js';

export interface ScatterPoint {
  x: number;
  y: number;
  /** Class of the point; one colour and legend entry per distinct class. */
  label: string | number;
}

/** The line a·x + b·y + c = 0, e.g. a linear classifier's decision boundary. */
export interface DecisionLine {
  name: string;
  a: number;
  b: number;
  c: number;
}

export interface Scatter2dSpec extends ChartSize {
  title: string;
  xLabel?: string;
  yLabel?: string;
  points: ScatterPoint[];
  lines?: DecisionLine[];
}

/** SVG scatter plot; decision lines are clipped to the points' bounding box (with a 5% margin); axes round outward. */
export function scatter2d(spec: Scatter2dSpec): string {
  if (spec.points.length === 0) throw new Error(`scatter2d '${spec.title}': no points to draw.`);
  const xs = spec.points.map((p) => p.x), ys = spec.points.map((p) => p.y);
  const box = padBox(Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys));
  const classes = [...new Set(spec.points.map((p) => String(p.label)))].sort();
  const series: NonNullable<ChartOption['series']> = classes.map((cls, k) => ({
    name: `class ${cls}`,
    type: 'scatter' as const,
    symbolSize: 6,
    color: PALETTE[k % PALETTE.length],
    data: spec.points.filter((p) => String(p.label) === cls).map((p) => [p.x, p.y]),
  }));
  for (const [k, line] of (spec.lines ?? []).entries()) {
    const segment = clipLine(line, box);
    if (!segment) continue;
    series.push({
      name: line.name,
      type: 'line',
      data: segment,
      symbol: 'none',
      color: PALETTE[(classes.length + k) % PALETTE.length],
      lineStyle: { width: 2, type: k % 2 === 0 ? 'solid' : 'dashed' },
    });
  }
  const option: ChartOption = {
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    grid: { left: 64, right: 24, top: 48, bottom: 72 },
    xAxis: { type: 'value', name: spec.xLabel ?? 'x₁', nameLocation: 'middle', nameGap: 28, scale: true, axisLine: { onZero: false }, axisLabel: { formatter: (v: number) => formatNumber(v, 3) } },
    yAxis: { type: 'value', name: spec.yLabel ?? 'x₂', nameLocation: 'middle', nameGap: 40, scale: true, axisLine: { onZero: false }, axisLabel: { formatter: (v: number) => formatNumber(v, 3) } },
    series,
  };
  const counts = classes.map((cls) => `class ${cls}: ${spec.points.filter((p) => String(p.label) === cls).length} points`);
  const lines = (spec.lines ?? []).map((l) => `${l.name}: ${formatNumber(l.a)}·x + ${formatNumber(l.b)}·y + ${formatNumber(l.c)} = 0`);
  return renderSvg(option, spec, spec.title, [...counts, ...lines].join('; '));
}

interface Box { x0: number; x1: number; y0: number; y1: number }

function padBox(x0: number, x1: number, y0: number, y1: number): Box {
  const dx = (x1 - x0 || 1) * 0.05, dy = (y1 - y0 || 1) * 0.05;
  return { x0: x0 - dx, x1: x1 + dx, y0: y0 - dy, y1: y1 + dy };
}

/** The part of a·x + b·y + c = 0 inside the box, as two points, or undefined when it misses the box. */
export function clipLine(line: DecisionLine, box: Box): [number, number][] | undefined {
  const { a, b, c } = line;
  const pts: [number, number][] = [];
  const inside = (x: number, y: number) => x >= box.x0 - 1e-12 && x <= box.x1 + 1e-12 && y >= box.y0 - 1e-12 && y <= box.y1 + 1e-12;
  if (b !== 0) for (const x of [box.x0, box.x1]) { const y = -(a * x + c) / b; if (inside(x, y)) pts.push([x, y]); }
  if (a !== 0) for (const y of [box.y0, box.y1]) { const x = -(b * y + c) / a; if (inside(x, y)) pts.push([x, y]); }
  if (pts.length < 2) return undefined;
  pts.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return [pts[0], pts[pts.length - 1]];
}
