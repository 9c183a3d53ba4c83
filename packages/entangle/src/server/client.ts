// The dashboard's browser code. It is type-checked here and served as the text of `dashboardClient` (so it must
// not use anything outside its own body): lists, result and run views, ECharts plots, starting runs, live progress.

/** The parts of the ECharts browser global the client uses. */
declare const echarts: {
  init(el: HTMLElement): { setOption(option: unknown): void; dispose(): void; resize(): void };
};

/** Runs in the browser. */
export function dashboardClient(): void {
  type Kind = 'self-defeating' | 'improvement' | 'regression' | 'no evidence';
  interface ModelEvaluation {
    model: string; role: string; loss: string; verdict: string;
    baseline: { mean: number; sd: number; values: number[] };
    updated: { mean: number; sd: number; values: number[] };
    difference: { mean: number; ci: [number, number] | null; values: number[] };
  }
  interface Evaluation { run: string; name: string; model: string; seeds: number[]; alpha: number; models: ModelEvaluation[]; kind: Kind; summary: string }
  interface Comparison { label: string; expected: string; evaluation: Evaluation }
  interface ResultView {
    id: string; savedAt: string;
    result: {
      scenario: string; title: string; paper: string; preset: string; params: Record<string, unknown>; seeds: number[];
      comparisons: Comparison[]; findings: { claim: string; holds: boolean; detail: string }[];
      figures: { name: string; title: string; url: string }[]; jobs: { trained: number; reused: number }; seconds: number; selfDefeating: boolean;
    };
    html: { findings: string | null; comparisons: string[]; tables: string[] };
  }
  interface ResultSummary { id: string; savedAt: string; scenario: string; title: string; preset: string; seeds: number; kinds: Kind[]; selfDefeating: boolean; findings: { held: number; total: number } }
  interface RunSummary { id: string; name: string; created: string; status: string; kind: Kind | null }
  interface RunView { run: { id: string; name: string; status: string; created: string }; evaluation: Evaluation | null; table: string | null }
  interface ScenarioInfo { name: string; title: string; paper: string; description: string; presets: Record<string, Record<string, unknown>> }
  interface LaunchInfo { id: string; scenario: string; preset: string; status: string; result?: string; error?: string; events?: string }

  const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
  const charts: { dispose(): void; resize(): void }[] = [];
  let scenarios: ScenarioInfo[] = [];

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls !== undefined) node.className = cls;
    return node;
  }

  async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
    const res = await fetch(url, init);
    const body = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
    return body;
  }

  function badge(kind: string): HTMLSpanElement {
    return el('span', kind, `badge ${kind.replace(/ /g, '-')}`);
  }

  /** Server-rendered table HTML (escaped by the report layer). */
  function htmlBlock(html: string): HTMLDivElement {
    const div = el('div');
    div.innerHTML = html;
    return div;
  }

  function showError(where: HTMLElement, error: unknown): void {
    where.replaceChildren(el('p', error instanceof Error ? error.message : String(error), 'error'));
  }

  function clearCharts(): void {
    while (charts.length > 0) charts.pop()!.dispose();
  }

  function chart(parent: HTMLElement, option: unknown): void {
    const div = el('div', undefined, 'chart');
    parent.append(div);
    const c = echarts.init(div);
    c.setOption(option);
    charts.push(c);
  }

  /** Interactive plots of one evaluation: Δ per model with its interval and per-seed points; losses per seed. */
  function evaluationCharts(parent: HTMLElement, e: Evaluation): void {
    const row = el('div', undefined, 'charts');
    parent.append(row);
    const level = Math.round((1 - e.alpha) * 1000) / 10;
    const names = e.models.map((m) => m.model);
    chart(row, {
      title: { text: `Δ test loss (updated − baseline), ${level}% CI`, textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'item' },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', scale: true },
      series: [
        {
          name: 'interval', type: 'custom',
          renderItem: (_params: unknown, api: { value(i: number): number; coord(p: [number, number]): [number, number]; style(): unknown }) => {
            const lo = api.coord([api.value(0), api.value(1)]);
            const hi = api.coord([api.value(0), api.value(2)]);
            return { type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: '#0072B2', lineWidth: 2 } },
              { type: 'line', shape: { x1: lo[0] - 6, y1: lo[1], x2: lo[0] + 6, y2: lo[1] }, style: { stroke: '#0072B2', lineWidth: 2 } },
              { type: 'line', shape: { x1: hi[0] - 6, y1: hi[1], x2: hi[0] + 6, y2: hi[1] }, style: { stroke: '#0072B2', lineWidth: 2 } },
            ] };
          },
          data: e.models.map((m, i) => (m.difference.ci ? [i, m.difference.ci[0], m.difference.ci[1]] : [i, m.difference.mean, m.difference.mean])),
          tooltip: { formatter: (p: { data: number[] }) => `${names[p.data[0]]}: [${p.data[1].toPrecision(3)}, ${p.data[2].toPrecision(3)}]` },
          z: 2,
        },
        { name: 'mean Δ', type: 'scatter', symbolSize: 11, data: e.models.map((m, i) => [i, m.difference.mean]), color: '#D55E00', z: 3,
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#888', type: 'dashed' } } },
        { name: 'per seed', type: 'scatter', symbolSize: 5, data: e.models.flatMap((m, i) => m.difference.values.map((v) => [i, v])), color: '#999', z: 1 },
      ],
    });
    for (const m of e.models) {
      chart(row, {
        title: { text: `${m.model} (${m.role}): ${m.loss} per seed`, textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis' },
        legend: { top: 22 },
        grid: { left: 60, right: 20, top: 56, bottom: 30 },
        xAxis: { type: 'category', name: 'seed', data: e.seeds.map(String) },
        yAxis: { type: 'value', scale: true },
        series: [
          { name: 'baseline', type: 'line', data: m.baseline.values, color: '#0072B2' },
          { name: 'updated', type: 'line', data: m.updated.values, color: '#D55E00' },
        ],
      });
    }
  }

  function select(listId: string, id: string): void {
    for (const li of document.querySelectorAll('aside li')) li.classList.toggle('selected', (li as HTMLElement).dataset.key === `${listId}:${id}`);
  }

  async function showResult(id: string): Promise<void> {
    const main = $('detail');
    clearCharts();
    select('result', id);
    try {
      const view = await getJson<ResultView>(`/api/results/${encodeURIComponent(id)}`);
      const r = view.result;
      main.replaceChildren(
        el('h2', `${r.title} (${r.scenario})`),
        el('p', `${r.paper} · preset ${r.preset} · ${r.seeds.length} seeds · ${r.jobs.trained} jobs trained, ${r.jobs.reused} from the store · saved ${view.savedAt}`, 'muted'),
      );
      const report = el('a', 'open as a report');
      report.href = `/api/results/${encodeURIComponent(id)}/report.html`;
      report.target = '_blank';
      main.append(report);
      if (view.html.findings !== null) main.append(el('h3', 'Findings'), htmlBlock(view.html.findings));
      r.comparisons.forEach((c, i) => {
        const head = el('h3');
        head.append(badge(c.evaluation.kind), document.createTextNode(c.label));
        main.append(head, el('p', `${c.evaluation.summary} Expected: ${c.expected} ${c.evaluation.kind === c.expected ? '✓' : '✗'}.`), htmlBlock(view.html.comparisons[i]));
        evaluationCharts(main, c.evaluation);
      });
      if (r.figures.length > 0) {
        main.append(el('h3', 'Figures'));
        const figures = el('div', undefined, 'figures');
        for (const f of r.figures) {
          const fig = el('figure');
          const img = el('img');
          img.src = f.url;
          img.alt = f.title;
          fig.append(img, el('figcaption', f.title));
          figures.append(fig);
        }
        main.append(figures);
      }
      if (view.html.tables.length > 0) main.append(el('h3', 'Tables'), ...view.html.tables.map(htmlBlock));
    } catch (e) {
      showError(main, e);
    }
  }

  async function showRun(id: string): Promise<void> {
    const main = $('detail');
    clearCharts();
    select('run', id);
    try {
      const view = await getJson<RunView>(`/api/runs/${encodeURIComponent(id)}`);
      main.replaceChildren(el('h2', view.run.name), el('p', `run ${view.run.id} · ${view.run.status} · created ${view.run.created}`, 'muted'));
      if (view.evaluation === null || view.table === null) {
        main.append(el('p', 'This run has no complete losses yet, so no verdict. Rerun the command that started it to finish it.'));
        return;
      }
      const head = el('p');
      head.append(badge(view.evaluation.kind), document.createTextNode(view.evaluation.summary));
      main.append(head, htmlBlock(view.table));
      evaluationCharts(main, view.evaluation);
    } catch (e) {
      showError(main, e);
    }
  }

  function route(): void {
    const [kind, id] = decodeURIComponent(location.hash.slice(1)).split('/');
    if (kind === 'result' && id) void showResult(id);
    else if (kind === 'run' && id) void showRun(id);
  }

  function item(key: string, title: string, meta: string, kind: string | null, hash: string): HTMLLIElement {
    const li = el('li');
    li.dataset.key = key;
    if (kind !== null) li.append(badge(kind));
    li.append(document.createTextNode(title), el('span', meta, 'meta'));
    li.addEventListener('click', () => {
      location.hash = hash;
    });
    return li;
  }

  async function loadLists(): Promise<void> {
    try {
      const results = await getJson<ResultSummary[]>('/api/results');
      $('results').replaceChildren(...(results.length === 0 ? [el('li', 'none yet', 'muted')] : results.map((r) =>
        item(`result:${r.id}`, r.title, `${r.scenario} · ${r.preset} · ${r.seeds} seeds · findings ${r.findings.held}/${r.findings.total}`, r.selfDefeating ? 'self-defeating' : (r.kinds[0] ?? null), `result/${r.id}`))));
    } catch (e) {
      showError($('results'), e);
    }
    try {
      const runs = await getJson<RunSummary[]>('/api/runs');
      $('runs').replaceChildren(...(runs.length === 0 ? [el('li', 'none yet', 'muted')] : runs.map((r) =>
        item(`run:${r.id}`, r.name, `${r.id} · ${r.status} · ${r.created.slice(0, 16).replace('T', ' ')}`, r.kind, `run/${r.id}`))));
    } catch (e) {
      showError($('runs'), e);
    }
  }

  function showParams(): void {
    const s = scenarios.find((x) => x.name === $<HTMLSelectElement>('launch-scenario').value);
    const preset = $<HTMLSelectElement>('launch-preset').value;
    const params = s?.presets[preset];
    $('launch-params').textContent = s === undefined ? '' : `${s.title} (${s.paper}). ${params ? Object.entries(params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') : ''}`;
  }

  async function loadScenarios(): Promise<void> {
    scenarios = await getJson<ScenarioInfo[]>('/api/scenarios');
    $('launch-scenario').replaceChildren(...scenarios.map((s) => {
      const o = el('option', `${s.name} — ${s.title}`);
      o.value = s.name;
      return o;
    }));
    showParams();
  }

  let current: EventSource | undefined;

  function follow(launch: LaunchInfo): void {
    current?.close();
    $('launch-status').hidden = false;
    $('launch-title').textContent = `${launch.scenario} (${launch.preset}): running`;
    $('launch-log').textContent = '';
    $('launch-cancel').hidden = false;
    $<HTMLButtonElement>('launch-start').disabled = true;
    const progress = $<HTMLProgressElement>('launch-progress');
    const source = new EventSource(`/api/launches/${encodeURIComponent(launch.id)}/events`);
    current = source;
    const log = (line: string): void => {
      const box = $('launch-log');
      box.textContent = `${box.textContent ?? ''}${line}\n`;
      box.scrollTop = box.scrollHeight;
    };
    source.addEventListener('progress', (m) => {
      const data = JSON.parse((m as MessageEvent<string>).data) as { event: { type: string; variant: string; model: string; seed: number; completed?: number; total?: number; epoch?: number; epochs?: number }; trained: number; reused: number };
      const e = data.event;
      if (e.type === 'epoch') $('launch-current').textContent = `${e.variant} '${e.model}', seed ${e.seed}, epoch ${e.epoch}/${e.epochs}`;
      else {
        progress.max = e.total ?? 1;
        progress.value = e.completed ?? 0;
        if (e.type === 'job-start') $('launch-current').textContent = `${e.variant} '${e.model}', seed ${e.seed}`;
      }
      $('launch-counts').textContent = `${data.trained} jobs trained, ${data.reused} from the store`;
    });
    source.addEventListener('log', (m) => log((JSON.parse((m as MessageEvent<string>).data) as { line: string }).line));
    source.addEventListener('end', (m) => {
      const end = JSON.parse((m as MessageEvent<string>).data) as { status: string; result?: string; error?: string; selfDefeating?: boolean };
      source.close();
      current = undefined;
      $('launch-title').textContent = `${launch.scenario} (${launch.preset}): ${end.status}${end.selfDefeating ? ', self-defeating improvement found' : ''}`;
      if (end.error) log(`error: ${end.error}`);
      $('launch-cancel').hidden = true;
      $<HTMLButtonElement>('launch-start').disabled = false;
      void loadLists().then(() => {
        if (end.result) location.hash = `result/${end.result}`;
      });
    });
    $('launch-cancel').onclick = () => {
      void fetch(`/api/launches/${encodeURIComponent(launch.id)}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    };
  }

  $('launch-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const seeds = $<HTMLInputElement>('launch-seeds').value;
    const body = { scenario: $<HTMLSelectElement>('launch-scenario').value, preset: $<HTMLSelectElement>('launch-preset').value, ...(seeds ? { seeds: Number(seeds) } : {}) };
    getJson<LaunchInfo>('/api/launches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(follow)
      .catch((e: unknown) => {
        $('launch-status').hidden = false;
        showError($('launch-log'), e);
      });
  });
  $('launch-scenario').addEventListener('change', showParams);
  $('launch-preset').addEventListener('change', showParams);
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

  void loadScenarios().catch((e: unknown) => showError($('launch-params'), e));
  void loadLists().then(route);
  void getJson<LaunchInfo[]>('/api/launches').then((launches) => {
    const running = launches.find((l) => l.status === 'running');
    if (running !== undefined) follow(running);
  });
}

/** The browser script: the client function's compiled text, called at once. */
export function clientScript(): string {
  return `(${dashboardClient.toString()})();\n`;
}
