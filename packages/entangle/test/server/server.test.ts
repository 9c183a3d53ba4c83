// The dashboard server through node's fetch: pages, assets, JSON API, launching a run and its SSE progress stream.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../cli/fixtures/tiny-scenarios.js';
import { startDashboard, type Dashboard } from '../../src/server/server.js';

let dashboard: Dashboard;
let base: string;

before(async () => {
  dashboard = await startDashboard({ store: mkdtempSync(join(tmpdir(), 'entangle-server-')), port: 0 });
  base = dashboard.url.replace(/\/$/, '');
});

after(async () => {
  await dashboard.close();
});

interface Sse {
  event: string;
  data: { type: string; status?: string; result?: string; selfDefeating?: boolean; error?: string; trained?: number; reused?: number; event?: { type: string; completed: number; total: number } };
}

/** Reads a server-sent-events stream until the server ends it; `onEvent` may act on each event. */
async function readEvents(url: string, onEvent?: (e: Sse) => void | Promise<void>): Promise<Sse[]> {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
  const events: Sse[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === undefined || data === undefined) continue;
      const e = { event, data: JSON.parse(data) as Sse['data'] };
      events.push(e);
      await onEvent?.(e);
    }
  }
  return events;
}

const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A raw request, for headers fetch will not let us set (Host, Origin). */
function rawRequest(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; body: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('serves the page, its script and ECharts from node_modules', async () => {
  assert.match(dashboard.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<script src="\/assets\/echarts\.min\.js"><\/script>\n<script src="\/assets\/dashboard\.js"><\/script>/);
  assert.ok(html.includes(dashboard.store.dir));
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/, 'no CDN or remote asset');
  const script = await fetch(`${base}/assets/dashboard.js`);
  assert.match(script.headers.get('content-type')!, /^text\/javascript/);
  const code = await script.text();
  assert.doesNotThrow(() => new Function(code), 'the client script parses');
  assert.match(code, /^\(function dashboardClient\(\) \{/);
  const echarts = await fetch(`${base}/assets/echarts.min.js`);
  assert.equal(echarts.status, 200);
  const bundle = await echarts.text();
  assert.ok(bundle.length > 500_000, `the full ECharts bundle (${bundle.length} bytes)`);
  assert.match(bundle, /echarts/);
});

test('lists scenarios; refuses bad launches with a status and a message', async () => {
  const scenarios = (await (await fetch(`${base}/api/scenarios`)).json()) as { name: string; presets: Record<string, object> }[];
  assert.ok(scenarios.some((s) => s.name === 'tiny-sdi'));
  const cases: [unknown, number, RegExp][] = [
    [{ scenario: 'tiny-sdj' }, 400, /Unknown scenario 'tiny-sdj'\. Did you mean 'tiny-sdi'\?/],
    [{ scenario: 'tiny-sdi', preset: 'huge' }, 400, /'preset' to be one of quick, standard, paper, got "huge"/],
    [{ scenario: 'tiny-sdi', seeds: 0 }, 400, /'seeds' to be a positive integer, got 0/],
    [{ scenario: 'tiny-sdi', params: { siez: 3 } }, 400, /no parameter 'siez'\. Did you mean 'size'\?/],
    [[1, 2], 400, /Expected a JSON object/],
  ];
  for (const [body, status, message] of cases) {
    const res = await post('/api/launches', body);
    assert.equal(res.status, status, JSON.stringify(body));
    assert.match(((await res.json()) as { error: string }).error, message);
  }
  const text = await fetch(`${base}/api/launches`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"scenario":"tiny-sdi"}' });
  assert.equal(text.status, 415);
  const missing = await fetch(`${base}/api/nothing-here`);
  assert.equal(missing.status, 404);
  assert.match(((await missing.json()) as { error: string }).error, /Nothing at \/api\/nothing-here/);
  assert.equal((await fetch(`${base}/api/runs`, { method: 'DELETE' })).status, 405);
});

test('refuses other hosts (DNS rebinding) and cross-origin writes', async () => {
  const rebinding = await rawRequest('GET', '/api/runs', { host: 'evil.example:80' });
  assert.equal(rebinding.status, 403);
  const crossOrigin = await rawRequest('POST', '/api/launches', { 'content-type': 'application/json', origin: 'http://evil.example' }, '{"scenario":"tiny-sdi"}');
  assert.equal(crossOrigin.status, 403);
  assert.match(crossOrigin.body, /Requests from http:\/\/evil\.example may not change this dashboard/);
  assert.equal((await fetch(`${base}/api/launches`)).status, 200);
  assert.deepEqual(await (await fetch(`${base}/api/launches`)).json(), [], 'nothing was launched');
});

test('a run started from the page streams its progress and ends with a saved result', async () => {
  const res = await post('/api/launches', { scenario: 'tiny-sdi', preset: 'quick' });
  assert.equal(res.status, 202);
  const launch = (await res.json()) as { id: string; events: string; status: string };
  assert.equal(launch.status, 'running');
  const events = await readEvents(`${base}${launch.events}`);
  const end = events[events.length - 1];
  assert.equal(end.event, 'end');
  assert.deepEqual({ status: end.data.status, result: end.data.result, selfDefeating: end.data.selfDefeating }, { status: 'done', result: 'tiny-sdi-quick', selfDefeating: true });
  const progress = events.filter((e) => e.event === 'progress');
  const done = progress.filter((e) => e.data.event!.type === 'job-done');
  assert.equal(done.length, 25);
  assert.deepEqual(done.map((e) => e.data.event!.completed), [...done.map((e) => e.data.event!.completed)].sort((a, b) => a - b));
  const last = progress[progress.length - 1].data;
  assert.deepEqual([last.trained, last.reused], [25, 5]);
  assert.ok(events.some((e) => e.event === 'log'), 'the scenario log line is streamed');
  // A late viewer gets the whole history and the end, then the stream closes.
  const replay = await readEvents(`${base}${launch.events}`);
  assert.deepEqual(replay.map((e) => e.event), events.map((e) => e.event));
  assert.equal(((await (await fetch(`${base}/api/launches/${launch.id}`)).json()) as { status: string }).status, 'done');
});

test('the JSON API serves stored results, figures, runs and reports', async () => {
  const results = (await (await fetch(`${base}/api/results`)).json()) as { id: string; scenario: string; selfDefeating: boolean; findings: { held: number; total: number } }[];
  assert.deepEqual(results.map((r) => [r.id, r.scenario, r.selfDefeating, r.findings]), [['tiny-sdi-quick', 'tiny-sdi', true, { held: 1, total: 1 }]]);
  const view = (await (await fetch(`${base}/api/results/tiny-sdi-quick`)).json()) as {
    result: { comparisons: { evaluation: { kind: string } }[]; figures: { url: string; title: string }[] };
    html: { findings: string; comparisons: string[]; tables: string[] };
  };
  assert.equal(view.result.comparisons[0].evaluation.kind, 'self-defeating');
  assert.match(view.html.comparisons[0], /^<table>[\s\S]*<td>w<\/td><td>descendant<\/td>[\s\S]*<td>deteriorated<\/td>/);
  assert.match(view.html.findings, /<td>✓<\/td>/);
  assert.equal(view.html.tables.length, 1);
  const figure = await fetch(`${base}${view.result.figures[0].url}`);
  assert.equal(figure.status, 200);
  assert.match(figure.headers.get('content-type')!, /^image\/svg\+xml/);
  assert.match(figure.headers.get('content-security-policy')!, /default-src 'none'/);
  assert.match(await figure.text(), /^<svg /);
  assert.equal((await fetch(`${base}/api/results/tiny-sdi-quick/figures/7.svg`)).status, 404);
  assert.equal((await fetch(`${base}/api/results/nope`)).status, 404);
  assert.equal((await fetch(`${base}/api/results/..%2F..%2Fetc`)).status, 404);

  const runs = (await (await fetch(`${base}/api/runs`)).json()) as { id: string; kind: string; status: string; origin: { command: string } }[];
  assert.equal(runs.length, 1);
  assert.deepEqual([runs[0].kind, runs[0].status, runs[0].origin.command], ['self-defeating', 'done', 'run']);
  const run = (await (await fetch(`${base}/api/runs/${runs[0].id}`)).json()) as { evaluation: { seeds: number[]; models: unknown[] }; losses: unknown[]; table: string };
  assert.equal(run.losses.length, run.evaluation.seeds.length * 2 * run.evaluation.models.length);
  assert.match(run.table, /<td>self-defeating<\/td>|<td>deteriorated<\/td>/);

  const report = await fetch(`${base}/api/results/tiny-sdi-quick/report.html`);
  assert.match(await report.text(), /<h2>Tiny loss mismatch \(tiny-sdi\)<\/h2>/);
  const all = await fetch(`${base}/report.html`);
  assert.match(await all.text(), /^<!DOCTYPE html>[\s\S]*Tiny loss mismatch/);
});

test('one run at a time; a running launch can be cancelled', async () => {
  const first = await post('/api/launches', { scenario: 'tiny-slow', preset: 'quick', params: { sleepMs: 100 } });
  assert.equal(first.status, 202);
  const launch = (await first.json()) as { id: string; events: string };
  const busy = await post('/api/launches', { scenario: 'tiny-sdi' });
  assert.equal(busy.status, 409);
  assert.match(((await busy.json()) as { error: string }).error, new RegExp(`Run ${launch.id} \\(tiny-slow\\) is still running`));
  let cancelled = false;
  const events = await readEvents(`${base}${launch.events}`, async (e) => {
    if (!cancelled && e.event === 'progress' && e.data.event!.type === 'job-done') {
      cancelled = true;
      assert.equal((await post(`/api/launches/${launch.id}/cancel`, {})).status, 202);
    }
  });
  const end = events[events.length - 1].data;
  assert.equal(end.status, 'aborted');
  assert.equal((await post(`/api/launches/${launch.id}/cancel`, {})).status, 409);
  const runs = (await (await fetch(`${base}/api/runs`)).json()) as { name: string; status: string; kind: string | null }[];
  const slow = runs.find((r) => r.name.startsWith('tiny-slow'))!;
  assert.deepEqual([slow.status, slow.kind], ['aborted', null]);
});
