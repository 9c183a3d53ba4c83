// Updates v → v' (paper §2): a new learner, new args, new training data or a new training objective for one model.
import { canonicalJson } from '../core/canonical-json.js';
import { UpdateError } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { JsonObject } from '../core/types.js';
import type { ModelSpec, Update } from './spec.js';
import { defineSystem, System } from './system.js';

/** The model spec after the update; the test set, test target and test loss stay fixed (paper §2). */
export function updatedSpec(spec: ModelSpec, update: Update): ModelSpec {
  const learner = update.learner ?? spec.learner;
  const args: JsonObject = { ...learner.args, ...(update.args ?? {}) };
  if (update.loss !== undefined) {
    args.loss = update.loss.kind;
    if (update.loss.args !== undefined) args.lossArgs = update.loss.args;
  }
  const next: ModelSpec = { ...spec, learner: { kind: learner.kind, args } };
  if (update.train !== undefined) next.train = update.train;
  if (update.seedSalt !== undefined) next.seedSalt = update.seedSalt;
  if (update.target !== undefined) {
    next.target = update.target;
    next.testTarget = spec.testTarget ?? spec.target;
  }
  return next;
}

/**
 * The system with `update` applied, validated. Throws UpdateError when the model does not exist or nothing
 * would change, and SystemValidationError when the updated system is not valid.
 */
export function applyUpdate(system: System, update: Update): System {
  if (typeof update.name !== 'string' || update.name.length === 0) {
    throw new UpdateError(`An update needs a name: expected a non-empty string, got ${JSON.stringify(update.name)}. Name it after what it changes, e.g. "more training data".`);
  }
  if (!system.has(update.model)) {
    const known = system.models.map((m) => m.id);
    const suggestion = closest(update.model, known);
    throw new UpdateError(
      `Update '${update.name}' targets model '${update.model}', which is not in system '${system.name}'.` +
        `${suggestion ? ` Did you mean '${suggestion}'?` : ''} Known models: ${listNames(known)}.`,
    );
  }
  const before = system.model(update.model);
  const after = updatedSpec(before, update);
  if (canonicalJson(before) === canonicalJson(after)) {
    throw new UpdateError(
      `Update '${update.name}' does not change model '${update.model}': learner, args, training set and target are the same as before. ` +
        'Set at least one of learner, args, train, target, loss, seedSalt to a new value.',
    );
  }
  const models = system.models.map((m) => (m.id === update.model ? after : structuredClone(m)));
  const source = system.source === undefined ? undefined : { ...system.source, updates: [...(system.source.updates ?? []), update] };
  return defineSystem({ name: system.name, datasets: { ...system.datasets }, models, ...(source ? { source } : {}) });
}
