// Public surface of the report layer: SVG charts, tables and the self-contained HTML report.
export { escapeHtml } from './escape.js';
export { formatNumber } from './format.js';
export { renderSvg, PALETTE, type ChartOption, type ChartSize } from './svg-chart.js';
export { lineWithBands, type LineWithBandsSpec, type BandSeries, type BandPoint } from './line-bands.js';
export { heatmap, type HeatmapSpec } from './heatmap.js';
export { scatter2d, clipLine, type Scatter2dSpec, type ScatterPoint, type DecisionLine } from './scatter.js';
export { tableToHtml, tableToMarkdown, type Table, type Column, type Cell, type Align } from './table.js';
export { renderHtmlReport, type HtmlReport, type ReportSection, type Verdict, type VerdictKind, type Figure } from './html.js';
