// The declaration of a system: datasets plus models (vertices) whose `parents` are the DAG's edges.
import type { Dataset, Json, JsonObject, LearnerSpec, LossSpec, OutputKind } from '../core/types.js';

/** One model v of the system (paper §2): what it reads, how it is trained, how it is tested. */
export interface ModelSpec {
  id: string;
  /** Fields of the example fed to this model, x^(v); read from whichever dataset the model predicts on. */
  inputs: string[];
  /** Models whose outputs are appended to the inputs, in this order (P_v). */
  parents: string[];
  /** A_v and H_v. */
  learner: LearnerSpec;
  /** Name of the training dataset D_v. */
  train: string;
  /** Field (or records column) of the training dataset the learner fits. */
  target: string;
  /** Name of the fixed test dataset D̄_v. */
  test: string;
  /** Field of the test dataset the test loss scores against; defaults to `target`. */
  testTarget?: string;
  /** The fixed test loss ℓ_v (lower is better). */
  loss: LossSpec;
  /** What the model emits for its children (label, probabilities, value, features...). */
  output: OutputKind;
  /** Salt mixed into the model's training seed: the same learner and data, another draw of its randomness. */
  seedSalt?: string;
  description?: string;
}

/**
 * How to rebuild a system in another thread or process: import `module`, call its export `export` with `params`,
 * then apply `updates` in order. Modules register the learners and losses they use when imported.
 */
export interface SystemSource {
  /** Absolute file path or file: URL of an ES module. */
  module: string;
  export: string;
  params?: Json;
  updates?: Update[];
}

/** A change to one model: its learner (A_v, H_v), the learner's args, its training data, or its training objective. */
export interface Update {
  /** Human name of the update, e.g. "more noisy labels". */
  name: string;
  /** The model being updated (v). */
  model: string;
  /** Replaces the learner (kind and args). */
  learner?: LearnerSpec;
  /** Replaces the training dataset D_v (the test set stays fixed). */
  train?: string;
  /** Replaces the training target field (the test target stays fixed). */
  target?: string;
  /** Replaces the training objective: written into the learner's args as `loss` (kind) and `lossArgs`. */
  loss?: LossSpec;
  /** Merged into the learner's args (after `learner`, if both are given). */
  args?: JsonObject;
  /** Retrains with another seed stream (a null update when nothing else changes). */
  seedSalt?: string;
}

export interface SystemDeclaration {
  name: string;
  datasets: Record<string, Dataset>;
  models: ModelSpec[];
  source?: SystemSource;
}
