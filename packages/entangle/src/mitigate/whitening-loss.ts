// whitening-error: the test loss of an inserted whiten node — how far its outputs on the test set are from white.
import { ContractError } from '../core/errors.js';
import type { Block, Dataset, JsonObject, Outputs, TestLoss } from '../core/types.js';
import { registerLoss } from '../registry/registry.js';

/**
 * ℓ = (1/d²) ‖Ĉ − I‖²_F, with Ĉ = (1/n) Σ_i (ŷ_i − ȳ)(ŷ_i − ȳ)ᵀ the covariance of the d-dimensional predictions on
 * the test set: 0 when the training-set statistics also whiten the test outputs. The target field is not read.
 */
export const whiteningError: TestLoss = {
  kind: 'whitening-error',
  accepts: ['features', 'value', 'probabilities', 'logits'],
  evaluate(pred: Outputs, test: Dataset, _targetField: string, _args: JsonObject): number {
    const block = pred as Block;
    if (!(block.data instanceof Float32Array)) throw new ContractError("Loss 'whitening-error': expected a dense prediction block, got records.");
    const n = block.shape[0];
    if (n !== test.size) throw new ContractError(`Loss 'whitening-error': prediction has ${n} rows; the test set has ${test.size} examples.`);
    if (n < 2) throw new ContractError(`Loss 'whitening-error': needs at least 2 test examples, got ${n}.`);
    const d = block.data.length / n;
    const mu = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] += block.data[i * d + j] / n;
    const cov = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const a = block.data[i * d + j] - mu[j];
        for (let k = 0; k < d; k++) cov[j * d + k] += (a * (block.data[i * d + k] - mu[k])) / n;
      }
    }
    let s = 0;
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) s += (cov[j * d + k] - (j === k ? 1 : 0)) ** 2;
    return s / (d * d);
  },
  checkArgs: (args) => Object.keys(args ?? {}).map((k) => `unknown arg '${k}' (whitening-error takes no args)`),
};

registerLoss(whiteningError);
