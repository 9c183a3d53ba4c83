// Test loss 'pseudo-lidar-depth-mae' of r: how far the kept points' depths are from the ground truth.
import { z } from 'zod';
import { ContractError } from '../../core/errors.js';
import type { Block, Dataset, JsonObject, Outputs, TestLoss } from '../../core/types.js';
import { argIssues, parseArgs } from '../../learners/args.js';
import { targetField } from '../../losses/read.js';
import { registerLoss } from '../../registry/registry.js';

const schema = z.strictObject({});

/**
 * ℓ_r = (1/K) Σ_k |z_k − z*_k| over the K kept points of the organized clouds [n, 3, H, W] (channel 2 = z), with z*
 * the target depth of the point's pixel; 0 when no point is kept. Documents r only (r has no alternative to judge).
 */
export const pseudoLidarDepthMae: TestLoss = {
  kind: 'pseudo-lidar-depth-mae',
  accepts: ['points'],
  evaluate(pred: Outputs, test: Dataset, target: string, rawArgs: JsonObject): number {
    parseArgs(schema, rawArgs, "Loss 'pseudo-lidar-depth-mae'");
    const b = pred as Block;
    if (!(b.data instanceof Float32Array) || b.shape.length !== 4 || b.shape[1] !== 3) {
      throw new ContractError(`Loss 'pseudo-lidar-depth-mae': expected organized clouds [n, 3, H, W]; got ${b.data instanceof Float32Array ? `[${b.shape.join(', ')}]` : 'records'}.`);
    }
    const [n, , H, W] = b.shape;
    const { field, width } = targetField(test, target, 'pseudo-lidar-depth-mae');
    if (n !== test.size || width !== H * W) throw new ContractError(`Loss 'pseudo-lidar-depth-mae': ${n} clouds of ${H} × ${W} against ${test.size} depth maps of ${width} pixels.`);
    const hw = H * W;
    let sum = 0, count = 0;
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < hw; p++) {
        const z = b.data[(i * 3 + 2) * hw + p];
        if (Number.isNaN(z)) continue;
        sum += Math.abs(z - field.data[i * hw + p]);
        count++;
      }
    }
    return count === 0 ? 0 : sum / count;
  },
  checkArgs: (args) => argIssues(schema, args),
};

registerLoss(pseudoLidarDepthMae);

/**
 * ℓ_r = 0 for every prediction: r is not learned and the paper gives it no test loss, so the systems use this one and
 * Definition 2.1 judges only u and the retrained detectors. (A depth error of r's points would just re-weight u's
 * error and could call r "deteriorated" although nothing downstream was retrained.)
 */
export const notLearnedLoss: TestLoss = {
  kind: 'not-learned',
  accepts: ['points'],
  evaluate(pred: Outputs, test: Dataset): number {
    const b = pred as Block;
    if (!(b.data instanceof Float32Array) || b.shape[0] !== test.size) {
      throw new ContractError(`Loss 'not-learned': expected r's organized clouds with one row per test example (${test.size}); got ${b.data instanceof Float32Array ? `[${b.shape.join(', ')}]` : 'records'}.`);
    }
    return 0;
  },
  checkArgs: (args) => argIssues(schema, args),
};

registerLoss(notLearnedLoss);
