// Reading trained models and their outputs back from the store (for reports, diagnosis and mitigation).
import type { FittedModel, Outputs } from '../core/types.js';
import { getLearner } from '../registry/index.js';
import { decodeOutputs } from '../store/codec.js';
import type { Store } from '../store/store.js';
import type { System } from '../system/system.js';
import type { TrainedModel } from './train-system.js';

/** Decodes stored model outputs. */
export function readOutputs(store: Store, hash: string): Outputs {
  return decodeOutputs(store.artifacts.get(hash), `artifact ${hash.slice(0, 12)}`);
}

/** Loads a trained model with its learner; the caller disposes it. */
export function loadModel(store: Store, system: System, model: string, trained: TrainedModel): FittedModel {
  const spec = system.model(model);
  return getLearner(spec.learner.kind).load(store.artifacts.get(trained.artifact), spec.learner.args);
}
