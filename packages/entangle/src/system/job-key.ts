// Job keys: the content address of one fitted model (one model, one seed) and everything it depends on.
import { canonicalJson, sha256 } from '../core/canonical-json.js';
import type { System } from './system.js';

/** Bumped whenever the engine changes what a job computes; part of every job key, so old results are not reused. */
export const CODE_VERSION = 'entangle-engine/1';

/**
 * The seed handed to model `id`'s learner for run seed `seed`: the first 31 bits of sha256("<seed>:<id>")
 * (sha256("<seed>:<id>:<salt>") when the model has a seedSalt).
 * Models get different streams within a run, and a model gets the same stream in the baseline and the updated
 * system (paired design, docs/statistics.md).
 */
export function modelSeed(seed: number, id: string, salt?: string): number {
  return Number.parseInt(sha256(salt ? `${seed}:${id}:${salt}` : `${seed}:${id}`).slice(0, 8), 16) >>> 1;
}

/**
 * Key of every model for one run seed: sha256 of the canonical JSON of (CODE_VERSION, the model spec without
 * its description, the train and test dataset versions, the seed, the parents' keys in order). An update changes
 * the updated model's key and, through the parents' keys, its descendants' keys only.
 */
export function jobKeys(system: System, seed: number): Map<string, string> {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`A seed must be a safe integer, got ${seed}.`);
  const keys = new Map<string, string>();
  for (const id of system.topoOrder()) {
    const { description: _description, ...spec } = system.model(id);
    const material = {
      code: CODE_VERSION,
      spec,
      trainVersion: system.dataset(spec.train).version,
      testVersion: system.dataset(spec.test).version,
      seed,
      parents: spec.parents.map((p) => keys.get(p)!),
    };
    keys.set(id, sha256(canonicalJson(material)));
  }
  return keys;
}
