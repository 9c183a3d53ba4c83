// Reading a trained system's stored outputs back, and assembling what a model sees from them.
import { ContractError } from '../core/errors.js';
import type { Block, InputBlock, Inputs, Outputs } from '../core/types.js';
import { readOutputs } from '../evaluate/artifacts.js';
import type { TrainedSystem } from '../evaluate/train-system.js';
import type { Store } from '../store/store.js';
import { readField } from '../system/inputs.js';
import type { System } from '../system/system.js';

/** Whether an Outputs value is a dense block (not records). */
export function isBlock(value: Outputs): value is Block {
  return !('kind' in value && value.kind === 'records');
}

/** One trained system (one seed) with lazy, cached access to its stored outputs. */
export class StoredOutputs {
  readonly #cache = new Map<string, Outputs>();

  constructor(readonly store: Store, readonly system: System, readonly trained: TrainedSystem) {}

  /** Model `model`'s outputs on dataset `dataset`, read from the store. */
  output(model: string, dataset: string): Outputs {
    const id = `${model}\u0000${dataset}`;
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached;
    const hash = this.trained.models[model]?.outputs[dataset];
    if (hash === undefined) {
      throw new ContractError(
        `Diagnosis of system '${this.system.name}' (seed ${this.trained.seed}) needs model '${model}'s outputs on dataset '${dataset}', which the store does not hold ` +
          `(it has ${Object.keys(this.trained.models[model]?.outputs ?? {}).join(', ') || 'none'}). A model predicts only on its prediction sets (docs/system.md).`,
      );
    }
    const value = readOutputs(this.store, hash);
    this.#cache.set(id, value);
    return value;
  }

  /** The test loss the evaluation recorded for `model`. */
  testLoss(model: string): number {
    return this.trained.models[model].testLoss;
  }

  /** Job key of `model` (equal in two systems exactly when the model is the same fitted model). */
  key(model: string): string {
    return this.trained.models[model].key;
  }

  /**
   * What model `id` sees on dataset `dataset` — its own fields, then its parents' outputs (paper §2) — keeping only
   * the parents listed in `parents` (default: all), in the model's parents order.
   */
  inputs(id: string, dataset: string, parents?: readonly string[]): Inputs {
    const spec = this.system.model(id);
    const data = this.system.dataset(dataset);
    const blocks: InputBlock[] = spec.inputs.map((name) => readField(data, dataset, name, id));
    for (const p of spec.parents) {
      if (parents !== undefined && !parents.includes(p)) continue;
      blocks.push({ name: p, kind: this.system.model(p).output, value: this.output(p, dataset) });
    }
    return { size: data.size, blocks };
  }
}
