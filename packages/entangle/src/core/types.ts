// Plain-data contract shared by learners, losses, the system engine, the store and the executors.
// Nothing here touches libtorch: values that cross these interfaces are numbers, JSON and typed arrays.
// Concepts and the paper's notation: docs/concepts.md.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A dense block of per-example values: shape[0] is the number of examples. */
export interface Block {
  shape: number[];
  data: Float32Array;
}

/** Structured per-example output (e.g. boxes or point clouds): one entry per example. Items must be JSON. */
export interface Records<T = unknown> {
  kind: 'records';
  items: T[];
}

/** What a model emits for a set of examples. */
export type Outputs = Block | Records;

/**
 * How a child should read a model's outputs. Input fields of the example itself appear in `Inputs` with
 * kind 'field' (dense) or 'records' (structured).
 */
export type OutputKind = 'label' | 'probabilities' | 'value' | 'features' | 'depth' | 'points' | 'boxes' | string;

/** A named column of a dataset; per-example shape is shape.slice(1). */
export interface Field {
  shape: number[];
  data: Float32Array;
}

/** A table of examples: every field has the same number of rows. */
export interface Dataset {
  /** Stable identity of the content (hash or a name + version); part of every job key. */
  version: string;
  size: number;
  fields: Record<string, Field>;
  /** Structured columns that are not dense (boxes, labels in KITTI text format...). */
  records?: Record<string, unknown[]>;
}

/** One block of a learner's input: an example field ('field'/'records') or a parent's output (the parent's kind). */
export interface InputBlock {
  /** Field name for the model's own inputs; the parent's model id for a parent's output. */
  name: string;
  kind: OutputKind;
  value: Outputs;
}

/** The inputs a learner sees: the model's own fields first (in `inputs` order), then one block per parent (in `parents` order). */
export interface Inputs {
  size: number;
  blocks: InputBlock[];
}

/** Shape-level description of an input block, used to validate a system before anything is trained. */
export interface InputDescription {
  name: string;
  kind: OutputKind;
  /** Per-example shape of a dense block; 'records' for structured items; 'unknown' when the producing learner cannot tell. */
  shape: number[] | 'records' | 'unknown';
}

/** What a learner says it will emit, per example. */
export interface OutputDescription {
  kind: OutputKind;
  /**
   * Per-example shape of a dense output; 'records' for structured outputs (boxes, points...); 'unknown' when it
   * depends on the training data (e.g. the number of classes seen).
   */
  shape: number[] | 'records' | 'unknown';
}

export interface LearnerSpec {
  kind: string;
  args: JsonObject;
}

export interface LossSpec {
  kind: string;
  args?: JsonObject;
}

export interface ProgressEvent {
  model: string;
  seed: number;
  epoch: number;
  epochs: number;
  loss?: number;
}

export interface FitContext {
  /** The model's own seed, derived from the run seed and the model id (see docs/system.md). */
  seed: number;
  /** Model id, for progress and error messages. */
  model: string;
  threads?: number;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface TrainSet {
  inputs: Inputs;
  target: Field | Records;
  /** The dataset's structured columns, for learners that need them (e.g. KITTI labels). */
  records?: Record<string, unknown[]>;
}

/** A trained model. `save` returns bytes that `Learner.load` turns back into an equal model. */
export interface FittedModel {
  predict(inputs: Inputs): Outputs;
  save(): Uint8Array;
  dispose(): void;
}

/** A_v with H_v. Registered by kind so that systems, updates and jobs stay JSON. */
export interface Learner {
  readonly kind: string;
  fit(train: TrainSet, args: JsonObject, ctx: FitContext): Promise<FittedModel>;
  load(bytes: Uint8Array, args: JsonObject): FittedModel;
  /**
   * Output kind and per-example shape, given the per-example shapes of the input blocks (for validation
   * before training). Records inputs, or parents whose shape is unknown, appear as [] in `inputShapes`;
   * `inputs` carries the full description (kind, 'records' or 'unknown' shape) for learners that care.
   */
  describeOutput?(args: JsonObject, inputShapes: number[][], inputs?: InputDescription[]): OutputDescription;
  /** Problems with the input blocks this model would receive (e.g. "expects one 'label' block"); [] when fine. */
  checkInputs?(args: JsonObject, inputs: InputDescription[]): string[];
  /** Problems with the args (unknown keys, out-of-range values); [] when fine. */
  checkArgs?(args: JsonObject): string[];
}

/** A test loss ℓ_v (lower is better). It has no trainable parameters (paper §2). */
export interface TestLoss {
  readonly kind: string;
  evaluate(pred: Outputs, test: Dataset, targetField: string, args: JsonObject): number;
  /** Output kinds this loss can score; validation rejects a model whose `output` is not listed. */
  readonly accepts?: readonly OutputKind[];
  /** Problems with the args; [] when fine. */
  checkArgs?(args: JsonObject): string[];
}
