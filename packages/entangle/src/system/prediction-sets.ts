// Which datasets each model must predict on: its own test set, and every dataset a descendant trains or
// is tested on (a parent reads its own input fields from the child's examples, paper §2).
import type { ModelSpec } from './spec.js';

/**
 * For each model (given in topological order), the datasets on which its outputs are needed, each with the
 * reason (for error messages). need(v) = {test(v)} ∪ ⋃_{c child of v} ({train(c)} ∪ need(c)).
 */
export function predictionSets(models: readonly ModelSpec[], topoOrder: readonly string[]): Map<string, Map<string, string>> {
  const byId = new Map(models.map((m) => [m.id, m]));
  const need = new Map<string, Map<string, string>>();
  for (const id of [...topoOrder].reverse()) {
    const model = byId.get(id)!;
    const sets = new Map<string, string>([[model.test, 'its test set']]);
    for (const child of models.filter((c) => c.parents.includes(id))) {
      if (!sets.has(child.train)) sets.set(child.train, `the training set of its descendant '${child.id}'`);
      for (const [dataset, reason] of need.get(child.id) ?? []) {
        if (!sets.has(dataset)) sets.set(dataset, reason === 'its test set' ? `the test set of its descendant '${child.id}'` : reason);
      }
    }
    need.set(id, sets);
  }
  return need;
}
