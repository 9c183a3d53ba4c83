// Running a registered scenario with a preset and overrides, and saving its result: shared by `run` and the dashboard.
import { closest, listNames } from '../core/suggest.js';
import type { Json, JsonObject } from '../core/types.js';
import type { EvaluationEvent } from '../evaluate/events.js';
import type { Executor } from '../runtime/executor.js';
import { getScenario } from '../scenarios/registry.js';
import type { PresetName, Scenario, ScenarioResult } from '../scenarios/scenario.js';
import type { Store } from '../store/store.js';
import { UsageError } from './exit-codes.js';
import { saveEvaluation, saveScenarioResult } from './results.js';

export interface ScenarioRequest {
  scenario: string;
  preset: PresetName;
  /** Overrides the preset's number of seeds. */
  seeds?: number;
  /** Parameter overrides (--set); top-level keys must be parameters of the preset. */
  overrides?: JsonObject;
}

export interface ResolvedScenario {
  scenario: Scenario;
  preset: PresetName;
  params: JsonObject;
  seeds?: number;
  /** Parameters or seeds differ from the preset's (the result is saved under its own id). */
  custom: boolean;
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `base` with `over` merged in: nested objects are merged key by key, anything else is replaced. */
function merge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(out[k]) && isObject(v) ? merge(out[k] as JsonObject, v) : v;
  return out;
}

/** Finds the scenario and its preset and applies the overrides; throws (exit code 2) on unknown names. */
export function resolveScenario(request: ScenarioRequest): ResolvedScenario {
  const scenario = getScenario(request.scenario);
  const base = scenario.presets[request.preset];
  if (base === undefined) {
    throw new UsageError(`Scenario '${scenario.name}' has no preset '${request.preset}'. Presets: ${listNames(Object.keys(scenario.presets))}.`);
  }
  const overrides = request.overrides ?? {};
  for (const key of Object.keys(overrides)) {
    if (!(key in base)) {
      const suggestion = closest(key, Object.keys(base));
      throw new UsageError(
        `Scenario '${scenario.name}' has no parameter '${key}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ` +
          `Parameters of preset '${request.preset}': ${listNames(Object.keys(base))}. See 'entangle scenarios'.`,
      );
    }
  }
  return {
    scenario,
    preset: request.preset,
    params: merge(base, overrides),
    ...(request.seeds !== undefined ? { seeds: request.seeds } : {}),
    custom: Object.keys(overrides).length > 0 || request.seeds !== undefined,
  };
}

export interface ScenarioRunContext {
  store: Store;
  executor?: Executor;
  onProgress?: (event: EvaluationEvent) => void;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** Runs the scenario, then saves its result (results/<id>.json) and each comparison's evaluation (evaluations/<run>.json). */
export async function runAndSave(resolved: ResolvedScenario, ctx: ScenarioRunContext): Promise<{ result: ScenarioResult; id: string }> {
  const result = await resolved.scenario.run(resolved.params, resolved.preset, {
    store: ctx.store,
    ...(ctx.executor ? { executor: ctx.executor } : {}),
    ...(resolved.seeds !== undefined ? { seeds: resolved.seeds } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    ...(ctx.log ? { log: ctx.log } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const id = saveScenarioResult(ctx.store.dir, result, { custom: resolved.custom });
  for (const c of result.comparisons) {
    saveEvaluation(ctx.store.dir, c.evaluation, { command: 'run', scenario: result.scenario, preset: result.preset, result: id });
  }
  return { result, id };
}
