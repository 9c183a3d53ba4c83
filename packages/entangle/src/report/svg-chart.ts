// Server-side rendering of an ECharts option to a standalone SVG string (no DOM, no animation).
import * as echarts from 'echarts';
import { escapeHtml } from './escape.js';

export type ChartOption = echarts.EChartsOption;

export interface ChartSize {
  width?: number;
  height?: number;
}

/** A colour-blind-friendly palette (Okabe–Ito), used for series in order. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

/**
 * Renders `option` to SVG and inserts a <title> and a plain-text <desc> (`description`) right after the opening
 * tag, so the numbers behind the picture are readable by screen readers, tests and text search.
 */
export function renderSvg(option: ChartOption, size: ChartSize, title: string, description: string): string {
  const width = size.width ?? 640;
  const height = size.height ?? 400;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose(); // also stops ECharts' frame loop, which would keep the process alive
  }
  const open = svg.indexOf('>') + 1;
  const meta = `\n<title>${escapeHtml(title)}</title>\n<desc>${escapeHtml(description)}</desc>`;
  return svg.slice(0, open) + meta + svg.slice(open);
}
