// Shared by `diagnose` and `mitigate`: run a scenario (jobs come from the store when it ran before), pick its
// comparisons, and act on each one while the store and executor are still open.
import type { JsonObject } from '../../core/types.js';
import type { EvaluationEvent } from '../../evaluate/events.js';
import type { Executor } from '../../runtime/executor.js';
import type { Comparison, PresetName, ScenarioResult } from '../../scenarios/scenario.js';
import { openStore, type Store } from '../../store/store.js';
import { CommandFailure, UsageError } from '../exit-codes.js';
import { openExecutor, type ExecutorOptions } from '../executor.js';
import { handleInterrupt } from '../interrupt.js';
import { loadScenarios } from '../modules.js';
import { Progress, progressMode, type JobCounts } from '../progress.js';
import { resolveScenario, runAndSave, type ResolvedScenario } from '../scenario-run.js';
import { err, storeDir, type CommonOptions } from './common.js';

export interface ScenarioFollowupOptions extends CommonOptions, ExecutorOptions {
  preset: PresetName;
  seeds?: number;
  set?: JsonObject;
  /** One comparison: its 1-based number or its label; absent: every comparison. */
  comparison?: string;
}

/** What an action on one comparison gets: the open store and executor, progress and the interrupt signal. */
export interface FollowupContext {
  store: Store;
  executor: Executor;
  onProgress: (event: EvaluationEvent) => void;
  signal: AbortSignal;
}

export interface FollowedComparison<T> {
  /** 1-based position in the scenario's comparisons. */
  index: number;
  comparison: Comparison;
  value: T;
}

export interface FollowupResult<T> {
  result: ScenarioResult;
  /** The saved result's id. */
  id: string;
  /** Jobs of the scenario run, and of the actions (refits, remedied systems). */
  jobs: { scenario: JobCounts; followup: JobCounts };
  items: FollowedComparison<T>[];
}

/** The comparisons `--comparison` names (all when absent), with their 1-based numbers; a UsageError lists them otherwise. */
export function selectComparisons(comparisons: readonly Comparison[], which: string | undefined, scenario: string): { index: number; comparison: Comparison }[] {
  const all = comparisons.map((comparison, i) => ({ index: i + 1, comparison }));
  if (which === undefined) return all;
  const byLabel = all.filter((c) => c.comparison.label === which);
  if (byLabel.length > 0) return byLabel;
  if (/^\d+$/.test(which.trim())) {
    const n = Number(which);
    if (n >= 1 && n <= all.length) return [all[n - 1]];
  }
  const list = all.map((c) => `${c.index} '${c.comparison.label}'`).join(', ');
  throw new UsageError(`Scenario '${scenario}' has no comparison '${which}'. Pass --comparison with a number from 1 to ${all.length} or a label: ${list}.`);
}

/**
 * Runs the scenario as `entangle run` does (saving its result) and calls `act` on each selected comparison.
 * Errors before any job ran are bad input (exit 2); later ones are failures unless they are input errors.
 */
export async function followScenario<T>(
  name: string,
  options: ScenarioFollowupOptions,
  action: string,
  act: (comparison: Comparison, ctx: FollowupContext) => Promise<T>,
): Promise<FollowupResult<T>> {
  const json = options.json === true;
  let resolved: ResolvedScenario;
  let executor: Executor;
  try {
    for (const warning of await loadScenarios()) if (!json) err(`warning: ${warning}`);
    resolved = resolveScenario({
      scenario: name,
      preset: options.preset,
      ...(options.seeds !== undefined ? { seeds: options.seeds } : {}),
      ...(options.set !== undefined ? { overrides: options.set } : {}),
    });
    executor = await openExecutor(options);
  } catch (e) {
    throw new CommandFailure(e, 'input');
  }
  let store: Store;
  try {
    store = openStore(storeDir(options));
  } catch (e) {
    await executor.close();
    throw e;
  }
  const interrupt = handleInterrupt(err);
  const mode = progressMode(json);
  try {
    const progress = new Progress(mode, resolved.scenario.name);
    let saved: { result: ScenarioResult; id: string };
    try {
      saved = await runAndSave(resolved, { store, executor, onProgress: progress.onEvent, log: progress.log, signal: interrupt.signal });
    } catch (e) {
      throw new CommandFailure(e, progress.jobsSeen ? 'run' : 'input');
    } finally {
      progress.stop();
    }
    let selected: { index: number; comparison: Comparison }[];
    try {
      selected = selectComparisons(saved.result.comparisons, options.comparison, resolved.scenario.name);
    } catch (e) {
      throw new CommandFailure(e, 'input');
    }
    const followup = new Progress(mode, `${resolved.scenario.name}: ${action}`);
    const items: FollowedComparison<T>[] = [];
    try {
      for (const { index, comparison } of selected) {
        items.push({ index, comparison, value: await act(comparison, { store, executor, onProgress: followup.onEvent, signal: interrupt.signal }) });
      }
    } catch (e) {
      throw new CommandFailure(e, 'run');
    } finally {
      followup.stop();
    }
    return { ...saved, jobs: { scenario: progress.counts, followup: followup.counts }, items };
  } finally {
    interrupt.dispose();
    await executor.close();
    store.close();
  }
}

/** Why a comparison without a subject (two systems, e.g. the ends of a sweep) is not diagnosed. */
export const NO_SUBJECT_DIAGNOSIS = 'diagnosis needs an update comparison (sweep ends are two systems)';
/** Why a comparison without a subject is not remedied. */
export const NO_SUBJECT_REMEDY = 'a remedy needs an update comparison (sweep ends are two systems)';
