// nearest-neighbour-error: the paper's loss for feature-producing models — 1-NN error between two fixed halves of the test set.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import type { Dataset, JsonObject, Outputs, TestLoss } from '../core/types.js';
import { registerLoss } from '../registry/registry.js';
import { argIssues, parseArgs } from '../learners/args.js';
import { createRng, permutation } from '../train/random.js';
import { predBlock, targetLabels } from './read.js';

const schema = z.strictObject({
  /** Seed of the fixed permutation that splits the test set (0, as the reference code's np.random.seed(0)). */
  seed: z.number().int().min(0).default(0),
  /** cosine (the reference code's sklearn cosine_distances) or euclidean. */
  metric: z.enum(['cosine', 'euclidean']).default('cosine'),
  /** Query rows per distance block (memory: chunk × n/2 floats). */
  chunk: z.number().int().positive().default(1024),
});

/**
 * Permute the n test examples with a fixed seed; the first ⌊n/2⌋ are the reference half R, the rest the query
 * half Q. Each q ∈ Q takes the label of its nearest r ∈ R (cosine: largest x_q·x_r/(‖x_q‖‖x_r‖); ties: first r
 * in permuted order). ℓ = (1/|Q|) Σ_q 1[y_{nn(q)} ≠ y_q]. Source: paper Appendix B; reference utils.test_by_nn.
 */
export const nearestNeighbourError: TestLoss = {
  kind: 'nearest-neighbour-error',
  accepts: ['features', 'probabilities', 'logits', 'value'],
  evaluate(pred: Outputs, test: Dataset, target: string, rawArgs: JsonObject): number {
    const args = parseArgs(schema, rawArgs, "Loss 'nearest-neighbour-error'");
    const { block, width } = predBlock(pred, test, 'nearest-neighbour-error');
    const y = targetLabels(test, target, 'nearest-neighbour-error');
    const n = test.size;
    if (n < 2) throw new ContractError(`Loss 'nearest-neighbour-error': needs at least 2 test examples to split into halves; got ${n}.`);
    const perm = permutation(n, createRng(args.seed));
    const half = Math.floor(n / 2);
    const refIdx = perm.slice(0, half);
    const queryIdx = perm.slice(half);
    const neighbours = torch.tidy(() => {
      const all = torch.tensor(block.data, [n, width]);
      const normalize = (t: torch.Tensor): torch.Tensor =>
        args.metric === 'cosine' ? torch.div(t, torch.clamp(torch.sqrt(torch.sum(torch.mul(t, t), { dim: 1, keepdim: true })), 1e-12)) : t;
      const ref = normalize(torch.indexSelect(all, 0, torch.tensor(refIdx, [half], { dtype: 'int64' })));
      const refT = torch.transpose(ref, 0, 1);
      const out = new Int32Array(queryIdx.length);
      for (let start = 0; start < queryIdx.length; start += args.chunk) {
        const rows = queryIdx.subarray(start, Math.min(queryIdx.length, start + args.chunk));
        const nn = torch.tidy(() => {
          const q = normalize(torch.indexSelect(all, 0, torch.tensor(rows, [rows.length], { dtype: 'int64' })));
          const best = args.metric === 'cosine' ? torch.argmax(torch.matmul(q, refT), { dim: 1 }) : torch.argmin(torch.cdist(q, ref, 2), { dim: 1 });
          return best.toTypedArray() as BigInt64Array;
        });
        for (let i = 0; i < nn.length; i++) out[start + i] = Number(nn[i]);
      }
      return out;
    });
    let wrong = 0;
    for (let i = 0; i < queryIdx.length; i++) if (y[refIdx[neighbours[i]]] !== y[queryIdx[i]]) wrong++;
    return wrong / queryIdx.length;
  },
  checkArgs: (args) => argIssues(schema, args),
};

registerLoss(nearestNeighbourError);
