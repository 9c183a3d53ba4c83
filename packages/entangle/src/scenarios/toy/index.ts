// The toy scenarios: Figure 2 (hypothesis-space mismatch), Figure 3 (anti-correlated errors) and two controls.
import type { JsonObject } from '../../core/types.js';
import { trainSystem } from '../../evaluate/train-system.js';
import { readOutputs } from '../../evaluate/artifacts.js';
import { scatter2d, type ScatterPoint } from '../../report/scatter.js';
import type { Block } from '../../core/types.js';
import type { Update } from '../../system/spec.js';
import type { System } from '../../system/system.js';
import { applyUpdate } from '../../system/update.js';
import { JobCounter, judgeUpdate, scenarioResult, seedsFor } from '../kit.js';
import { registerScenario } from '../registry.js';
import type { Comparison, FigureOut, PresetName, Scenario, ScenarioContext } from '../scenario.js';
import { anticorrelatedSystem, cleanU, hypothesisSystem, richerUpstream, type ToyParams } from './systems.js';

const presets = (seeds: [number, number, number]): Record<PresetName, JsonObject> => ({
  quick: { seeds: seeds[0], n: 1000, epochs: 60 },
  standard: { seeds: seeds[1], n: 2000, epochs: 80 },
  paper: { seeds: seeds[2], n: 4000, epochs: 100 },
});

const toyParams = (params: JsonObject): ToyParams => ({ n: Number(params.n), epochs: Number(params.epochs) });

/** Seed 0's outputs of `model` on the test set, read back from the store (everything is cached by then). */
async function testOutputs(system: System, model: string, ctx: ScenarioContext): Promise<Block> {
  const trained = await trainSystem(system, { seed: 0, store: ctx.store, executor: ctx.executor, signal: ctx.signal });
  const hash = trained.models[model].outputs[system.model(model).test];
  return readOutputs(ctx.store, hash) as Block;
}

function points(xy: Block, labels: Float32Array, name: (c: number) => string): ScatterPoint[] {
  return Array.from(labels, (c, i) => ({ x: xy.data[2 * i], y: xy.data[2 * i + 1], label: name(c) }));
}

type Build = (params: ToyParams) => { system: System; update: Update; expected: Comparison['expected'] };

function toyScenario(meta: Omit<Scenario, 'run' | 'presets'>, seeds: [number, number, number], build: Build,
  figures: (system: System, updated: System, ctx: ScenarioContext) => Promise<FigureOut[]>): Scenario {
  const scenario: Scenario = {
    ...meta,
    presets: presets(seeds),
    async run(params, preset, ctx) {
      const started = Date.now();
      const counter = new JobCounter(ctx.onProgress);
      const { system, update, expected } = build(toyParams(params));
      const seedList = seedsFor(params, ctx);
      const comparison = await judgeUpdate(system, update, seedList, ctx, counter, { label: update.name, expected });
      const figs = await figures(system, applyUpdate(system, update), ctx);
      return scenarioResult(scenario, preset, params, seedList, started, counter, { comparisons: [comparison], figures: figs });
    },
  };
  return registerScenario(scenario);
}

const classOf = (c: number) => (c > 0.5 ? 'positive' : 'negative');

async function swirlFigures(system: System, updated: System, ctx: ScenarioContext): Promise<FigureOut[]> {
  const test = system.dataset('test');
  const label = test.fields.label.data;
  const panel = (name: string, title: string, xy: Block): FigureOut => ({ name, title, svg: scatter2d({ title, points: points(xy, label, classOf), width: 420, height: 380 }) });
  return [
    panel('targets', 'Ground-truth targets of v', test.fields.target),
    panel('v', 'Predictions of v (linear), seed 0', await testOutputs(system, 'v', ctx)),
    panel('v-prime', 'Predictions of v′ (MLP), seed 0', await testOutputs(updated, 'v', ctx)),
  ];
}

async function regionFigures(system: System, updated: System, ctx: ScenarioContext): Promise<FigureOut[]> {
  const x = system.dataset('test').fields.x;
  const panel = async (name: string, title: string, s: System): Promise<FigureOut> => {
    const w = await testOutputs(s, 'w', ctx);
    return { name, title, svg: scatter2d({ title, points: points(x, w.data, (c) => (c > 0.5 ? 'A or B' : 'C')), width: 420, height: 380 }) };
  };
  return [await panel('w', 'Downstream w: predicted class, seed 0', system), await panel('w-prime', 'Re-trained w′ after u → u′, seed 0', updated)];
}

toyScenario({
  name: 'toy-hypothesis', title: 'Hypothesis-space mismatch (2-D)', paper: 'Figure 2, §3.1',
  description: 'v predicts a 2-D point, w classifies it linearly. v′ (an MLP) predicts the swirled targets better, and the classes become non-linear for w′.',
}, [5, 10, 40], (params) => ({ system: hypothesisSystem(params), update: richerUpstream(params), expected: 'self-defeating' }), swirlFigures);

toyScenario({
  name: 'toy-anticorrelated', title: 'Anti-correlated errors (2-D)', paper: 'Figure 3, §3.2',
  description: 'u ("B?") and v ("A?") share swapped labels near the A/B border, so their errors cancel in w ("A or B?"). u′ is trained on clean labels and w′ loses the cancellation.',
}, [5, 10, 40], (params) => ({ system: anticorrelatedSystem(params), update: cleanU, expected: 'self-defeating' }), regionFigures);

toyScenario({
  name: 'toy-genuine', title: 'Control: a genuine improvement', paper: 'control for Figure 3',
  description: 'The Figure 3 system with v trained on clean labels: u’s errors are not cancelled by v, so cleaning u helps w too.',
}, [5, 10, 40], (params) => ({ system: anticorrelatedSystem({ ...params, cleanV: true }), update: cleanU, expected: 'improvement' }), regionFigures);

toyScenario({
  name: 'toy-null', title: 'Control: a null update', paper: 'control',
  description: 'u is retrained with the same learner and data and only another seed: the verdict must be "no evidence".',
}, [5, 10, 40], (params) => ({ system: anticorrelatedSystem(params), update: { name: 'u → same learner, another seed', model: 'u', seedSalt: 'null-update' } as Update, expected: 'no evidence' }), regionFigures);
