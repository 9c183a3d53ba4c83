// mse and mae: mean squared / absolute error over every predicted value, optionally only where the target is in a range.
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import type { Dataset, JsonObject, Outputs, TestLoss } from '../core/types.js';
import { registerLoss } from '../registry/registry.js';
import { argIssues, parseArgs } from '../learners/args.js';
import { predBlock, targetField } from './read.js';

const schema = z.strictObject({
  /** Count only values whose target t satisfies targetMin <= t (e.g. 1e-6 to skip missing depth, stored as 0). */
  targetMin: z.number().nullable().default(null),
  /** Count only values whose target t satisfies t < targetMax (half-open ranges: [0,10), [10,20) ...). */
  targetMax: z.number().nullable().default(null),
});

function elementwise(kind: 'mse' | 'mae', term: (d: number) => number): TestLoss {
  return {
    kind,
    accepts: ['value', 'depth', 'probabilities', 'logits', 'features'],
    evaluate(pred: Outputs, test: Dataset, target: string, rawArgs: JsonObject): number {
      const args = parseArgs(schema, rawArgs, `Loss '${kind}'`);
      const { block, width } = predBlock(pred, test, kind);
      const { field, width: tw } = targetField(test, target, kind);
      if (width !== tw) throw new ContractError(`Loss '${kind}': the prediction has ${width} values per example (shape [${block.shape.slice(1).join(', ')}]) but target '${target}' has ${tw} (shape [${field.shape.slice(1).join(', ')}]); they must match element for element.`);
      const lo = args.targetMin ?? -Infinity;
      const hi = args.targetMax ?? Infinity;
      let sum = 0;
      let count = 0;
      for (let i = 0; i < field.data.length; i++) {
        const t = field.data[i];
        if (!(t >= lo && t < hi)) continue;
        sum += term(block.data[i] - t);
        count++;
      }
      return count === 0 ? NaN : sum / count;
    },
    checkArgs: (args) => argIssues(schema, args),
  };
}

/** ℓ = (1/m) Σ (ŷ − y)² over the m predicted values whose target lies in [targetMin, targetMax). */
export const mse = elementwise('mse', (d) => d * d);
/** ℓ = (1/m) Σ |ŷ − y| over the m predicted values whose target lies in [targetMin, targetMax). */
export const mae = elementwise('mae', (d) => Math.abs(d));

registerLoss(mse);
registerLoss(mae);
