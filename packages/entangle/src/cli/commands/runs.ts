// `entangle runs` and `entangle show <run>`: what the store holds, without training anything.
import { tableToMarkdown } from '../../report/table.js';
import { seedsText } from '../../report/run-report.js';
import { openStore } from '../../store/store.js';
import { CommandFailure, EXIT, UsageError } from '../exit-codes.js';
import { findRun, listRuns, runEvaluation } from '../run-index.js';
import { loadScenarioResult, type SavedResult } from '../results.js';
import { evaluationText, scenarioText } from '../terminal.js';
import { err, out, storeDir, storeExists, type CommonOptions } from './common.js';

/** Date and minute of an ISO time, for tables. */
const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export function runsCommand(options: CommonOptions): number {
  const dir = storeDir(options);
  if (!storeExists(dir)) {
    if (options.json) out('[]');
    else out(`No runs yet: there is no store in ${dir}. Run 'entangle run <scenario>' or pass --store DIR.`);
    return EXIT.ok;
  }
  const store = openStore(dir);
  try {
    const runs = listRuns(store);
    if (options.json) out(JSON.stringify(runs, null, 2));
    else if (runs.length === 0) out(`No runs in ${dir} yet.`);
    else {
      out(tableToMarkdown({
        columns: ['id', 'name', 'created (UTC)', 'status', 'verdict'],
        rows: runs.map((r) => [r.id, r.name, minute(r.created), r.status, r.kind ?? '—']),
      }));
      out(`${runs.length} run${runs.length === 1 ? '' : 's'} in ${dir}. 'entangle show <id>' prints one.`);
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** Prints a saved scenario result (`show toy-hypothesis-quick`) as `run` printed it. */
function showResult(saved: SavedResult, json: boolean): number {
  if (json) out(JSON.stringify({ id: saved.id, savedAt: saved.savedAt, ...saved.result }, null, 2));
  else out(scenarioText(saved.result, saved.id));
  return saved.result.selfDefeating ? EXIT.selfDefeating : EXIT.ok;
}

export function showCommand(query: string, options: CommonOptions): number {
  const dir = storeDir(options);
  if (!storeExists(dir)) throw new CommandFailure(new UsageError(`There is no store in ${dir}, so there is no run '${query}'. Pass --store DIR.`), 'input');
  const saved = loadScenarioResult(dir, query);
  if (saved !== undefined) return showResult(saved, options.json === true);
  const store = openStore(dir);
  try {
    let run;
    try {
      run = findRun(store, query);
    } catch (e) {
      throw new CommandFailure(e, 'input');
    }
    const found = runEvaluation(store, run);
    if (found === undefined) {
      const message = `Run ${run.id} ('${run.name}') is ${run.status} and has no complete losses, so it has no verdict yet. Rerun the command that started it to finish it.`;
      if (options.json) out(JSON.stringify({ run: { id: run.id, name: run.name, status: run.status }, evaluation: null }, null, 2));
      else err(message);
      return EXIT.failure;
    }
    const { evaluation, origin } = found;
    if (options.json) out(JSON.stringify({ run: { id: run.id, name: run.name, status: run.status, created: run.created, updated: run.updated }, origin, evaluation }, null, 2));
    else {
      out([
        `== ${run.name} (run ${run.id}, ${run.status}, created ${minute(run.created)})`,
        `system '${evaluation.system}', updated model '${evaluation.model}', ${evaluation.seeds.length} seeds (${seedsText(evaluation.seeds)})` +
          (origin?.command === 'run' ? `, from scenario '${origin.scenario}' (${origin.preset})` : origin?.command === 'evaluate' ? `, from ${origin.module}` : ''),
        evaluationText(evaluation),
      ].join('\n'));
    }
    return evaluation.selfDefeating ? EXIT.selfDefeating : EXIT.ok;
  } finally {
    store.close();
  }
}
