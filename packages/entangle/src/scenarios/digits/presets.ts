// Presets of the digit scenarios. quick: < 60 s each on 2 cores (tests); standard: <= 20 min each on 2 cores with
// the worker pool, on the ~8k embedded MNIST training digits; paper: the paper's architectures, epochs, sweeps
// and 40 seeds (Appendix B and the reference code; see docs/scenarios-digits.md for every choice).
import type { JsonObject } from '../../core/types.js';

const MNIST = { source: 'mnist', path: null, trainPerClass: null };

/** The paper's optimisation (Appendix B): Adam, batch 256, ×0.1 at 50% and 75% of the epochs. */
const paperTrain = (epochs: number, lr: number): JsonObject => ({ optimizer: 'adam', lr, epochs, batchSize: 256, milestones: [0.5, 0.75], gamma: 0.1 });
/** torchvision-width ResNet-18 with the ImageNet stem on 32×32 inputs, as the reference code. */
const paperResnet = (train: JsonObject): JsonObject => ({ kind: 'resnet', args: { width: 64, stem: 'imagenet', train } });
/** The reference code's upstream augmentation: RandomCrop(32, padding=4) and horizontal flips. */
const PAPER_AUGMENT = { cropPadding: 4, horizontalFlip: true };

export const LOSS_MISMATCH_PRESETS: Record<'quick' | 'standard' | 'paper', JsonObject> = {
  quick: {
    r: [0, 9], seeds: 2, ...MNIST, cleanFraction: 0.05,
    upstream: { kind: 'resnet', args: { width: 8, stem: 'imagenet', train: { epochs: 20, batchSize: 64, lr: 0.001, augment: { cropPadding: 2 }, holdout: { fraction: 0.1, select: 'best' } } } },
    downstream: { kind: 'mlp', args: { hidden: [128], train: { epochs: 40, batchSize: 256, lr: 0.01 } } },
  },
  standard: {
    r: [0, 3, 6, 9], seeds: 5, ...MNIST, cleanFraction: 0.05,
    upstream: { kind: 'resnet', args: { width: 8, stem: 'imagenet', train: { epochs: 40, batchSize: 64, lr: 0.001, augment: { cropPadding: 2 }, holdout: { fraction: 0.1, select: 'best' } } } },
    downstream: { kind: 'mlp', args: { hidden: [128], train: { epochs: 100, batchSize: 256, lr: 0.01 } } },
  },
  paper: {
    r: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], seeds: 40, ...MNIST, cleanFraction: 0.1,
    upstream: paperResnet({ ...paperTrain(500, 0.001), augment: PAPER_AUGMENT, holdout: { fraction: 0.1, select: 'best' } }),
    downstream: { kind: 'mlp', args: { hidden: [128], train: paperTrain(100, 0.01) } },
  },
};

export const DATA_MISMATCH_PRESETS: Record<'quick' | 'standard' | 'paper', JsonObject> = {
  quick: {
    p: [10, 100], seeds: 2, ...MNIST, trainPerClass: 300,
    upstream: { kind: 'mlp', args: { hidden: [256, 32], train: { epochs: 30, batchSize: 128, lr: 0.001 } } },
    downstream: { kind: 'logistic-regression', args: { train: { epochs: 50, batchSize: 256, lr: 0.01 } } },
  },
  standard: {
    p: [10, 40, 70, 100], seeds: 5, ...MNIST,
    upstream: { kind: 'mlp', args: { hidden: [256, 32], train: { epochs: 60, batchSize: 128, lr: 0.001 } } },
    downstream: { kind: 'logistic-regression', args: { train: { epochs: 100, batchSize: 256, lr: 0.01 } } },
  },
  paper: {
    p: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], seeds: 40, ...MNIST,
    upstream: paperResnet({ ...paperTrain(200, 0.001), augment: PAPER_AUGMENT }),
    downstream: { kind: 'logistic-regression', args: { train: paperTrain(100, 0.01) } },
  },
};

export const HYPOTHESIS_MISMATCH_PRESETS: Record<'quick' | 'standard' | 'paper', JsonObject> = {
  quick: {
    layers: [1, 5], seeds: 2, ...MNIST, trainPerClass: 480, widths: [512, 256, 128, 64],
    upstream: { kind: 'convnet', args: { padTo: null, train: { epochs: 2, batchSize: 32, lr: 0.001 } } },
    downstream: { kind: 'logistic-regression', args: { train: { epochs: 60, batchSize: 256, lr: 0.01 } } },
  },
  standard: {
    layers: [1, 2, 3, 5], seeds: 8, ...MNIST, widths: [512, 256, 128, 64],
    upstream: { kind: 'convnet', args: { padTo: null, train: { epochs: 5, batchSize: 128, lr: 0.001 } } },
    downstream: { kind: 'logistic-regression', args: { train: { epochs: 100, batchSize: 256, lr: 0.01 } } },
  },
  paper: {
    layers: [1, 2, 3, 4, 5], seeds: 40, ...MNIST, widths: [512, 256, 128, 64],
    upstream: { kind: 'convnet', args: { padTo: 32, train: { ...paperTrain(200, 0.001), augment: PAPER_AUGMENT } } },
    downstream: { kind: 'logistic-regression', args: { train: paperTrain(100, 0.01) } },
  },
};

export const ANTICORRELATED_PRESETS: Record<'quick' | 'standard' | 'paper', JsonObject> = {
  quick: {
    p: [0, 45], seeds: 2, ...MNIST,
    upstream: { kind: 'mlp', args: { hidden: [256], train: { epochs: 20, batchSize: 64, lr: 0.001 } } },
    ranker: { kind: 'mlp', args: { hidden: [256], train: { epochs: 20, batchSize: 64, lr: 0.001 } } }, rankerSeed: 0,
    downstream: 'bayes-optimal',
    downstreamLinear: { kind: 'logistic-regression', args: { train: { epochs: 100, batchSize: 256, lr: 0.01 } } },
  },
  standard: {
    p: [0, 10, 20, 30, 40, 50], seeds: 8, ...MNIST,
    upstream: { kind: 'mlp', args: { hidden: [256], train: { epochs: 20, batchSize: 64, lr: 0.001 } } },
    ranker: { kind: 'mlp', args: { hidden: [256], train: { epochs: 20, batchSize: 64, lr: 0.001 } } }, rankerSeed: 0,
    downstream: 'bayes-optimal',
    downstreamLinear: { kind: 'logistic-regression', args: { train: { epochs: 100, batchSize: 256, lr: 0.01 } } },
  },
  paper: {
    p: [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50], seeds: 40, ...MNIST,
    upstream: paperResnet({ ...paperTrain(200, 0.001), augment: PAPER_AUGMENT }),
    ranker: paperResnet({ ...paperTrain(200, 0.001), augment: PAPER_AUGMENT }), rankerSeed: 0,
    downstream: 'bayes-optimal',
    downstreamLinear: { kind: 'logistic-regression', args: { train: paperTrain(100, 0.01) } },
  },
};
