// resnet: ResNet-18 from @entangle/torch (configurable width and stem); reads one image block.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { registerLearner } from '../registry/registry.js';
import { netArgsShape, netLearner, type NetArgs } from './net-learner.js';

export const resnetArgsSchema = z.strictObject({
  ...netArgsShape,
  /** Channels of the first stage (stages: width·[1, 2, 4, 8]); 64 is torchvision's resnet18; 'features' are 8·width wide. */
  width: z.number().int().positive().default(64),
  /** 'imagenet': 7×7/2 conv + max-pool stem (torchvision, the reference code's choice on 32×32); 'cifar': 3×3/1 conv stem. */
  stem: z.enum(['cifar', 'imagenet']).default('imagenet'),
  /** Read flat blocks as images of this [C, H, W]. */
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]).nullable().default(null),
});
export type ResnetArgs = z.output<typeof resnetArgsSchema>;

export const resnet = netLearner<ResnetArgs & NetArgs>({
  kind: 'resnet',
  schema: resnetArgsSchema as never,
  reads: 'image',
  tasks: ['classification', 'regression'],
  build(args, input, outDim) {
    if (input.type !== 'image') throw new Error('resnet reads image inputs');
    const module = torch.nn.resnet18({ numClasses: outDim, inChannels: input.shape[0], width: args.width, stem: args.stem });
    return { module, forward: (x) => module.forward(x), features: (x) => module.features(x) };
  },
  featureDim: (args) => 8 * args.width,
});

registerLearner(resnet);
