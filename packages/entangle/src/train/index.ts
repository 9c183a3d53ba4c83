// The training loop shared by every torch learner, its args, lr schedule, augmentation, seeded randomness and AUL.
export { trainArgsSchema, augmentArgsSchema, holdoutArgsSchema, type TrainArgs, type TrainArgsInput, type AugmentArgs, type HoldoutArgs } from './args.js';
export { trainModule, meanLoss, type TrainProblem, type TrainReport, type EpochRecord, type TrainOptions } from './loop.js';
export { learningRateAt } from './schedule.js';
export { augmentImages } from './augment.js';
export { createRng, permutation, type Rng } from './random.js';
export { areaUnderLossCurve, rankByAreaUnderLoss } from './aul.js';
