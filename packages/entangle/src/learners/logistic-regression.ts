// logistic-regression: softmax(W x + b) on flattened, concatenated input blocks, trained with cross-entropy.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { registerLearner } from '../registry/registry.js';
import { netArgsShape, netLearner, type NetArgs } from './net-learner.js';

export const logisticRegressionArgsSchema = z.strictObject({
  ...netArgsShape,
  output: z.enum(['label', 'probabilities', 'logits']).default('label'),
});
export type LogisticRegressionArgs = z.output<typeof logisticRegressionArgsSchema>;

/**
 * Binary and multiclass alike: K logits (K >= 2) and softmax cross-entropy, as the reference code's
 * nn.Linear(d, K) downstream models (two logits for a binary task, not one sigmoid).
 */
export const logisticRegression = netLearner<LogisticRegressionArgs & NetArgs>({
  kind: 'logistic-regression',
  schema: logisticRegressionArgsSchema as never,
  reads: 'flat',
  tasks: ['classification'],
  build(_args, input, outDim) {
    if (input.type !== 'flat') throw new Error('logistic-regression reads flat inputs');
    const module = new torch.nn.Linear(input.dim, outDim);
    return { module, forward: (x) => module.forward(x) };
  },
  featureDim: () => null,
});

registerLearner(logisticRegression);
