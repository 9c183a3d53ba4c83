import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, tableToHtml, tableToMarkdown } from '../../src/report/index.js';

const table = {
  caption: 'Figure 4(a) values',
  columns: ['r', 'ℓ_v (mean)', 'verdict'],
  rows: [
    [0, 1.234567, 'ok'],
    [10, 0.5, 'self|defeating'],
    [3, null, '<b>'],
  ],
};

test('formatNumber keeps integers, rounds to significant digits and marks missing values', () => {
  assert.equal(formatNumber(3), '3');
  assert.equal(formatNumber(1.234567), '1.235');
  assert.equal(formatNumber(0.000123456, 3), '0.000123');
  assert.equal(formatNumber(Number.NaN), '—');
  assert.equal(formatNumber(null), '—');
  assert.equal(formatNumber(-Infinity), '−∞');
});

test('Markdown tables align: every line has the same width, numbers right-aligned, pipes escaped', () => {
  const md = tableToMarkdown(table);
  const lines = md.split('\n');
  assert.equal(lines[0], '**Figure 4(a) values**');
  const rows = lines.slice(2);
  assert.equal(rows.length, 5);
  const widths = new Set(rows.map((l) => [...l].length));
  assert.equal(widths.size, 1, md);
  assert.equal(rows[0], '|   r | ℓ_v (mean) | verdict         |');
  assert.equal(rows[1], '| --: | ---------: | --------------- |');
  assert.equal(rows[2], '|   0 |      1.235 | ok              |');
  assert.equal(rows[3], '|  10 |        0.5 | self\\|defeating |');
  assert.equal(rows[4], '|   3 |          — | <b>             |');
});

test('explicit alignment and empty tables render', () => {
  const md = tableToMarkdown({ columns: [{ name: 'a', align: 'center' }, { name: 'b', align: 'left' }], rows: [[1, 2]] });
  assert.deepEqual(md.split('\n'), ['|  a  | b   |', '| :-: | --- |', '|  1  | 2   |']);
  assert.equal(tableToMarkdown({ columns: ['x'], rows: [] }), '| x   |\n| --- |');
});

test('HTML tables escape cells and headers and keep numeric alignment', () => {
  const html = tableToHtml({ ...table, columns: [...table.columns.slice(0, 2), 'v<e>rdict'] });
  assert.match(html, /<caption>Figure 4\(a\) values<\/caption>/);
  assert.match(html, /<th>v&lt;e&gt;rdict<\/th>/);
  assert.match(html, /<td>&lt;b&gt;<\/td>/);
  assert.match(html, /<td style="text-align:right">1\.235<\/td>/);
  assert.ok(!html.includes('<b>'));
});

test('rows of the wrong length are refused with the table and column names', () => {
  assert.throws(() => tableToMarkdown({ caption: 'T', columns: ['a', 'b'], rows: [[1]] }), /Table 'T': row 0 has 1 cells but there are 2 columns \(a, b\)/);
});
