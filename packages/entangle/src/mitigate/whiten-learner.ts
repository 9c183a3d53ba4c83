// whiten: a non-learned transform inserted after an upstream model (paper §7, "whitening feature
// representations"): it centres and whitens its inputs with the mean and covariance of its training set.
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import type { Block, FitContext, FittedModel, InputDescription, Inputs, Json, JsonObject, Learner, OutputDescription, TrainSet } from '../core/types.js';
import { argIssues, parseArgs } from '../learners/args.js';
import { decodeCheckpoint, encodeCheckpoint } from '../learners/checkpoint.js';
import { UNKNOWN_SHAPE } from '../learners/describe.js';
import { flatInputs, type InputLayout } from '../learners/inputs.js';
import { registerLearner } from '../registry/registry.js';
import { symmetricEigen } from './symmetric-eigen.js';

export const whitenArgsSchema = z.strictObject({
  /** 'zca': W = Σ^(-1/2) (Bell & Sejnowski 1997; Krizhevsky 2009); 'standardize': per-feature z-scores only. */
  method: z.enum(['zca', 'standardize']).default('zca'),
  /** Added to every eigenvalue (variance) before the inverse square root, so constant directions stay finite. */
  epsilon: z.number().positive().default(1e-5),
});
export type WhitenArgs = z.output<typeof whitenArgsSchema>;

const WHAT = "Learner 'whiten'";

interface WhitenMeta {
  kind: 'whiten';
  method: WhitenArgs['method'];
  dim: number;
  input: InputLayout;
}

/** y = (x − μ) W, computed in float64 per example; W is symmetric. */
class WhitenModel implements FittedModel {
  constructor(private readonly meta: WhitenMeta, private readonly mu: Float64Array, private readonly w: Float64Array) {}

  predict(inputs: Inputs): Block {
    const { data, n, dim } = flatInputs(inputs, WHAT, this.meta.input);
    const out = new Float32Array(n * dim);
    const centred = new Float64Array(dim);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) centred[j] = data[i * dim + j] - this.mu[j];
      for (let k = 0; k < dim; k++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += centred[j] * this.w[j * dim + k];
        out[i * dim + k] = s;
      }
    }
    return { shape: [n, dim], data: out };
  }

  save(): Uint8Array {
    const d = this.meta.dim;
    return encodeCheckpoint(this.meta as unknown as Json, {
      mean: { dtype: 'float64', shape: [d], data: this.mu },
      matrix: { dtype: 'float64', shape: [d, d], data: this.w },
    });
  }

  dispose(): void {}
}

/** Mean μ and covariance Σ = (1/n) Σ_i (x_i − μ)(x_i − μ)ᵀ of the rows, in float64. */
function moments(data: Float32Array, n: number, d: number): { mu: Float64Array; cov: Float64Array } {
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mu[j] /= n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = data[i * d + j] - mu[j];
    for (let j = 0; j < d; j++) for (let k = j; k < d; k++) cov[j * d + k] += row[j] * row[k];
  }
  for (let j = 0; j < d; j++) for (let k = j; k < d; k++) cov[k * d + j] = cov[j * d + k] /= n;
  return { mu, cov };
}

/** ZCA: W = U diag(1/√(λ + ε)) Uᵀ; standardize: W = diag(1/√(Σ_jj + ε)). */
function whiteningMatrix(cov: Float64Array, d: number, args: WhitenArgs): Float64Array {
  const w = new Float64Array(d * d);
  if (args.method === 'standardize') {
    for (let j = 0; j < d; j++) w[j * d + j] = 1 / Math.sqrt(Math.max(cov[j * d + j], 0) + args.epsilon);
    return w;
  }
  const { values, vectors } = symmetricEigen(cov, d);
  const scale = Array.from(values, (l) => 1 / Math.sqrt(Math.max(l, 0) + args.epsilon));
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      let s = 0;
      for (let e = 0; e < d; e++) s += vectors[j * d + e] * scale[e] * vectors[k * d + e];
      w[j * d + k] = s;
      w[k * d + j] = s;
    }
  }
  return w;
}

export const whiten: Learner = {
  kind: 'whiten',

  async fit(train: TrainSet, rawArgs: JsonObject, ctx: FitContext): Promise<FittedModel> {
    const where = `${WHAT} (model '${ctx.model}')`;
    const args = parseArgs(whitenArgsSchema, rawArgs, WHAT, ctx.model);
    const { data, n, dim, layout } = flatInputs(train.inputs, where);
    if (n < 2) throw new ContractError(`${where}: needs at least 2 training examples to estimate a covariance, got ${n}.`);
    const { mu, cov } = moments(data, n, dim);
    return new WhitenModel({ kind: 'whiten', method: args.method, dim, input: layout }, mu, whiteningMatrix(cov, dim, args));
  },

  load(bytes: Uint8Array, rawArgs: JsonObject): FittedModel {
    parseArgs(whitenArgsSchema, rawArgs, WHAT);
    const { meta, tensors } = decodeCheckpoint(bytes, WHAT);
    const m = meta as unknown as WhitenMeta;
    if (m?.kind !== 'whiten') throw new ContractError(`${WHAT}: these bytes were not saved by a whiten model (kind '${String((meta as JsonObject)?.kind)}').`);
    return new WhitenModel(m, Float64Array.from(tensors.mean.data as Float64Array), Float64Array.from(tensors.matrix.data as Float64Array));
  },

  checkArgs: (args) => argIssues(whitenArgsSchema, args),

  describeOutput(_args: JsonObject, inputShapes: number[][], inputs?: InputDescription[]): OutputDescription {
    if (inputs?.some((i) => i.shape === 'unknown' || i.shape === 'records')) return { kind: 'features', shape: UNKNOWN_SHAPE };
    return { kind: 'features', shape: [inputShapes.reduce((a, s) => a + s.reduce((x, y) => x * y, 1), 0)] };
  },

  checkInputs(_args: JsonObject, inputs: InputDescription[]): string[] {
    return inputs.filter((i) => i.shape === 'records').map((i) => `input '${i.name}' holds records; whiten reads dense blocks (features, values, probabilities, labels)`);
  },
};

registerLearner(whiten);
