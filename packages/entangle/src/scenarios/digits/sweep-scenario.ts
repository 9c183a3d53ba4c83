// A §4.1 scenario from its parts: one system per sweep value, all trained over the seeds, the sweep's two ends
// compared with Definition 2.1, and the Figure 4 style table, chart and trend findings.
import type { JsonObject } from '../../core/types.js';
import type { System } from '../../system/system.js';
import { JobCounter, judgeSystems, scenarioResult, seedsFor } from '../kit.js';
import type { PresetName, Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { Params } from './params.js';
import { sweepFigure, sweepTable, trainSweep, trendFindings, type SweepLabels } from './sweep.js';

export interface SweepScenarioDefinition {
  name: string;
  title: string;
  paper: string;
  description: string;
  presets: Record<PresetName, JsonObject>;
  /** The swept parameter (a list in the scenario's params, one value in each system's params) and its range. */
  sweep: { param: string; check: { min?: number; minExclusive?: number; max?: number; integer?: boolean } };
  /** Validates the scenario params that every sweep point shares and returns them as system params. */
  shared(p: Params): JsonObject;
  system(params: JsonObject): System;
  labels: SweepLabels;
  /** The paper's claims about the upstream and downstream trends. */
  claims: { upstream: string; downstream: string };
}

export function sweepScenario(def: SweepScenarioDefinition): Scenario {
  const scenario: Scenario = {
    name: def.name,
    title: def.title,
    paper: def.paper,
    description: def.description,
    presets: def.presets,
    async run(params: JsonObject, preset: PresetName, ctx: ScenarioContext): Promise<ScenarioResult> {
      const started = Date.now();
      const p = new Params(params, `Scenario '${def.name}'`);
      const values = p.numbers(def.sweep.param, { ...def.sweep.check, minLength: 2 });
      const seeds = seedsFor(params, ctx);
      const shared = def.shared(p);
      const points = values.map((value) => ({ value, system: def.system({ ...shared, [def.sweep.param]: value }) }));
      const counter = new JobCounter(ctx.onProgress);
      ctx.log?.(`${def.name}: ${values.length} sweep points (${def.sweep.param} = ${values.join(', ')}) × ${seeds.length} seeds`);
      const losses = await trainSweep(points, seeds, ctx, counter);
      const first = points[0];
      const last = points[points.length - 1];
      const label = `${def.sweep.param} = ${first.value} → ${last.value}`;
      const comparison = await judgeSystems(first.system, last.system, 'v', seeds, ctx, counter, { label, expected: 'self-defeating' });
      return scenarioResult(scenario, preset, params, seeds, started, counter, {
        comparisons: [comparison],
        tables: [sweepTable(losses, def.labels, `${def.title}: test losses along the sweep (mean and sd over ${seeds.length} seeds)`)],
        figures: [sweepFigure(losses, def.labels, def.name)],
        findings: trendFindings(losses, def.labels, def.claims),
      });
    },
  };
  return scenario;
}
