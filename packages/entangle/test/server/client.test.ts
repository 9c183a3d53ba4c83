// The dashboard's browser script, run against the live server in a fake DOM: lists, starting a run with live
// progress, a result's verdicts, tables, figures and ECharts plots, and a run's view.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../cli/fixtures/tiny-scenarios.js';
import { startDashboard, type Dashboard } from '../../src/server/server.js';
import { runInFakeBrowser, until, type FakeElement } from './fake-browser.js';

let dashboard: Dashboard;

before(async () => {
  dashboard = await startDashboard({ store: mkdtempSync(join(tmpdir(), 'entangle-client-')), port: 0 });
});

after(async () => {
  await dashboard.close();
});

const find = (root: FakeElement, tag: string, text: RegExp): FakeElement | undefined => root.all().find((e) => e.tagName === tag && text.test(e.textContent));

test('the page starts a run, follows it live, then shows its result and its run with plots of the stored numbers', async () => {
  const page = await (await fetch(dashboard.url)).text();
  const script = await (await fetch(new URL('/assets/dashboard.js', dashboard.url))).text();
  const browser = runInFakeBrowser(script, page, dashboard.url);
  const $ = browser.byId;

  // Scenarios fill the form; the lists are empty.
  await until(() => $('launch-scenario').children.length > 0, 'the scenario list');
  assert.ok($('launch-scenario').all().some((o) => o.value === 'tiny-sdi'));
  await until(() => /none yet/.test($('results').textContent) && /none yet/.test($('runs').textContent), 'the empty lists');

  // Start tiny-sdi from the form; the progress panel follows the event stream to the end.
  $('launch-preset').value = 'quick'; // the page's static <option>s are not parsed by the fake DOM
  $('launch-scenario').value = 'tiny-sdi';
  $('launch-scenario').dispatch('change');
  assert.match($('launch-params').textContent, /Tiny loss mismatch \(test fixture\)\. seeds=5 size=80/);
  $('launch-form').dispatch('submit');
  await until(() => /: done/.test($('launch-title').textContent), 'the end of the launch');
  assert.equal($('launch-title').textContent, 'tiny-sdi (quick): done, self-defeating improvement found');
  assert.equal($('launch-counts').textContent, '25 jobs trained, 5 from the store');
  assert.equal(($('launch-progress').value as number), $('launch-progress').max);
  assert.match($('launch-log').textContent, /tiny-sdi: judging over 5 seeds/);
  assert.equal($('launch-start').disabled, false);

  // The result opens by itself: verdicts, findings, the verdict table, plots, figures, other tables.
  await until(() => find($('detail'), 'h2', /Tiny loss mismatch \(tiny-sdi\)/), 'the result view');
  assert.equal(browser.location.hash, '#result/tiny-sdi-quick');
  const detail = $('detail');
  const heading = find(detail, 'h3', /train u on y/)!;
  assert.equal((heading.children[0] as FakeElement).className, 'badge self-defeating');
  assert.match(detail.text(), /Expected: self-defeating ✓\./);
  assert.match(detail.text(), /<td>✓<\/td><td>train u on y is self-defeating<\/td>/);
  assert.match(detail.text(), /<td>w<\/td><td>descendant<\/td><td>test-mse<\/td>.*<td>deteriorated<\/td>/s);
  const img = detail.all().find((e) => e.tagName === 'img')!;
  assert.equal(img.src, '/api/results/tiny-sdi-quick/figures/0.svg');
  assert.equal(img.alt, 'A box');
  const view = (await (await fetch(new URL('/api/results/tiny-sdi-quick', dashboard.url))).json()) as { result: { comparisons: { evaluation: { models: { model: string; difference: { mean: number; values: number[] }; baseline: { values: number[] } }[] } }[] } };
  const models = view.result.comparisons[0].evaluation.models;
  assert.equal(browser.charts.length, 1 + models.length, 'one Δ chart and one per-seed chart per model');
  const delta = browser.charts[0].options[0] as { xAxis: { data: string[] }; series: { type: string; data: number[][] }[] };
  assert.deepEqual(delta.xAxis.data, models.map((m) => m.model));
  assert.deepEqual(delta.series.map((s) => s.type), ['custom', 'scatter', 'scatter']);
  assert.deepEqual(delta.series[1].data, models.map((m, i) => [i, m.difference.mean]));
  assert.equal(delta.series[2].data.length, models.length * 5);
  const perSeed = browser.charts[1].options[0] as { series: { name: string; data: number[] }[] };
  assert.deepEqual(perSeed.series[0].data, models[0].baseline.values);

  // The run list has the run; clicking it shows its verdict and replaces the plots.
  const item = await until(() => $('runs').all().find((e) => e.tagName === 'li' && /tiny-sdi: train u on y/.test(e.textContent)), 'the run in the list');
  item.dispatch('click');
  await until(() => find($('detail'), 'h2', /^tiny-sdi: train u on y$/), 'the run view');
  assert.match(browser.location.hash, /^#run\/[0-9a-f]{16}$/);
  assert.match($('detail').text(), /Self-defeating improvement: 'u' improved/);
  await until(() => browser.charts.length === 2 * (1 + models.length), 'the run plots');
  assert.ok(browser.charts.slice(0, 1 + models.length).every((c) => c.disposed), 'the result plots were disposed');
  assert.ok(item.classList.contains('selected'));
});
