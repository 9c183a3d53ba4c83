// checkLearner: the conformance check every registered learner passes (shapes, determinism, args as JSON,
// save/load round trip, no leaked tensors).
import { isDeepStrictEqual } from 'node:util';
import * as torch from '@entangle/torch';
import { ContractError } from '../core/errors.js';
import type { Block, FittedModel, Inputs, JsonObject, Outputs, TrainSet } from '../core/types.js';
import { getLearner } from '../registry/registry.js';

export interface CheckLearnerData {
  train: TrainSet;
  /** Inputs to predict on (often the training inputs). */
  inputs: Inputs;
}

export interface CheckLearnerReport {
  kind: string;
  /** Shape of the prediction on `inputs`. */
  outputShape: number[];
  /** Size of save()'s bytes. */
  savedBytes: number;
}

function sameOutputs(a: Outputs, b: Outputs): boolean {
  const x = a as Block;
  const y = b as Block;
  if (x.data instanceof Float32Array && y.data instanceof Float32Array) {
    return isDeepStrictEqual(x.shape, y.shape) && Buffer.compare(Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength), Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength)) === 0;
  }
  return isDeepStrictEqual(a, b);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/**
 * Fits `kind` twice with one seed and checks: args survive JSON; predictions have one row per example (and the
 * shape describeOutput announces); both fits give byte-identical predictions and save() bytes; load(save())
 * predicts identically; after disposing every model, torch.memory().liveTensors is back where it started.
 * Throws a ContractError listing every failed check.
 */
export async function checkLearner(kind: string, args: JsonObject, data: CheckLearnerData, seed = 0): Promise<CheckLearnerReport> {
  const learner = getLearner(kind);
  const problems: string[] = [];
  const jsonArgs = JSON.parse(JSON.stringify(args)) as JsonObject;
  if (!isDeepStrictEqual(jsonArgs, args)) problems.push('args do not survive a JSON round trip (use plain numbers, strings, booleans, arrays and objects)');
  const argProblems = learner.checkArgs?.(args) ?? [];
  if (argProblems.length) problems.push(`checkArgs reports problems for valid args: ${argProblems.join('; ')}`);
  const ctx = { seed, model: `check-${kind}`, threads: 1 };
  const liveBefore = torch.memory().liveTensors;
  const models: FittedModel[] = [];
  let outputShape: number[] = [];
  let savedBytes = 0;
  try {
    const first = await learner.fit(data.train, args, ctx);
    models.push(first);
    const p1 = first.predict(data.inputs);
    if ((p1 as Block).data instanceof Float32Array) {
      const b = p1 as Block;
      outputShape = b.shape;
      const width = b.shape.slice(1).reduce((a, c) => a * c, 1);
      if (b.shape[0] !== data.inputs.size) problems.push(`predict returned ${b.shape[0]} rows for ${data.inputs.size} examples`);
      if (b.data.length !== b.shape[0] * width) problems.push(`predict returned ${b.data.length} values for shape [${b.shape.join(', ')}]`);
      const described = learner.describeOutput?.(args, data.inputs.blocks.map((blk) => ((blk.value as Block).shape ?? []).slice(1)));
      if (described && Array.isArray(described.shape) && !isDeepStrictEqual(described.shape, b.shape.slice(1))) {
        problems.push(`describeOutput announces per-example shape [${described.shape.join(', ')}] but predict returned [${b.shape.slice(1).join(', ')}]`);
      }
    } else if ((p1 as { items?: unknown[] }).items?.length !== data.inputs.size) problems.push('predict returned records with the wrong number of items');

    const second = await learner.fit(data.train, jsonArgs, ctx);
    models.push(second);
    if (!sameOutputs(p1, second.predict(data.inputs))) problems.push(`two fits with seed ${seed} (args as given, and after a JSON round trip) predict differently`);
    const bytes = first.save();
    savedBytes = bytes.length;
    if (!sameBytes(bytes, second.save())) problems.push(`two fits with seed ${seed} save different bytes`);

    const loaded = learner.load(bytes, jsonArgs);
    models.push(loaded);
    if (!sameOutputs(p1, loaded.predict(data.inputs))) problems.push('load(save()) predicts differently from the fitted model');
    if (!sameBytes(bytes, loaded.save())) problems.push('load(save()).save() gives different bytes');
  } finally {
    for (const m of models) m.dispose();
  }
  const liveAfter = torch.memory().liveTensors;
  if (liveAfter !== liveBefore) problems.push(`${liveAfter - liveBefore} tensors still alive after disposing every model (before: ${liveBefore}, after: ${liveAfter})`);
  if (problems.length) throw new ContractError(`Learner '${kind}' fails the conformance check with args ${JSON.stringify(args)}:\n  - ${problems.join('\n  - ')}`);
  return { kind, outputShape, savedBytes };
}
