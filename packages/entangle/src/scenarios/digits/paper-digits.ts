// 'paper-digits': the four Section 4 experiments (Figure 4(a)–(d)) in one run, each with its own preset.
import type { JsonObject } from '../../core/types.js';
import { resolveParams } from '../kit.js';
import type { PresetName, Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { anticorrelatedScenario } from './anticorrelated-scenario.js';
import { dataMismatchScenario } from './data-mismatch-scenario.js';
import { hypothesisMismatchScenario } from './hypothesis-mismatch-scenario.js';
import { lossMismatchScenario } from './loss-mismatch-scenario.js';
import { Params } from './params.js';

export const DIGIT_SCENARIOS: readonly Scenario[] = [lossMismatchScenario, dataMismatchScenario, hypothesisMismatchScenario, anticorrelatedScenario];

const SOURCE_PRESET: JsonObject = { source: 'mnist', path: null };

export const paperDigitsScenario: Scenario = {
  name: 'paper-digits',
  title: 'Section 4 on digit images (all four experiments)',
  paper: 'Figure 4(a)–(d), §4',
  description: `Runs ${DIGIT_SCENARIOS.map((s) => s.name).join(', ')} with the same preset and data source, and merges their results.`,
  presets: { quick: SOURCE_PRESET, standard: SOURCE_PRESET, paper: SOURCE_PRESET },
  async run(params: JsonObject, preset: PresetName, ctx: ScenarioContext): Promise<ScenarioResult> {
    const started = Date.now();
    const p = new Params(params, "Scenario 'paper-digits'");
    const source = { source: p.string('source', ['mnist', 'svhn', 'idx'] as const), path: p.nullableString('path') };
    const results: ScenarioResult[] = [];
    for (const scenario of DIGIT_SCENARIOS) {
      ctx.signal?.throwIfAborted();
      ctx.log?.(`paper-digits: running ${scenario.name} (${preset})`);
      results.push(await scenario.run(resolveParams(scenario, preset, source), preset, ctx));
    }
    return mergeResults(paperDigitsScenario, preset, params, results, started);
  },
};

/** One result from several: comparisons, tables and findings prefixed with their scenario's name; seeds, figures and job counts pooled. */
export function mergeResults(scenario: Scenario, preset: PresetName, params: JsonObject, results: readonly ScenarioResult[], started: number): ScenarioResult {
  return {
    scenario: scenario.name,
    title: scenario.title,
    paper: scenario.paper,
    preset,
    params,
    seeds: [...new Set(results.flatMap((r) => r.seeds))].sort((a, b) => a - b),
    comparisons: results.flatMap((r) => r.comparisons.map((c) => ({ ...c, label: `${r.scenario}: ${c.label}` }))),
    tables: results.flatMap((r) => r.tables.map((t) => ({ ...t, caption: `${r.scenario}: ${t.caption ?? ''}` }))),
    figures: results.flatMap((r) => r.figures),
    findings: results.flatMap((r) => r.findings.map((f) => ({ ...f, claim: `${r.scenario}: ${f.claim}` }))),
    selfDefeating: results.some((r) => r.selfDefeating),
    jobs: { trained: results.reduce((a, r) => a + r.jobs.trained, 0), reused: results.reduce((a, r) => a + r.jobs.reused, 0) },
    seconds: (Date.now() - started) / 1000,
  };
}
