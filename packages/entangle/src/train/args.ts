// The training-loop arguments shared by every torch learner (the `train` arg), validated with zod.
import { z } from 'zod';

export const augmentArgsSchema = z.strictObject({
  /** Random crop with zero padding of this many pixels on each side (images only). 0 = no crop. */
  cropPadding: z.number().int().min(0).default(0),
  /** Random horizontal flip with probability 1/2 (images only). */
  horizontalFlip: z.boolean().default(false),
});

export const holdoutArgsSchema = z.strictObject({
  /** Fraction of the training set held out (never trained on) to score each epoch. */
  fraction: z.number().gt(0).lt(1),
  /** Seed of the held-out split (independent of the fit seed, so the split can stay fixed across seeds). */
  seed: z.number().int().default(0),
  /** 'best': keep the weights of the epoch with the lowest held-out loss; 'last': keep the final weights. */
  select: z.enum(['best', 'last']).default('best'),
  /** Stop when the held-out loss has not improved for this many epochs (null: never stop early). */
  patience: z.number().int().positive().nullable().default(null),
});

export const trainArgsSchema = z.strictObject({
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  lr: z.number().positive().default(1e-3),
  /** SGD momentum (ignored by Adam). */
  momentum: z.number().min(0).lt(1).default(0),
  weightDecay: z.number().min(0).default(0),
  epochs: z.number().int().positive().default(10),
  batchSize: z.number().int().positive().default(256),
  /** Learning-rate milestones as fractions of `epochs`; epoch e (0-based) uses lr·gamma^#{m : e >= m·epochs}. */
  milestones: z.array(z.number().gt(0).max(1)).default([0.5, 0.75]),
  gamma: z.number().positive().max(1).default(0.1),
  holdout: holdoutArgsSchema.nullable().default(null),
  augment: augmentArgsSchema.nullable().default(null),
  /** Record every training example's loss in every epoch (for area-under-the-loss-curve rankings). */
  recordExampleLosses: z.boolean().default(false),
});

export type TrainArgs = z.output<typeof trainArgsSchema>;
export type TrainArgsInput = z.input<typeof trainArgsSchema>;
export type AugmentArgs = z.output<typeof augmentArgsSchema>;
export type HoldoutArgs = z.output<typeof holdoutArgsSchema>;
