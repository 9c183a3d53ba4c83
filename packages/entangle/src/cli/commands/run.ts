// `entangle run <scenario...>`: runs scenarios with a preset, prints verdict tables, saves results, exits 0 or 3.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonObject } from '../../core/types.js';
import { renderHtmlReport } from '../../report/html.js';
import { runReport } from '../../report/run-report.js';
import type { Executor } from '../../runtime/executor.js';
import type { PresetName, ScenarioResult } from '../../scenarios/scenario.js';
import { openStore } from '../../store/store.js';
import { CommandFailure, EXIT } from '../exit-codes.js';
import { executorKind, openExecutor, type ExecutorOptions } from '../executor.js';
import { handleInterrupt } from '../interrupt.js';
import { loadScenarios } from '../modules.js';
import { Progress, progressMode } from '../progress.js';
import { resolveScenario, runAndSave, type ResolvedScenario } from '../scenario-run.js';
import { scenarioText } from '../terminal.js';
import { err, out, storeDir, type CommonOptions } from './common.js';

export interface RunOptions extends CommonOptions, ExecutorOptions {
  preset: PresetName;
  seeds?: number;
  report?: string;
  set?: JsonObject;
}

/** Writes the HTML report of `results` to `file` and returns its absolute path. */
export function writeReport(file: string, results: ScenarioResult[]): string {
  const path = resolve(file);
  writeFileSync(path, renderHtmlReport(runReport(results, { generatedAt: new Date().toISOString() })));
  return path;
}

export async function runCommand(names: string[], options: RunOptions): Promise<number> {
  const json = options.json === true;
  let resolved: ResolvedScenario[];
  let executor: Executor;
  try {
    executorKind(options);
    for (const warning of await loadScenarios()) if (!json) err(`warning: ${warning}`);
    resolved = names.map((scenario) => resolveScenario({
      scenario,
      preset: options.preset,
      ...(options.seeds !== undefined ? { seeds: options.seeds } : {}),
      ...(options.set !== undefined ? { overrides: options.set } : {}),
    }));
    executor = await openExecutor(options);
  } catch (e) {
    throw new CommandFailure(e, 'input');
  }
  const store = openStore(storeDir(options));
  const interrupt = handleInterrupt(err);
  const mode = progressMode(json);
  const done: { result: ScenarioResult; id: string }[] = [];
  try {
    for (const r of resolved) {
      const progress = new Progress(mode, r.scenario.name);
      try {
        const saved = await runAndSave(r, { store, executor, onProgress: progress.onEvent, log: progress.log, signal: interrupt.signal });
        progress.stop();
        done.push(saved);
        if (!json) out(`${done.length > 1 ? '\n' : ''}${scenarioText(saved.result, saved.id)}`);
      } catch (e) {
        progress.stop();
        throw new CommandFailure(e, progress.jobsSeen ? 'run' : 'input');
      }
    }
  } finally {
    interrupt.dispose();
    await executor.close();
    store.close();
  }
  const results = done.map((d) => d.result);
  if (options.report !== undefined) {
    const path = writeReport(options.report, results);
    if (!json) out(`HTML report: ${path}`);
  }
  const selfDefeating = results.some((r) => r.selfDefeating);
  if (json) out(JSON.stringify({ selfDefeating, results: done.map((d) => ({ id: d.id, ...d.result })) }, null, 2));
  return selfDefeating ? EXIT.selfDefeating : EXIT.ok;
}
