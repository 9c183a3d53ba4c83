// The shared machinery of every torch-network learner: args, reading inputs and targets, training with the
// one loop, predicting per `output`, save/load. Each concrete learner only declares how to build its network.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import type { Block, FitContext, FittedModel, InputDescription, Inputs, Json, JsonObject, Learner, OutputDescription, TrainSet } from '../core/types.js';
import { trainArgsSchema, type TrainArgs } from '../train/args.js';
import { trainModule, type TrainReport } from '../train/loop.js';
import { argIssues, parseArgs } from './args.js';
import { decodeCheckpoint, encodeCheckpoint, loadStateDict, storeStateDict } from './checkpoint.js';
import { flatInputs, imageInputs, type InputLayout } from './inputs.js';
import { classTargets, valueTargets } from './targets.js';
import { shapeOrUnknown, UNKNOWN_SHAPE } from './describe.js';

export type OutputMode = 'label' | 'probabilities' | 'logits' | 'value' | 'features';
export type Task = 'classification' | 'regression';

/** Args every network learner accepts (spread into each learner's strict schema). */
export const netArgsShape = {
  /** What predict emits: 'label' (argmax as a float), 'probabilities' (softmax), 'logits', 'value' (regression), 'features'. */
  output: z.enum(['label', 'probabilities', 'logits', 'value', 'features']).default('label'),
  /** Training objective; default: 'regression' (MSE) when output is 'value', else 'classification' (cross-entropy). */
  task: z.enum(['classification', 'regression']).nullable().default(null),
  /** Number of classes; default: max training label + 1. */
  classes: z.number().int().min(2).nullable().default(null),
  /** The training loop's args (optimizer, lr, epochs, batch size, schedule, holdout, augmentation). */
  train: trainArgsSchema.prefault({}),
};

export interface NetArgs {
  output: OutputMode;
  task: Task | null;
  classes: number | null;
  train: TrainArgs;
  /** Image learners only: read flat blocks as images of this [C, H, W]. */
  imageShape?: number[] | null;
}

/** A network built by a learner: the module, its head output [B, outDim], and optionally its features [B, F]. */
export interface Net {
  module: torch.nn.Module;
  forward(x: torch.Tensor): torch.Tensor;
  features?(x: torch.Tensor): torch.Tensor;
}

/** Facts about a fitted network that are not weights; stored in the checkpoint header. */
export interface NetMeta {
  kind: string;
  task: Task;
  /** Number of classes (classification) or of target values per example (regression). */
  outDim: number;
  /** Per-example shape of 'value' outputs (the target's shape without the example axis). */
  valueShape: number[];
  input: InputLayout;
}

/** What a concrete network learner declares. */
export interface NetLearnerDefinition<A extends NetArgs> {
  kind: string;
  schema: z.ZodType<A, unknown>;
  /** 'flat': flatten + concatenate every block; 'image': exactly one image block [C, H, W]. */
  reads: 'flat' | 'image';
  /** Tasks the learner supports (e.g. logistic regression: classification only). */
  tasks: Task[];
  /** Builds the network (weights drawn from torch's seeded generator). */
  build(args: A, input: InputLayout, outDim: number, where: string): Net;
  /** Per-example width of 'features' for this input, or null when the learner has no features. */
  featureDim(args: A, input: InputLayout): number | null;
  /** Fits without the training loop (e.g. closed-form least squares) when it returns true; the report is then null. */
  solve?(net: Net, x: torch.Tensor, y: torch.Tensor, args: A, where: string): boolean;
}

const PREDICT_BATCH = 1024;

function taskOf(args: NetArgs): Task {
  return args.task ?? (args.output === 'value' ? 'regression' : 'classification');
}

function checkCombination<A extends NetArgs>(def: NetLearnerDefinition<A>, args: A, where: string): Task {
  const task = taskOf(args);
  if (!def.tasks.includes(task)) throw new ContractError(`${where}: task '${task}' is not supported; this learner does ${def.tasks.join(' or ')}. Set arg output/task accordingly.`);
  if (task === 'regression' && (args.output === 'label' || args.output === 'probabilities' || args.output === 'logits')) {
    throw new ContractError(`${where}: output '${args.output}' needs a classifier, but the task is regression. Use output 'value' (or 'features'), or task 'classification'.`);
  }
  if (task === 'classification' && args.output === 'value') {
    throw new ContractError(`${where}: output 'value' needs task 'regression'; a classifier emits 'label', 'probabilities', 'logits' or 'features'.`);
  }
  return task;
}

/** A fitted network; predict/save/dispose, plus the training report as plain data. */
export class NetModel<A extends NetArgs> implements FittedModel {
  private disposed = false;

  constructor(
    private readonly def: NetLearnerDefinition<A>,
    private readonly args: A,
    readonly meta: NetMeta,
    private readonly net: Net,
    /** Per-epoch history (and per-example losses when asked); null after a closed-form solve or a load. */
    readonly report: TrainReport | null,
  ) {}

  private where(): string {
    return `Learner '${this.def.kind}'`;
  }

  predict(inputs: Inputs): Block {
    if (this.disposed) throw new ContractError(`${this.where()}: predict called after dispose().`);
    const where = this.where();
    const { data, n, perExample } = readInputs(this.def.reads, inputs, where, this.args.imageShape ?? null, this.meta.input);
    const mode = this.args.output;
    const width = outputWidth(this.def, this.args, this.meta);
    const out = new Float32Array(n * width);
    const per = perExample.reduce((a, b) => a * b, 1);
    this.net.module.eval();
    for (let start = 0; start < n; start += PREDICT_BATCH) {
      const rows = Math.min(PREDICT_BATCH, n - start);
      const values = torch.tidy(() =>
        torch.noGrad(() => {
          const x = torch.tensor(data.subarray(start * per, (start + rows) * per), [rows, ...perExample]);
          let y: torch.Tensor;
          if (mode === 'features') y = this.net.features!(x);
          else {
            const head = this.net.forward(x);
            y = mode === 'label' ? torch.argmax(head, { dim: 1 }).to('float32')
              : mode === 'probabilities' ? torch.nn.functional.softmax(head, 1)
              : head;
          }
          return y.contiguous().toTypedArray() as Float32Array;
        }),
      );
      if (values.length !== rows * width) throw new ContractError(`${where}: the network emitted ${values.length} values for ${rows} examples; expected ${rows * width} (output '${mode}').`);
      out.set(values, start * width);
    }
    return { shape: [n, ...outputShape(this.def, this.args, this.meta)], data: out };
  }

  save(): Uint8Array {
    if (this.disposed) throw new ContractError(`${this.where()}: save called after dispose().`);
    return encodeCheckpoint(this.meta as unknown as Json, storeStateDict(this.net.module));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.net.module.dispose();
  }
}

function readInputs(reads: 'flat' | 'image', inputs: Inputs, where: string, imageShape: number[] | null, expected?: InputLayout): { data: Float32Array; n: number; perExample: number[]; layout: InputLayout } {
  if (reads === 'flat') {
    const r = flatInputs(inputs, where, expected);
    return { data: r.data, n: r.n, perExample: [r.dim], layout: r.layout };
  }
  const r = imageInputs(inputs, where, imageShape, expected);
  return { data: r.data, n: r.n, perExample: r.shape, layout: r.layout };
}

function outputShape<A extends NetArgs>(def: NetLearnerDefinition<A>, args: A, meta: NetMeta): number[] {
  switch (args.output) {
    case 'label': return [];
    case 'value': return meta.valueShape;
    case 'features': return [def.featureDim(args, meta.input)!];
    default: return [meta.outDim];
  }
}

function outputWidth<A extends NetArgs>(def: NetLearnerDefinition<A>, args: A, meta: NetMeta): number {
  return outputShape(def, args, meta).reduce((a, b) => a * b, 1);
}

function perExampleLoss(task: Task): (out: torch.Tensor, y: torch.Tensor) => torch.Tensor {
  if (task === 'classification') return (out, y) => torch.nn.functional.crossEntropy(out, y, { reduction: 'none' });
  return (out, y) => torch.mean(torch.nn.functional.mseLoss(out, y, { reduction: 'none' }), { dim: 1 });
}

/** Learner for a network definition: registers under def.kind. */
export function netLearner<A extends NetArgs>(def: NetLearnerDefinition<A>): Learner {
  const what = `Learner '${def.kind}'`;
  const parse = (args: JsonObject, model?: string): A => parseArgs(def.schema, args, what, model) as A;
  const checkFeatures = (args: A, input: InputLayout, where: string): void => {
    if (args.output === 'features' && def.featureDim(args, input) === null) {
      throw new ContractError(`${where}: output 'features' is not available for this configuration (e.g. an mlp without hidden layers). Choose another output.`);
    }
  };
  return {
    kind: def.kind,

    async fit(train: TrainSet, rawArgs: JsonObject, ctx: FitContext): Promise<FittedModel> {
      const where = `${what} (model '${ctx.model}')`;
      const args = parse(rawArgs, ctx.model);
      const task = checkCombination(def, args, where);
      if (ctx.threads) torch.setNumThreads(ctx.threads);
      const { data, n, perExample, layout } = readInputs(def.reads, train.inputs, where, args.imageShape ?? null);
      checkFeatures(args, layout, where);
      let meta: NetMeta;
      let yTensor: () => torch.Tensor;
      if (task === 'classification') {
        const { labels, classes } = classTargets(train, where, args.classes);
        meta = { kind: def.kind, task, outDim: classes, valueShape: [], input: layout };
        yTensor = () => torch.tensor(labels, [n], { dtype: 'int64' });
      } else {
        const { values, dim, exampleShape } = valueTargets(train, where);
        meta = { kind: def.kind, task, outDim: dim, valueShape: exampleShape, input: layout };
        yTensor = () => torch.tensor(values, [n, dim]);
      }
      torch.manualSeed(ctx.seed);
      const net = def.build(args, layout, meta.outDim, where);
      const x = torch.tensor(data, [n, ...perExample]);
      const y = yTensor();
      let report: TrainReport | null = null;
      try {
        const solved = def.solve?.(net, x, y, args, where) ?? false;
        if (!solved) report = await trainModule({ module: net.module, forward: (b) => net.forward(b), exampleLosses: perExampleLoss(task), x, y }, args.train, ctx);
        net.module.eval();
      } catch (err) {
        net.module.dispose();
        throw err;
      } finally {
        x.dispose();
        y.dispose();
      }
      return new NetModel(def, args, meta, net, report);
    },

    load(bytes: Uint8Array, rawArgs: JsonObject): FittedModel {
      const args = parse(rawArgs);
      const { meta, tensors } = decodeCheckpoint(bytes, what);
      const m = meta as unknown as NetMeta;
      if (m === null || typeof m !== 'object' || m.kind !== def.kind) {
        throw new ContractError(`${what}: the checkpoint was saved by learner '${(m as NetMeta | null)?.kind ?? '?'}'; load it with that learner.`);
      }
      checkCombination(def, args, what);
      checkFeatures(args, m.input, what);
      if (taskOf(args) !== m.task) throw new ContractError(`${what}: the checkpoint holds a ${m.task} model but the args ask for ${taskOf(args)}; load with the args used to fit it.`);
      const net = def.build(args, m.input, m.outDim, what);
      try {
        loadStateDict(net.module, tensors);
      } catch (err) {
        net.module.dispose();
        throw new ContractError(`${what}: the checkpoint does not fit the network built from these args (${(err as Error).message}). Load with the args used to fit it.`);
      }
      net.module.eval();
      return new NetModel(def, args, m, net, null);
    },

    checkArgs(args: JsonObject): string[] {
      return argIssues(def.schema, args);
    },

    describeOutput(rawArgs: JsonObject, inputShapes: number[][]): OutputDescription {
      const args = parse(rawArgs);
      const kind = args.output;
      if (kind === 'label') return { kind, shape: [] };
      if (kind === 'probabilities' || kind === 'logits') return { kind, shape: shapeOrUnknown(args.classes === null ? null : [args.classes]) };
      if (kind === 'value') return { kind, shape: UNKNOWN_SHAPE };
      const layout: InputLayout | null = def.reads === 'flat'
        ? { type: 'flat', dim: inputShapes.reduce((a, s) => a + s.reduce((p, d) => p * d, 1), 0), blocks: inputShapes.map((s) => s.reduce((p, d) => p * d, 1)) }
        : imageLayout(inputShapes, args.imageShape ?? null);
      const dim = layout ? def.featureDim(args, layout) : null;
      return { kind, shape: shapeOrUnknown(dim === null ? null : [dim]) };
    },

    checkInputs(rawArgs: JsonObject, inputs: InputDescription[]): string[] {
      const problems: string[] = [];
      for (const b of inputs) if (b.shape === 'records') problems.push(`input '${b.name}' holds records; ${def.kind} reads dense blocks only`);
      if (def.reads === 'image' && inputs.length !== 1) problems.push(`${def.kind} reads exactly one image block; got ${inputs.length} (${inputs.map((b) => b.name).join(', ') || 'none'})`);
      const only = inputs[0];
      if (def.reads === 'image' && inputs.length === 1 && Array.isArray(only.shape)) {
        let imageShape: number[] | null = null;
        try {
          imageShape = parse(rawArgs).imageShape ?? null;
        } catch { /* args problems are reported by checkArgs */ }
        if (imageLayout([only.shape], imageShape) === null) problems.push(`input '${only.name}' has per-example shape [${only.shape.join(', ')}]; ${def.kind} needs [C, H, W] or [H, W] (or arg imageShape)`);
      }
      return problems;
    },
  };
}

function imageLayout(inputShapes: number[][], imageShape: number[] | null): InputLayout | null {
  if (inputShapes.length !== 1) return null;
  const s = inputShapes[0];
  if (imageShape) return s.reduce((a, b) => a * b, 1) === imageShape.reduce((a, b) => a * b, 1) ? { type: 'image', shape: [imageShape[0], imageShape[1], imageShape[2]] } : null;
  if (s.length === 3) return { type: 'image', shape: [s[0], s[1], s[2]] };
  if (s.length === 2) return { type: 'image', shape: [1, s[0], s[1]] };
  return null;
}
