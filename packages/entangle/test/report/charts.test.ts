import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipLine, heatmap, lineWithBands, scatter2d } from '../../src/report/index.js';
import { assertWellFormedXml, svgDesc, svgTexts } from './xml-check.js';

test('assertWellFormedXml rejects broken markup (so the chart tests below can fail)', () => {
  assert.throws(() => assertWellFormedXml('<svg><g></svg>'), /closes <g>/);
  assert.throws(() => assertWellFormedXml('<svg><text>a & b</text></svg>'), /bad entity/);
  assert.throws(() => assertWellFormedXml('<svg a="1" a="2"></svg>'), /duplicate attribute/);
  assert.throws(() => assertWellFormedXml('<svg><g>'), /unclosed/);
  assert.equal(assertWellFormedXml('<svg><g a="x &amp; y"/><text>&lt;</text></svg>'), 3);
});

const rs = [0, 1, 2, 3];
const figure4a = {
  title: 'Loss-function mismatch <4.1.1>',
  xLabel: 'Rate of noisy examples (r)',
  leftLabel: 'upstream MSE',
  rightLabel: 'downstream zero-one loss',
  series: [
    { name: 'upstream ℓ_v', axis: 'left' as const, points: rs.map((x) => ({ x, mean: 2 - 0.25 * x, sd: 0.125 })) },
    { name: 'downstream ℓ_w', axis: 'right' as const, points: rs.map((x) => ({ x, mean: 0.1 + 0.05 * x, sd: 0.02 })) },
  ],
};

test('lineWithBands gives valid SVG with both series, both axis titles, tick numbers and the data in <desc>', () => {
  const svg = lineWithBands(figure4a);
  assert.ok(svg.startsWith('<svg'));
  assertWellFormedXml(svg);
  const texts = svgTexts(svg);
  for (const t of ['Loss-function mismatch <4.1.1>', 'upstream ℓ_v', 'downstream ℓ_w', 'upstream MSE', 'downstream zero-one loss', 'Rate of noisy examples (r)']) {
    assert.ok(texts.includes(t), `missing text ${t}; got ${texts.join(' | ')}`);
  }
  assert.ok(texts.includes('3'), 'x tick 3');
  // Band helper series are not in the legend.
  assert.ok(!texts.some((t) => t.includes('±sd')));
  const desc = svgDesc(svg);
  assert.match(desc, /upstream ℓ_v \(left axis\): x=0 mean=2 sd=0\.125; x=1 mean=1\.75/);
  assert.match(desc, /downstream ℓ_w \(right axis\): .*x=3 mean=0\.25 sd=0\.02/);
  assert.match(svg, /<title>Loss-function mismatch &lt;4\.1\.1&gt;<\/title>/);
});

test('lineWithBands draws one filled band per series with sd > 0 and none without', () => {
  const areas = (svg: string) => (svg.match(/fill-opacity="0\.18"/g) ?? []).length;
  assert.equal(areas(lineWithBands(figure4a)), 2);
  const noSd = { ...figure4a, series: figure4a.series.map((s) => ({ ...s, points: s.points.map((p) => ({ x: p.x, mean: p.mean })) })) };
  assert.equal(areas(lineWithBands(noSd)), 0);
  const leftOnly = lineWithBands({ ...figure4a, series: [figure4a.series[0]], rightLabel: undefined });
  assert.ok(!svgTexts(leftOnly).includes('downstream zero-one loss'));
  assert.throws(() => lineWithBands({ ...figure4a, series: [] }), /no series to draw/);
});

test('heatmap gives valid SVG with axis labels, cell values, colour-bar label and rows in the description', () => {
  const svg = heatmap({
    title: 'Anti-correlated errors',
    xLabels: ['0.05', '0.25', '0.5'],
    yLabels: ['0.04', '0.2'],
    values: [[0.11, 0.22, 0.33], [0.44, 0.55, Number.NaN]],
    xName: 'ℓ_v',
    yName: 'ℓ_u',
    colorbar: { label: 'downstream ℓ_w' },
  });
  assertWellFormedXml(svg);
  const texts = svgTexts(svg);
  for (const t of ['Anti-correlated errors', '0.05', '0.25', '0.5', '0.04', '0.2', 'ℓ_v', 'ℓ_u', 'downstream ℓ_w', '0.11', '0.33', '0.55']) {
    assert.ok(texts.includes(t), `missing ${t}; got ${texts.join(' | ')}`);
  }
  assert.match(svgDesc(svg), /ℓ_u=0\.04: 0\.11, 0\.22, 0\.33; ℓ_u=0\.2: 0\.44, 0\.55, —/);
});

test('heatmap refuses values whose shape does not match the labels', () => {
  assert.throws(
    () => heatmap({ title: 'h', xLabels: ['a', 'b'], yLabels: ['c'], values: [[1]], xName: 'x', yName: 'y', colorbar: { label: 'z' } }),
    /values must be 1 rows of 2 .* got rows of \[1\]/,
  );
});

test('scatter2d colours points by class and draws named decision lines', () => {
  const points = [0, 1, 2, 3, 4, 5].map((i) => ({ x: i, y: i % 3, label: i < 3 ? 'one' : 'seven' }));
  const svg = scatter2d({ title: 'Figure 2', points, lines: [{ name: 'upstream boundary', a: 1, b: 0, c: -2.5 }] });
  assertWellFormedXml(svg);
  const texts = svgTexts(svg);
  for (const t of ['Figure 2', 'class one', 'class seven', 'upstream boundary']) assert.ok(texts.includes(t), `missing ${t}`);
  assert.match(svgDesc(svg), /class one: 3 points; class seven: 3 points; upstream boundary: 1·x \+ 0·y \+ -2\.5 = 0/);
  assert.throws(() => scatter2d({ title: 'e', points: [] }), /no points/);
});

test('clipLine returns the segment of a·x + b·y + c = 0 inside the box', () => {
  const box = { x0: 0, x1: 4, y0: 0, y1: 2 };
  assert.deepEqual(clipLine({ name: 'v', a: 1, b: 0, c: -1 }, box), [[1, 0], [1, 2]]);
  assert.deepEqual(clipLine({ name: 'h', a: 0, b: 1, c: -1 }, box), [[0, 1], [4, 1]]);
  assert.deepEqual(clipLine({ name: 'd', a: 1, b: -1, c: 0 }, box), [[0, 0], [2, 2]]);
  assert.equal(clipLine({ name: 'miss', a: 1, b: 0, c: -9 }, box), undefined);
});
