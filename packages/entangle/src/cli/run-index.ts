// Runs in the store with their verdicts, and finding a run by id, id prefix or name: for `runs`, `show`, the dashboard.
import type { UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { RunRecord, RunStatus, Store } from '../store/store.js';
import { UsageError } from './exit-codes.js';
import { loadEvaluation, type EvaluationOrigin } from './results.js';
import { evaluationFromStore } from './stored-evaluation.js';

export interface RunSummary {
  id: string;
  name: string;
  created: string;
  updated: string;
  status: RunStatus;
  /** Overall kind of the update, or null when the run has no complete losses. */
  kind: UpdateEvaluation['kind'] | null;
  selfDefeating: boolean | null;
  /** Where the run came from, when the CLI saved it. */
  origin: EvaluationOrigin | null;
}

/**
 * The evaluation of a run: the one the CLI saved when it finished, else recomputed from the store's per-seed
 * losses; undefined when neither exists (the run never finished).
 */
export function runEvaluation(store: Store, run: RunRecord): { evaluation: UpdateEvaluation; origin: EvaluationOrigin | null } | undefined {
  const saved = loadEvaluation(store.dir, run.id);
  if (saved !== undefined && run.status === 'done') return { evaluation: saved.evaluation, origin: saved.origin };
  const rebuilt = evaluationFromStore(store, run);
  return rebuilt === undefined ? undefined : { evaluation: rebuilt, origin: saved?.origin ?? null };
}

/** Every run of the store, newest first, with its verdict. */
export function listRuns(store: Store): RunSummary[] {
  return store.runs().reverse().map((run) => {
    const found = runEvaluation(store, run);
    return {
      id: run.id,
      name: run.name,
      created: run.created,
      updated: run.updated,
      status: run.status,
      kind: found?.evaluation.kind ?? null,
      selfDefeating: found?.evaluation.selfDefeating ?? null,
      origin: found?.origin ?? loadEvaluation(store.dir, run.id)?.origin ?? null,
    };
  });
}

/** The run with this id, unique id prefix or unique name; a UsageError lists the candidates otherwise. */
export function findRun(store: Store, query: string): RunRecord {
  const runs = store.runs();
  const exact = runs.find((r) => r.id === query);
  if (exact !== undefined) return exact;
  const byPrefix = runs.filter((r) => r.id.startsWith(query));
  const byName = runs.filter((r) => r.name === query);
  const matches = byPrefix.length > 0 ? byPrefix : byName;
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(`'${query}' matches ${matches.length} runs: ${matches.map((r) => `${r.id} (${r.name})`).join(', ')}. Pass more of the id.`);
  }
  throw new UsageError(`No run '${query}' in the store ${store.dir} (${runs.length} run${runs.length === 1 ? '' : 's'}). Pass an id, id prefix or name from 'entangle runs', or a saved result such as 'toy-hypothesis-quick'.`);
}
