// frozen: a fixed model that training cannot change (a registered function, or a saved checkpoint of any
// learner) — the model a cloud provider ships. fit ignores the training data and returns the same model.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ContractError, EntangleError } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { FitContext, FittedModel, Inputs, Json, JsonObject, Learner, OutputDescription, Outputs, TrainSet } from '../core/types.js';
import { getLearner, registerLearner } from '../registry/registry.js';
import { argIssues, parseArgs } from './args.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { flatInputs } from './inputs.js';
import { UNKNOWN_SHAPE } from './describe.js';

/** A fixed function of the inputs, registered by name so that a frozen model's spec stays JSON. */
export interface FrozenFunction {
  /** Output kind and per-example shape (UNKNOWN_SHAPE when it depends on the inputs). */
  output: OutputDescription;
  predict(inputs: Inputs, args: JsonObject): Outputs;
}

const functions = new Map<string, FrozenFunction>();

/** Makes a fixed function available to `frozen` models as args.function = name. */
export function registerFrozenFunction(name: string, fn: FrozenFunction, options: { replace?: boolean } = {}): void {
  if (functions.has(name) && options.replace !== true) throw new EntangleError(`A frozen function named '${name}' is already registered. Pick another name, or pass { replace: true }.`);
  functions.set(name, fn);
}

function getFrozenFunction(name: string, where: string): FrozenFunction {
  const fn = functions.get(name);
  if (fn) return fn;
  const known = [...functions.keys()].sort();
  const hint = closest(name, known);
  throw new ContractError(`${where}: no frozen function named '${name}'.${hint ? ` Did you mean '${hint}'?` : ''} Registered: ${listNames(known)}. Register it with registerFrozenFunction(name, fn) before fitting.`);
}

/** 'identity': the flattened, concatenated input blocks as features (a fixed, parameter-free feature map). */
registerFrozenFunction('identity', {
  output: { kind: 'features', shape: UNKNOWN_SHAPE },
  predict(inputs) {
    const { data, n, dim } = flatInputs(inputs, "frozen function 'identity'");
    return { shape: [n, dim], data: Float32Array.from(data) };
  },
});

const checkpointSchema = z.strictObject({
  /** File holding bytes written by that learner's save(). */
  path: z.string().min(1),
  /** The learner that saved the file, and the args to load it with. */
  kind: z.string().min(1),
  args: z.record(z.string(), z.json()).default({}),
});

export const frozenArgsSchema = z
  .strictObject({
    /** Name of a registered fixed function. */
    function: z.string().min(1).nullable().default(null),
    /** Args passed to the function. */
    functionArgs: z.record(z.string(), z.json()).default({}),
    /** A saved model of any registered learner, loaded once at fit. */
    checkpoint: checkpointSchema.nullable().default(null),
  })
  .refine((a) => (a.function === null) !== (a.checkpoint === null), { message: "give exactly one of 'function' and 'checkpoint'" });
export type FrozenArgs = z.output<typeof frozenArgsSchema>;

const WHAT = "Learner 'frozen'";

interface FrozenMeta {
  kind: 'frozen';
  source: 'function' | 'checkpoint';
}

class FrozenModel implements FittedModel {
  constructor(private readonly args: FrozenArgs, private readonly fn: FrozenFunction | null, private readonly inner: FittedModel | null, private readonly innerBytes: Uint8Array | null) {}

  predict(inputs: Inputs): Outputs {
    return this.fn ? this.fn.predict(inputs, this.args.functionArgs as JsonObject) : this.inner!.predict(inputs);
  }

  /** The function's name lives in args; a checkpoint's bytes are embedded so the saved model never needs the file again. */
  save(): Uint8Array {
    const meta: FrozenMeta = { kind: 'frozen', source: this.fn ? 'function' : 'checkpoint' };
    const bytes = this.innerBytes ?? new Uint8Array(0);
    return encodeCheckpoint(meta as unknown as Json, { inner: { dtype: 'uint8', shape: [bytes.length], data: bytes } });
  }

  dispose(): void {
    this.inner?.dispose();
  }
}

function open(args: FrozenArgs, innerBytes: Uint8Array | null, where: string): FrozenModel {
  if (args.function !== null) return new FrozenModel(args, getFrozenFunction(args.function, where), null, null);
  const c = args.checkpoint!;
  let bytes = innerBytes;
  if (bytes === null) {
    try {
      bytes = new Uint8Array(readFileSync(c.path));
    } catch (err) {
      throw new ContractError(`${where}: cannot read checkpoint '${c.path}' (${(err as Error).message}). Check args.checkpoint.path.`);
    }
  }
  return new FrozenModel(args, null, getLearner(c.kind).load(bytes, c.args as JsonObject), bytes);
}

export const frozen: Learner = {
  kind: 'frozen',

  async fit(_train: TrainSet, rawArgs: JsonObject, ctx: FitContext): Promise<FittedModel> {
    const args = parseArgs(frozenArgsSchema, rawArgs, WHAT, ctx.model);
    return open(args, null, `${WHAT} (model '${ctx.model}')`);
  },

  load(bytes: Uint8Array, rawArgs: JsonObject): FittedModel {
    const args = parseArgs(frozenArgsSchema, rawArgs, WHAT);
    const { meta, tensors } = decodeCheckpoint(bytes, WHAT);
    if ((meta as unknown as FrozenMeta)?.kind !== 'frozen') throw new ContractError(`${WHAT}: these bytes were not saved by a frozen model.`);
    return open(args, args.checkpoint ? (tensors.inner.data as Uint8Array) : null, WHAT);
  },

  checkArgs: (args) => argIssues(frozenArgsSchema, args),

  describeOutput(rawArgs: JsonObject, inputShapes: number[][]): OutputDescription {
    const args = parseArgs(frozenArgsSchema, rawArgs, WHAT);
    if (args.function !== null) return getFrozenFunction(args.function, WHAT).output;
    const inner = getLearner(args.checkpoint!.kind);
    return inner.describeOutput ? inner.describeOutput(args.checkpoint!.args as JsonObject, inputShapes) : { kind: String(args.checkpoint!.args.output ?? 'features'), shape: UNKNOWN_SHAPE };
  },
};

registerLearner(frozen);
