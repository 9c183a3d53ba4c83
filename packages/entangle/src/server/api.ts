// The dashboard's JSON API over the store: runs, scenario results, figures, scenarios, launches and their events.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from '../core/types.js';
import { listRuns, runEvaluation } from '../cli/run-index.js';
import { listScenarioResults, loadScenarioResult, type SavedResult } from '../cli/results.js';
import { renderHtmlReport } from '../report/html.js';
import { evaluationTable, extraTables, findingsTable, runReport } from '../report/run-report.js';
import { tableToHtml } from '../report/table.js';
import { listScenarios } from '../scenarios/registry.js';
import { PRESETS, type PresetName } from '../scenarios/scenario.js';
import type { Store } from '../store/store.js';
import { HttpError, readJsonBody, Router, sendJson, sendText } from './http-util.js';
import type { LaunchEvent, LaunchManager } from './launches.js';

/** Figures are served as images with a policy that forbids scripts, so a stored SVG cannot run code in the page. */
const SVG_HEADERS = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'x-content-type-options': 'nosniff' };

function resultSummary(saved: SavedResult): JsonObject {
  const r = saved.result;
  return {
    id: saved.id, savedAt: saved.savedAt, scenario: r.scenario, title: r.title, paper: r.paper, preset: r.preset,
    seeds: r.seeds.length, selfDefeating: r.selfDefeating, kinds: r.comparisons.map((c) => c.evaluation.kind),
    findings: { held: r.findings.filter((f) => f.holds).length, total: r.findings.length },
  };
}

/** A saved result for the page: figures become URLs, tables become escaped HTML rendered by the report layer. */
function resultView(saved: SavedResult): unknown {
  const r = saved.result;
  return {
    id: saved.id,
    savedAt: saved.savedAt,
    result: { ...r, figures: r.figures.map((f, i) => ({ name: f.name, title: f.title, url: `/api/results/${encodeURIComponent(saved.id)}/figures/${i}.svg` })) },
    html: {
      findings: r.findings.length > 0 ? tableToHtml(findingsTable(r)) : null,
      comparisons: r.comparisons.map((c) => tableToHtml(evaluationTable(c.evaluation))),
      tables: extraTables(r).map(tableToHtml),
    },
  };
}

function savedResult(store: Store, id: string): SavedResult {
  const saved = loadScenarioResult(store.dir, id);
  if (saved === undefined) throw new HttpError(404, `No scenario result '${id}' in ${store.dir}.`);
  return saved;
}

function launchRequest(body: unknown): { scenario: string; preset: PresetName; seeds?: number; overrides?: JsonObject } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'Expected a JSON object { scenario, preset, seeds?, params? }.');
  const b = body as Record<string, unknown>;
  if (typeof b.scenario !== 'string' || b.scenario === '') throw new HttpError(400, "Expected 'scenario' to be a scenario name.");
  const preset = b.preset ?? 'quick';
  if (typeof preset !== 'string' || !(PRESETS as readonly string[]).includes(preset)) throw new HttpError(400, `Expected 'preset' to be one of ${PRESETS.join(', ')}, got ${JSON.stringify(preset)}.`);
  if (b.seeds !== undefined && b.seeds !== null && !(Number.isSafeInteger(b.seeds) && (b.seeds as number) >= 1)) throw new HttpError(400, `Expected 'seeds' to be a positive integer, got ${JSON.stringify(b.seeds)}.`);
  if (b.params !== undefined && (typeof b.params !== 'object' || b.params === null || Array.isArray(b.params))) throw new HttpError(400, "Expected 'params' to be a JSON object of parameter overrides.");
  return {
    scenario: b.scenario,
    preset: preset as PresetName,
    ...(typeof b.seeds === 'number' ? { seeds: b.seeds } : {}),
    ...(b.params !== undefined ? { overrides: b.params as JsonObject } : {}),
  };
}

/** Streams a launch's events as server-sent events (event: progress | log | end); the stream ends after 'end'. */
function streamLaunch(_req: IncomingMessage, res: ServerResponse, launches: LaunchManager, id: string): void {
  if (launches.get(id) === undefined) throw new HttpError(404, `No launch '${id}'.`);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': entangle launch events\n\n');
  let seq = 0;
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  heartbeat.unref();
  let unsubscribe = (): void => {};
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const send = (event: LaunchEvent): void => {
    res.write(`id: ${++seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (event.type === 'end') {
      stop();
      res.end();
    }
  };
  res.on('close', stop);
  unsubscribe = launches.subscribe(id, send);
  if (res.writableEnded) stop();
}

/** Adds the API routes to `router`. */
export function apiRoutes(router: Router, store: Store, launches: LaunchManager): Router {
  return router
    .on('GET', '/api/info', (_req, res) => sendJson(res, 200, { store: store.dir, presets: PRESETS }))
    .on('GET', '/api/runs', (_req, res) => sendJson(res, 200, listRuns(store)))
    .on('GET', '/api/runs/:id', (_req, res, { id }) => {
      const run = store.run(id);
      if (run === undefined) throw new HttpError(404, `No run '${id}' in ${store.dir}.`);
      const found = runEvaluation(store, run);
      sendJson(res, 200, {
        run: { id: run.id, name: run.name, status: run.status, created: run.created, updated: run.updated },
        origin: found?.origin ?? null,
        evaluation: found?.evaluation ?? null,
        table: found ? tableToHtml(evaluationTable(found.evaluation)) : null,
        losses: store.losses(run.id),
      });
    })
    .on('GET', '/api/results', (_req, res) => sendJson(res, 200, listScenarioResults(store.dir).reverse().map(resultSummary)))
    .on('GET', '/api/results/:id', (_req, res, { id }) => sendJson(res, 200, resultView(savedResult(store, id))))
    .on('GET', '/api/results/:id/figures/:file', (_req, res, { id, file }) => {
      const figures = savedResult(store, id).result.figures;
      const m = /^(\d+)\.svg$/.exec(file);
      const figure = m === null ? undefined : figures[Number(m[1])];
      if (figure === undefined) throw new HttpError(404, `Result '${id}' has no figure '${file}' (it has ${figures.length}: 0.svg to ${figures.length - 1}.svg).`);
      sendText(res, 200, 'image/svg+xml; charset=utf-8', figure.svg, SVG_HEADERS);
    })
    .on('GET', '/api/results/:id/report.html', (_req, res, { id }) => {
      const saved = savedResult(store, id);
      sendText(res, 200, 'text/html; charset=utf-8', renderHtmlReport(runReport([saved.result], { generatedAt: saved.savedAt })));
    })
    .on('GET', '/api/scenarios', (_req, res) => sendJson(res, 200, listScenarios().map((s) => ({ name: s.name, title: s.title, paper: s.paper, description: s.description, presets: s.presets }))))
    .on('GET', '/api/launches', (_req, res) => sendJson(res, 200, launches.list()))
    .on('POST', '/api/launches', async (req, res) => {
      const info = launches.start(launchRequest(await readJsonBody(req)));
      sendJson(res, 202, { ...info, events: `/api/launches/${info.id}/events` });
    })
    .on('GET', '/api/launches/:id', (_req, res, { id }) => {
      const info = launches.get(id);
      if (info === undefined) throw new HttpError(404, `No launch '${id}'.`);
      sendJson(res, 200, info);
    })
    .on('GET', '/api/launches/:id/events', (req, res, { id }) => streamLaunch(req, res, launches, id))
    .on('POST', '/api/launches/:id/cancel', async (req, res, { id }) => {
      await readJsonBody(req);
      launches.cancel(id);
      sendJson(res, 202, launches.get(id));
    });
}
