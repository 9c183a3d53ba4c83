// convnet: the paper's small conv net (4.1.3) with a configurable MLP head; reads one image block.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import { registerLearner } from '../registry/registry.js';
import type { InputLayout } from './inputs.js';
import { netArgsShape, netLearner, type NetArgs } from './net-learner.js';
import { MlpNet } from './mlp.js';

export const convnetArgsSchema = z.strictObject({
  ...netArgsShape,
  /** Hidden widths of the MLP head on the conv features: [] = one linear layer ('convnet'), [512, 256] = 'convnet-512-256'. */
  head: z.array(z.number().int().positive()).default([]),
  /** Zero-pad smaller images symmetrically to padTo×padTo first (28×28 → 32×32 gives the paper's 512 features); null = no padding. */
  padTo: z.number().int().positive().nullable().default(32),
  /** Read flat blocks as images of this [C, H, W]. */
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]).nullable().default(null),
});
export type ConvnetArgs = z.output<typeof convnetArgsSchema>;

const CHANNELS = 32;

function paddedSize(size: number, padTo: number | null): number {
  return padTo !== null && size < padTo ? padTo : size;
}

/** Side after conv5×5(s1,p2) → maxpool2 → conv5×5(s2,p2) → maxpool2. */
function convOutSide(side: number): number {
  const pool1 = Math.floor(side / 2);
  const conv2 = Math.floor((pool1 + 2 * 2 - 5) / 2) + 1;
  return Math.floor(conv2 / 2);
}

/** Flattened conv feature width for images [C, H, W]: 32 · h' · w'. */
export function convnetFeatureDim(shape: [number, number, number], padTo: number | null): number {
  return CHANNELS * convOutSide(paddedSize(shape[1], padTo)) * convOutSide(paddedSize(shape[2], padTo));
}

/**
 * conv5×5(C→32, s1, p2, no bias) → BN → maxpool 2 → ReLU → conv5×5(32→32, s2, p2, no bias) → BN → maxpool 2 → ReLU
 * → flatten (512 at 32×32) → MLP head. Source: reference models.py ConvNet (paddings 2/2, max-pools, no conv bias).
 */
export class ConvNet extends torch.nn.Module {
  readonly conv1: torch.nn.Conv2d;
  readonly bn1: torch.nn.BatchNorm2d;
  readonly conv2: torch.nn.Conv2d;
  readonly bn2: torch.nn.BatchNorm2d;
  readonly head: MlpNet;

  constructor(readonly inShape: [number, number, number], headWidths: number[], outDim: number, readonly padTo: number | null) {
    super();
    this.conv1 = this.registerModule('conv1', new torch.nn.Conv2d(inShape[0], CHANNELS, 5, { stride: 1, padding: 2, bias: false }));
    this.bn1 = this.registerModule('bn1', new torch.nn.BatchNorm2d(CHANNELS));
    this.conv2 = this.registerModule('conv2', new torch.nn.Conv2d(CHANNELS, CHANNELS, 5, { stride: 2, padding: 2, bias: false }));
    this.bn2 = this.registerModule('bn2', new torch.nn.BatchNorm2d(CHANNELS));
    this.head = this.registerModule('head', new MlpNet(convnetFeatureDim(inShape, padTo), headWidths, outDim, 'relu'));
  }

  /** The flattened conv features [B, 32·h'·w'] (the paper's 4.1.3 representation, before the MLP head). */
  features(x: torch.Tensor): torch.Tensor {
    const F = torch.nn.functional;
    const [, , h, w] = x.shape;
    const ph = paddedSize(h, this.padTo) - h;
    const pw = paddedSize(w, this.padTo) - w;
    if (ph > 0 || pw > 0) x = F.pad(x, [Math.floor(pw / 2), pw - Math.floor(pw / 2), Math.floor(ph / 2), ph - Math.floor(ph / 2)], { mode: 'constant', value: 0 });
    x = F.relu(F.maxPool2d(this.bn1.forward(this.conv1.forward(x)), { kernel: 2, stride: 2 }));
    x = F.relu(F.maxPool2d(this.bn2.forward(this.conv2.forward(x)), { kernel: 2, stride: 2 }));
    return torch.flatten(x, 1);
  }

  forward(x: torch.Tensor): torch.Tensor {
    return this.head.forward(this.features(x));
  }
}

function imageShapeOf(input: InputLayout): [number, number, number] {
  if (input.type !== 'image') throw new Error('convnet reads image inputs');
  return input.shape;
}

export const convnet = netLearner<ConvnetArgs & NetArgs>({
  kind: 'convnet',
  schema: convnetArgsSchema as never,
  reads: 'image',
  tasks: ['classification', 'regression'],
  build(args, input, outDim, where) {
    const shape = imageShapeOf(input);
    if (convnetFeatureDim(shape, args.padTo) < 1) throw new ContractError(`${where}: images [${shape.join(', ')}] are too small for the conv net (needs at least 8×8 after padding). Set arg padTo, e.g. 32.`);
    const module = new ConvNet(shape, args.head, outDim, args.padTo);
    return { module, forward: (x) => module.forward(x), features: (x) => module.features(x) };
  },
  featureDim: (args, input) => convnetFeatureDim(imageShapeOf(input), args.padTo),
});

registerLearner(convnet);
