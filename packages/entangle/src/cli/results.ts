// Scenario results and evaluations saved as JSON files next to the run store, for `show`, `report` and the dashboard.
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { canonicalJson, sha256 } from '../core/canonical-json.js';
import { StoreError } from '../core/errors.js';
import type { Json } from '../core/types.js';
import type { UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { ScenarioResult } from '../scenarios/scenario.js';

/** How an evaluation came to be: a scenario run or `entangle evaluate` on a user's module. */
export type EvaluationOrigin =
  | { command: 'run'; scenario: string; preset: string; result: string }
  | { command: 'evaluate'; module: string; export: string; update: string; params?: Json };

export interface SavedResult {
  format: 'entangle-scenario-result';
  version: 1;
  /** File name without .json: `<scenario>-<preset>`, plus `-<hash>` when parameters or seeds were overridden. */
  id: string;
  savedAt: string;
  result: ScenarioResult;
}

export interface SavedEvaluation {
  format: 'entangle-evaluation';
  version: 1;
  savedAt: string;
  origin: EvaluationOrigin;
  evaluation: UpdateEvaluation;
}

export const resultsDir = (storeDir: string): string => join(storeDir, 'results');
export const evaluationsDir = (storeDir: string): string => join(storeDir, 'evaluations');

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 1)}\n`);
}

function readJson<T>(file: string, format: string): T {
  let parsed: { format?: string };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as { format?: string };
  } catch (e) {
    throw new StoreError(`Could not read ${file}: ${(e as Error).message}. Delete the file and rerun the command that wrote it.`, { cause: e });
  }
  if (parsed.format !== format) throw new StoreError(`${file} is not an ${format} file (format ${JSON.stringify(parsed.format)}). Delete it or move it out of the store.`);
  return parsed as T;
}

/** The id under which a result is saved: `<scenario>-<preset>` for a plain preset run, else with a hash of params and seeds. */
export function resultId(result: Pick<ScenarioResult, 'scenario' | 'preset' | 'params' | 'seeds'>, custom: boolean): string {
  const base = `${result.scenario}-${result.preset}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return custom ? `${base}-${sha256(canonicalJson({ params: result.params, seeds: result.seeds })).slice(0, 8)}` : base;
}

/** Saves a scenario result (replacing an earlier one with the same id) and returns its id. */
export function saveScenarioResult(storeDir: string, result: ScenarioResult, options: { custom: boolean; savedAt?: string }): string {
  const id = resultId(result, options.custom);
  mkdirSync(resultsDir(storeDir), { recursive: true });
  const saved: SavedResult = { format: 'entangle-scenario-result', version: 1, id, savedAt: options.savedAt ?? new Date().toISOString(), result };
  writeJsonAtomic(join(resultsDir(storeDir), `${id}.json`), saved);
  return id;
}

/** Every saved scenario result, oldest first. */
export function listScenarioResults(storeDir: string): SavedResult[] {
  const dir = resultsDir(storeDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readJson<SavedResult>(join(dir, f), 'entangle-scenario-result'))
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id));
}

/** The saved result with this id, or undefined. */
export function loadScenarioResult(storeDir: string, id: string): SavedResult | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) return undefined;
  const file = join(resultsDir(storeDir), `${id}.json`);
  return existsSync(file) ? readJson<SavedResult>(file, 'entangle-scenario-result') : undefined;
}

/** Saves an evaluation under its run id (a rerun of the same evaluation rewrites the same file). */
export function saveEvaluation(storeDir: string, evaluation: UpdateEvaluation, origin: EvaluationOrigin, savedAt?: string): void {
  mkdirSync(evaluationsDir(storeDir), { recursive: true });
  const saved: SavedEvaluation = { format: 'entangle-evaluation', version: 1, savedAt: savedAt ?? new Date().toISOString(), origin, evaluation };
  writeJsonAtomic(join(evaluationsDir(storeDir), `${evaluation.run}.json`), saved);
}

/** The saved evaluation of a run, or undefined (runs made through the library have none). */
export function loadEvaluation(storeDir: string, run: string): SavedEvaluation | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(run)) return undefined;
  const file = join(evaluationsDir(storeDir), `${run}.json`);
  return existsSync(file) ? readJson<SavedEvaluation>(file, 'entangle-evaluation') : undefined;
}

/** Every saved evaluation, oldest first. */
export function listEvaluations(storeDir: string): SavedEvaluation[] {
  const dir = evaluationsDir(storeDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readJson<SavedEvaluation>(join(dir, f), 'entangle-evaluation'))
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt) || a.evaluation.run.localeCompare(b.evaluation.run));
}
