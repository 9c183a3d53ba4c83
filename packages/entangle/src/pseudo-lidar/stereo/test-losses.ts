// Test loss 'disparity-mae' (paper App. A): the disparity error of a depth prediction, scored against ground-truth depth.
import { z } from 'zod';
import { ContractError } from '../../core/errors.js';
import type { Dataset, JsonObject, Outputs, TestLoss } from '../../core/types.js';
import { argIssues, parseArgs } from '../../learners/args.js';
import { predBlock, targetField } from '../../losses/read.js';
import { registerLoss } from '../../registry/registry.js';
import { kittiCalibration } from '../geometry/calib.js';
import { disparityMae } from './metrics.js';

const schema = z.strictObject({
  /** Image scale s of the world: the disparities are image pixels at that scale (f_u = 721.5377·s). */
  scale: z.number().positive().max(1),
  baseline: z.number().positive().default(0.54),
  /** Evaluated ground truth: minDepth ≤ z < maxDepth (m). */
  minDepth: z.number().positive().default(1),
  maxDepth: z.number().positive().default(80),
});

/**
 * ℓ = (1/M) Σ |f_u·B/ẑ − f_u·B/z| over the M pixels with minDepth ≤ z < maxDepth (image px at scale s), for a model
 * that outputs depth ẑ and a depth target z. An ẑ ≤ 0 or NaN counts as disparity 0. NaN when no pixel counts.
 */
export const disparityMaeLoss: TestLoss = {
  kind: 'disparity-mae',
  accepts: ['depth'],
  evaluate(pred: Outputs, test: Dataset, target: string, rawArgs: JsonObject): number {
    const args = parseArgs(schema, rawArgs, "Loss 'disparity-mae'");
    const { block, width } = predBlock(pred, test, 'disparity-mae');
    const { field, width: tw } = targetField(test, target, 'disparity-mae');
    if (width !== tw) throw new ContractError(`Loss 'disparity-mae': the prediction has ${width} values per example but the depth target '${target}' has ${tw}; they must match pixel for pixel.`);
    const fb = kittiCalibration(args.scale, args.baseline).fu * args.baseline;
    return disparityMae(block.data, field.data, fb, { minDepth: args.minDepth, maxDepth: args.maxDepth });
  },
  checkArgs: (args) => argIssues(schema, args),
};

registerLoss(disparityMaeLoss);
