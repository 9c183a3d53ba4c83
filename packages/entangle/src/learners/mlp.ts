// mlp: a multi-layer perceptron on flattened, concatenated input blocks; classifier or regressor.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { registerLearner } from '../registry/registry.js';
import { netArgsShape, netLearner, type NetArgs } from './net-learner.js';

export const mlpArgsSchema = z.strictObject({
  ...netArgsShape,
  /** Widths of the hidden layers, input side first; [] is a linear model. */
  hidden: z.array(z.number().int().positive()).default([128]),
  activation: z.enum(['relu', 'tanh']).default('relu'),
});
export type MlpArgs = z.output<typeof mlpArgsSchema>;

const activate = (name: 'relu' | 'tanh', x: torch.Tensor): torch.Tensor =>
  name === 'relu' ? torch.nn.functional.relu(x) : torch.nn.functional.tanh(x);

/** Linear → act → … → Linear; `hiddenOutput` is the last hidden activation (the 'features'). */
export class MlpNet extends torch.nn.Module {
  readonly hidden: torch.nn.Linear[] = [];
  readonly head: torch.nn.Linear;

  constructor(inDim: number, widths: number[], outDim: number, readonly activation: 'relu' | 'tanh') {
    super();
    let from = inDim;
    widths.forEach((w, i) => {
      this.hidden.push(this.registerModule(`hidden${i}`, new torch.nn.Linear(from, w)));
      from = w;
    });
    this.head = this.registerModule('head', new torch.nn.Linear(from, outDim));
  }

  hiddenOutput(x: torch.Tensor): torch.Tensor {
    for (const layer of this.hidden) x = activate(this.activation, layer.forward(x));
    return x;
  }

  forward(x: torch.Tensor): torch.Tensor {
    return this.head.forward(this.hiddenOutput(x));
  }
}

export const mlp = netLearner<MlpArgs & NetArgs>({
  kind: 'mlp',
  schema: mlpArgsSchema as never,
  reads: 'flat',
  tasks: ['classification', 'regression'],
  build(args, input, outDim) {
    if (input.type !== 'flat') throw new Error('mlp reads flat inputs');
    const module = new MlpNet(input.dim, args.hidden, outDim, args.activation);
    return { module, forward: (x) => module.forward(x), features: (x) => module.hiddenOutput(x) };
  },
  featureDim: (args) => (args.hidden.length ? args.hidden[args.hidden.length - 1] : null),
});

registerLearner(mlp);
