// The §4.2 scenario: a p_u × p_v grid of label-noise levels, the heat map of downstream loss over the two upstream
// losses (Figure 4(d)), and two Definition 2.1 comparisons: improving u alone, and improving v alone, from the
// noisy corner.
import { join } from 'node:path';
import type { JsonObject } from '../../core/types.js';
import { summarize } from '../../evaluate/stats/paired.js';
import { formatNumber } from '../../report/format.js';
import { heatmap } from '../../report/heatmap.js';
import type { Table } from '../../report/table.js';
import { JobCounter, judgeSystems, scenarioResult, seedsFor } from '../kit.js';
import type { Finding, PresetName, Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { anticorrelatedSystem, DOWNSTREAM_CHOICES } from './anticorrelated.js';
import { aulRanking } from './aul.js';
import { Params, sourceJson } from './params.js';
import { ANTICORRELATED_PRESETS } from './presets.js';
import { trainSweep, type PointLosses } from './sweep.js';

const NAME = 'digits-anticorrelated';
const mean = (xs: number[]): number => summarize(xs).mean;

/** Grid cell (i, j): u trained with p[i]% noise, v with p[j]%. */
interface Cell extends PointLosses {
  pu: number;
  pv: number;
}

function gridTable(cells: Cell[], seeds: number): Table {
  return {
    caption: `Anti-correlated errors: test losses over the p_u × p_v grid (mean and sd over ${seeds} seeds)`,
    columns: ['p_u %', 'p_v %', 'ℓ_u mean', 'ℓ_u sd', 'ℓ_v mean', 'ℓ_v sd', 'ℓ_w mean', 'ℓ_w sd', 'seeds'],
    rows: cells.map((c) => {
      const [u, v, w] = ['u', 'v', 'w'].map((m) => summarize(c.losses[m]));
      return [c.pu, c.pv, u.mean, u.sd, v.mean, v.sd, w.mean, w.sd, u.n];
    }),
  };
}

function cornerFinding(at: (i: number, j: number) => Cell, last: number): Finding {
  const w = (i: number, j: number) => mean(at(i, j).losses.w);
  const diagonal = [w(0, 0), w(last, last)];
  const off = [w(0, last), w(last, 0)];
  const p = (i: number) => at(i, 0).pu;
  return {
    claim: 'Downstream loss is low when both upstream models are good (bottom-left) or both noisy (top-right), and high when only one improves (off-diagonal corners)',
    holds: Math.max(...diagonal) < Math.min(...off),
    detail: `ℓ_w: both clean (p_u=p_v=${p(0)}%) ${formatNumber(diagonal[0])}, both noisy (${p(last)}%) ${formatNumber(diagonal[1])}; ` +
      `only u clean ${formatNumber(off[0])}, only v clean ${formatNumber(off[1])}.`,
  };
}

function upstreamFinding(at: (i: number, j: number) => Cell, last: number): Finding {
  const u = (i: number) => mean(at(i, 0).losses.u);
  const v = (j: number) => mean(at(0, j).losses.v);
  return {
    claim: 'Both upstream models improve as their label noise falls',
    holds: u(0) < u(last) && v(0) < v(last),
    detail: `ℓ_u ${formatNumber(u(last))} → ${formatNumber(u(0))}, ℓ_v ${formatNumber(v(last))} → ${formatNumber(v(0))} (p ${at(last, 0).pu}% → ${at(0, 0).pu}%).`,
  };
}

export const anticorrelatedScenario: Scenario = {
  name: NAME,
  title: 'Anti-correlated errors (digits)',
  paper: 'Figure 4(d), §4.2',
  description:
    'u: {1,6} vs 7 and v: 1 vs {6,7} on a balanced {1,6,7} digit set whose hardest 1s and 7s (area under the training-loss curve) ' +
    'have swapped labels (p_u%, p_v%); w: {1,7} vs 6 from their hard predictions (Bayes-optimal table, or a trained linear model). ' +
    'Improving only one upstream model removes the anti-correlated errors and hurts w.',
  presets: ANTICORRELATED_PRESETS,
  async run(params: JsonObject, preset: PresetName, ctx: ScenarioContext): Promise<ScenarioResult> {
    const started = Date.now();
    const p = new Params(params, `Scenario '${NAME}'`);
    const levels = p.numbers('p', { min: 0, max: 100, minLength: 2 });
    const seeds = seedsFor(params, ctx);
    const source = p.source();
    const ranker = p.learner('ranker');
    const rankerSeed = p.number('rankerSeed', { integer: true, min: 0 });
    const shared = {
      ...sourceJson(source),
      upstream: p.learner('upstream') as unknown as JsonObject,
      downstream: p.string('downstream', DOWNSTREAM_CHOICES),
      downstreamLinear: p.learner('downstreamLinear') as unknown as JsonObject,
    };
    ctx.log?.(`${NAME}: ranking training examples by area under the loss curve (${ranker.kind})`);
    const { ranking, cached } = await aulRanking({ source, learner: ranker, seed: rankerSeed, cacheDir: join(ctx.store.dir, 'digits') });
    ctx.log?.(`${NAME}: ranking ${cached ? 'read from the cache' : 'computed'}; ${levels.length}×${levels.length} grid × ${seeds.length} seeds`);
    const cells: Cell[] = [];
    const points = levels.flatMap((pu) => levels.map((pv) => ({ value: pu, pu, pv, system: anticorrelatedSystem({ ...shared, pu, pv, ranking }) })));
    const counter = new JobCounter(ctx.onProgress);
    const losses = await trainSweep(points, seeds, ctx, counter);
    losses.forEach((l, k) => cells.push({ ...l, pu: points[k].pu, pv: points[k].pv }));
    const n = levels.length;
    const last = n - 1;
    const at = (i: number, j: number): Cell => cells[i * n + j];
    const noisy = at(last, last).system;
    const uOnly = await judgeSystems(noisy, at(0, last).system, 'u', seeds, ctx, counter, {
      label: `u improves alone: p_u = ${levels[last]}% → ${levels[0]}% (p_v = ${levels[last]}%)`, expected: 'self-defeating',
    });
    const vOnly = await judgeSystems(noisy, at(last, 0).system, 'v', seeds, ctx, counter, {
      label: `v improves alone: p_v = ${levels[last]}% → ${levels[0]}% (p_u = ${levels[last]}%)`, expected: 'self-defeating',
    });
    const uLoss = (i: number) => formatNumber(mean(at(i, 0).losses.u), 3);
    const vLoss = (j: number) => formatNumber(mean(at(0, j).losses.v), 3);
    const title = `Anti-correlated errors: downstream loss (w: ${shared.downstream})`;
    const svg = heatmap({
      title,
      xLabels: levels.map((pv, j) => `${vLoss(j)} (${pv}%)`),
      yLabels: levels.map((pu, i) => `${uLoss(i)} (${pu}%)`),
      values: levels.map((_, i) => levels.map((__, j) => mean(at(i, j).losses.w))),
      xName: 'ℓ_v: v’s test error (p_v)',
      yName: 'ℓ_u: u’s test error (p_u)',
      colorbar: { label: 'ℓ_w' },
    });
    return scenarioResult(anticorrelatedScenario, preset, params, seeds, started, counter, {
      comparisons: [uOnly, vOnly],
      tables: [gridTable(cells, seeds.length)],
      figures: [{ name: NAME, title, svg }],
      findings: [upstreamFinding(at, last), cornerFinding(at, last)],
    });
  },
};
