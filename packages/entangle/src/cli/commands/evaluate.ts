// `entangle evaluate <system-module> --update <name>`: evaluates one update of a user's system and prints the verdict.
import { existsSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closest, listNames } from '../../core/suggest.js';
import type { JsonObject } from '../../core/types.js';
import type { Diagnosis } from '../../diagnose/types.js';
import { evaluateUpdate, type UpdateEvaluation } from '../../evaluate/evaluate-update.js';
import { renderHtmlReport } from '../../report/html.js';
import { runReport } from '../../report/run-report.js';
import type { Executor } from '../../runtime/executor.js';
import { loadSystem } from '../../runtime/load-system.js';
import { openStore } from '../../store/store.js';
import type { Update } from '../../system/spec.js';
import type { System } from '../../system/system.js';
import { diagnosisText } from '../diagnosis-text.js';
import { CommandFailure, EXIT, UsageError } from '../exit-codes.js';
import { executorKind, openExecutor, type ExecutorOptions } from '../executor.js';
import { handleInterrupt } from '../interrupt.js';
import { loadExtraModules, loadLearners } from '../modules.js';
import { Progress, progressMode } from '../progress.js';
import { saveEvaluation } from '../results.js';
import { evaluationText, jobsLine } from '../terminal.js';
import { err, out, storeDir, type CommonOptions } from './common.js';
import { diagnoseFlags } from './diagnose.js';

export interface EvaluateOptions extends CommonOptions, ExecutorOptions {
  update: string;
  export: string;
  params?: JsonObject;
  seeds: number;
  report?: string;
  /** Diagnose the update after evaluating it (when it is self-defeating). */
  diagnose?: boolean;
  refitSeeds?: number;
  threshold?: number;
}

const isUpdate = (u: unknown): u is Update =>
  typeof u === 'object' && u !== null && typeof (u as Update).name === 'string' && typeof (u as Update).model === 'string';

/** The module's `updates` export (a record name → Update, or an array of Updates) as name → Update. */
export function updatesOf(mod: Record<string, unknown>, module: string): Map<string, Update> {
  const raw = mod.updates;
  const found = new Map<string, Update>();
  if (Array.isArray(raw)) {
    for (const u of raw) if (isUpdate(u)) found.set(u.name, u);
  } else if (typeof raw === 'object' && raw !== null) {
    for (const [key, u] of Object.entries(raw)) if (isUpdate(u)) found.set(key, u);
  } else {
    throw new UsageError(`${module} has no 'updates' export. Export the updates to evaluate, e.g. export const updates = { 'cleaner labels': { name: 'cleaner labels', model: 'u', train: 'clean' } }.`);
  }
  if (found.size === 0) throw new UsageError(`${module}'s 'updates' export holds no update (each needs a string 'name' and 'model').`);
  return found;
}

/** Finds an update by record key or by its name. */
export function findUpdate(updates: Map<string, Update>, name: string, module: string): Update {
  const byKey = updates.get(name) ?? [...updates.values()].find((u) => u.name === name);
  if (byKey !== undefined) return byKey;
  const names = [...updates.keys()];
  const suggestion = closest(name, names);
  throw new UsageError(`${module} has no update '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Updates: ${listNames(names)}.`);
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && extname(file) === '.ts') {
      throw new UsageError(`Cannot import ${file}: node cannot run TypeScript by itself. Compile it to .js, or run the CLI under tsx: npx tsx packages/entangle/src/cli/main.ts evaluate ...`, { cause: e });
    }
    throw new UsageError(`Cannot import the system module ${file}: ${(e as Error).message}`, { cause: e });
  }
}

async function prepare(modulePath: string, options: EvaluateOptions): Promise<{ system: System; update: Update; file: string }> {
  await loadLearners();
  await loadExtraModules();
  const file = resolve(modulePath);
  if (!existsSync(file)) throw new UsageError(`System module ${file} does not exist. Pass the path of a .js (or, under tsx, .ts) module exporting '${options.export}' and 'updates'.`);
  const mod = await importModule(file);
  const update = findUpdate(updatesOf(mod, file), options.update, file);
  const system = await loadSystem({ module: file, export: options.export, ...(options.params !== undefined ? { params: options.params } : {}) });
  return { system, update, file };
}

export async function evaluateCommand(modulePath: string, options: EvaluateOptions): Promise<number> {
  const json = options.json === true;
  let prepared: Awaited<ReturnType<typeof prepare>>;
  let executor: Executor;
  try {
    if (!options.diagnose && (options.refitSeeds !== undefined || options.threshold !== undefined)) {
      throw new UsageError('--refit-seeds and --threshold tune the diagnosis: add --diagnose, or drop them.');
    }
    executorKind(options);
    prepared = await prepare(modulePath, options);
    executor = await openExecutor(options);
  } catch (e) {
    throw new CommandFailure(e, 'input');
  }
  const { system, update, file } = prepared;
  const store = openStore(storeDir(options));
  const interrupt = handleInterrupt(err);
  const progress = new Progress(progressMode(json), `${system.name}: ${update.name}`);
  let evaluation: UpdateEvaluation;
  let diagnosis: Diagnosis | undefined;
  try {
    evaluation = await evaluateUpdate(system, update, { seeds: options.seeds, store, executor, onProgress: progress.onEvent, signal: interrupt.signal });
    saveEvaluation(store.dir, evaluation, { command: 'evaluate', module: file, export: options.export, update: update.name, ...(options.params !== undefined ? { params: options.params } : {}) });
    if (options.diagnose) {
      const { diagnose } = await import('../../diagnose/diagnose.js');
      diagnosis = await diagnose(system, update, evaluation, { store, executor, onProgress: progress.onEvent, signal: interrupt.signal, ...diagnoseFlags(options) });
    }
  } catch (e) {
    throw new CommandFailure(e, progress.jobsSeen ? 'run' : 'input');
  } finally {
    progress.stop();
    interrupt.dispose();
    await executor.close();
    store.close();
  }
  if (json) out(JSON.stringify({ selfDefeating: evaluation.selfDefeating, jobs: progress.counts, evaluation, ...(diagnosis !== undefined ? { diagnosis } : {}) }, null, 2));
  else {
    out([
      `== ${system.name}: update '${update.name}' of model '${update.model}', run ${evaluation.run}`, evaluationText(evaluation),
      ...(diagnosis !== undefined ? ['', diagnosisText(diagnosis)] : []), '', jobsLine(progress.counts),
    ].join('\n'));
  }
  if (options.report !== undefined) {
    const path = resolve(options.report);
    writeFileSync(path, renderHtmlReport(runReport([], { evaluations: [evaluation], title: `entangle: ${evaluation.name}`, generatedAt: new Date().toISOString() })));
    if (!json) out(`HTML report: ${path}`);
  }
  return evaluation.selfDefeating ? EXIT.selfDefeating : EXIT.ok;
}
