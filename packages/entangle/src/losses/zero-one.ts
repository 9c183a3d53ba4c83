// zero-one: classification error, the fraction of test examples whose predicted class is wrong.
import { z } from 'zod';
import type { Dataset, JsonObject, Outputs, TestLoss } from '../core/types.js';
import { registerLoss } from '../registry/registry.js';
import { argIssues, parseArgs } from '../learners/args.js';
import { predBlock, predictedLabels, targetLabels } from './read.js';

const schema = z.strictObject({});

/** ℓ = (1/n) Σ_i 1[ŷ_i ≠ y_i]; ŷ_i is the predicted label, or the argmax of probabilities/logits (first maximum). */
export const zeroOne: TestLoss = {
  kind: 'zero-one',
  accepts: ['label', 'probabilities', 'logits'],
  evaluate(pred: Outputs, test: Dataset, target: string, args: JsonObject): number {
    parseArgs(schema, args, "Loss 'zero-one'");
    const { block, width } = predBlock(pred, test, 'zero-one');
    const y = targetLabels(test, target, 'zero-one');
    const yhat = predictedLabels(block, width, test.size);
    let wrong = 0;
    for (let i = 0; i < test.size; i++) if (yhat[i] !== y[i]) wrong++;
    return test.size === 0 ? NaN : wrong / test.size;
  },
  checkArgs: (args) => argIssues(schema, args),
};

registerLoss(zeroOne);
