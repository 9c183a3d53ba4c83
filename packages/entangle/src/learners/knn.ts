// knn: k-nearest neighbours on flattened, concatenated input blocks (cosine or euclidean); fit stores the data.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import type { Block, FitContext, FittedModel, Inputs, Json, JsonObject, Learner, OutputDescription, TrainSet } from '../core/types.js';
import { registerLearner } from '../registry/registry.js';
import { argIssues, parseArgs } from './args.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { flatInputs, type InputLayout } from './inputs.js';
import { classTargets, valueTargets } from './targets.js';
import { shapeOrUnknown, UNKNOWN_SHAPE } from './describe.js';

export const knnArgsSchema = z.strictObject({
  k: z.number().int().positive().default(1),
  /** cosine: 1 − x·y/(‖x‖‖y‖) (a zero vector is at distance 1 from everything); euclidean: ‖x − y‖. */
  metric: z.enum(['cosine', 'euclidean']).default('euclidean'),
  /** 'label' and 'probabilities' (vote shares) classify; 'value' averages the neighbours' targets. */
  output: z.enum(['label', 'probabilities', 'value']).default('label'),
  classes: z.number().int().min(2).nullable().default(null),
});
export type KnnArgs = z.output<typeof knnArgsSchema>;

interface KnnMeta {
  kind: 'knn';
  task: 'classification' | 'regression';
  /** Classes, or target values per example. */
  outDim: number;
  valueShape: number[];
  input: InputLayout;
  n: number;
}

const QUERY_CHUNK = 512;
const WHAT = "Learner 'knn'";

/** Distances [q, n] between query rows and stored rows, computed with torch in float32. */
function distances(query: torch.Tensor, stored: torch.Tensor, metric: KnnArgs['metric']): Float32Array {
  return torch.tidy(() => {
    if (metric === 'euclidean') return torch.cdist(query, stored, 2).contiguous().toTypedArray() as Float32Array;
    const q = torch.div(query, torch.clamp(torch.sqrt(torch.sum(torch.mul(query, query), { dim: 1, keepdim: true })), 1e-12));
    return torch.add(torch.neg(torch.matmul(q, torch.transpose(stored, 0, 1))), 1).contiguous().toTypedArray() as Float32Array;
  });
}

/** Indices of the k smallest values of row (ties: smaller index first), nearest first. */
function nearest(row: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < row.length; j++) {
    const d = row[j];
    if (best.length === k) {
      if (!(d < row[best[k - 1]])) continue;
      best.pop();
    }
    let at = best.length;
    best.push(j);
    while (at > 0 && d < row[best[at - 1]]) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = j;
  }
  return best;
}

class KnnModel implements FittedModel {
  private stored: torch.Tensor | null = null;

  constructor(private readonly args: KnnArgs, private readonly meta: KnnMeta, private readonly x: Float32Array, private readonly y: Float32Array) {}

  /** Stored rows as a tensor (unit-normalized for cosine), created on first use and freed by dispose. */
  private storedTensor(): torch.Tensor {
    if (this.stored === null) {
      const dim = this.meta.input.type === 'flat' ? this.meta.input.dim : 0;
      this.stored = torch.tidy(() => {
        const t = torch.tensor(this.x, [this.meta.n, dim]);
        return this.args.metric === 'cosine' ? torch.div(t, torch.clamp(torch.sqrt(torch.sum(torch.mul(t, t), { dim: 1, keepdim: true })), 1e-12)) : t.clone();
      });
    }
    return this.stored;
  }

  predict(inputs: Inputs): Block {
    const { data, n, dim } = flatInputs(inputs, WHAT, this.meta.input);
    const k = Math.min(this.args.k, this.meta.n);
    const { task, outDim } = this.meta;
    const width = this.args.output === 'label' ? 1 : outDim;
    const out = new Float32Array(n * width);
    const stored = this.storedTensor();
    for (let start = 0; start < n; start += QUERY_CHUNK) {
      const rows = Math.min(QUERY_CHUNK, n - start);
      const dist = torch.tidy(() => distances(torch.tensor(data.subarray(start * dim, (start + rows) * dim), [rows, dim]), stored, this.args.metric));
      for (let r = 0; r < rows; r++) {
        const nn = nearest(dist.subarray(r * this.meta.n, (r + 1) * this.meta.n), k);
        const o = (start + r) * width;
        if (task === 'regression') {
          for (const j of nn) for (let c = 0; c < outDim; c++) out[o + c] += this.y[j * outDim + c] / nn.length;
          continue;
        }
        const votes = new Float64Array(outDim);
        for (const j of nn) votes[this.y[j]]++;
        if (this.args.output === 'probabilities') for (let c = 0; c < outDim; c++) out[o + c] = votes[c] / nn.length;
        else {
          // most votes; ties go to the tied class whose nearest member is closest (first in `nn`)
          let label = -1;
          for (const j of nn) if (label === -1 || votes[this.y[j]] > votes[label]) label = this.y[j];
          out[o] = label;
        }
      }
    }
    const shape = this.args.output === 'label' ? [n] : this.args.output === 'value' ? [n, ...this.meta.valueShape] : [n, outDim];
    return { shape, data: out };
  }

  save(): Uint8Array {
    return encodeCheckpoint(this.meta as unknown as Json, {
      x: { dtype: 'float32', shape: [this.meta.n, this.x.length / Math.max(1, this.meta.n)], data: this.x },
      y: { dtype: 'float32', shape: [this.y.length], data: this.y },
    });
  }

  dispose(): void {
    this.stored?.dispose();
    this.stored = null;
  }
}

function checkOutput(args: KnnArgs, task: 'classification' | 'regression', where: string): void {
  if ((task === 'regression') !== (args.output === 'value')) {
    throw new ContractError(`${where}: output '${args.output}' does not match a ${task} model; use 'value' for regression, 'label' or 'probabilities' for classes.`);
  }
}

export const knn: Learner = {
  kind: 'knn',

  async fit(train: TrainSet, rawArgs: JsonObject, ctx: FitContext): Promise<FittedModel> {
    const where = `${WHAT} (model '${ctx.model}')`;
    const args = parseArgs(knnArgsSchema, rawArgs, WHAT, ctx.model);
    const { data, n, layout } = flatInputs(train.inputs, where);
    if (n === 0) throw new ContractError(`${where}: the training set is empty; k-NN needs stored examples.`);
    if (args.output === 'value') {
      const { values, dim, exampleShape } = valueTargets(train, where);
      const meta: KnnMeta = { kind: 'knn', task: 'regression', outDim: dim, valueShape: exampleShape, input: layout, n };
      return new KnnModel(args, meta, Float32Array.from(data), Float32Array.from(values));
    }
    const { labels, classes } = classTargets(train, where, args.classes);
    const meta: KnnMeta = { kind: 'knn', task: 'classification', outDim: classes, valueShape: [], input: layout, n };
    return new KnnModel(args, meta, Float32Array.from(data), Float32Array.from(labels));
  },

  load(bytes: Uint8Array, rawArgs: JsonObject): FittedModel {
    const args = parseArgs(knnArgsSchema, rawArgs, WHAT);
    const { meta, tensors } = decodeCheckpoint(bytes, WHAT);
    const m = meta as unknown as KnnMeta;
    if (m?.kind !== 'knn' || !tensors.x || !tensors.y) throw new ContractError(`${WHAT}: these bytes were not saved by knn; load them with the learner that saved them.`);
    checkOutput(args, m.task, WHAT);
    return new KnnModel(args, m, tensors.x.data as Float32Array, tensors.y.data as Float32Array);
  },

  checkInputs: (_args, inputs) => inputs.filter((b) => b.shape === 'records').map((b) => `input '${b.name}' holds records; knn reads dense blocks only`),

  checkArgs: (args) => argIssues(knnArgsSchema, args),

  describeOutput(rawArgs: JsonObject): OutputDescription {
    const args = parseArgs(knnArgsSchema, rawArgs, WHAT);
    if (args.output === 'label') return { kind: 'label', shape: [] };
    if (args.output === 'probabilities') return { kind: 'probabilities', shape: shapeOrUnknown(args.classes === null ? null : [args.classes]) };
    return { kind: 'value', shape: UNKNOWN_SHAPE };
  },
};

registerLearner(knn);
