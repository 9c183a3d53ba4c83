// Public surface of the digit data layer: loaders, transforms, subsets, noise and the Dataset conversion.
export { DataError } from './errors.js';
export { type DigitData, type DigitSplits, classCounts, distinctLabels } from './digits.js';
export { createRng as createDataRng, permutation as dataPermutation, chooseWithoutReplacement, type Rng as DataRng } from './random.js';
export { FIXED_SPLIT, stratifiedSplit } from './split.js';
export { loadMnistPackage, loadMnistPackagePool } from './mnist-package.js';
export { readMatV5, isMatV73, type MatArray } from './mat-v5.js';
export { loadSvhnMat } from './svhn.js';
export { loadIdx, readIdx, DEBIAN_FASHION_MNIST_DIR } from './idx.js';
export { selectDigitSource, parseDigitSource, DIGIT_SOURCES, type DigitSourceOptions } from './source.js';
export { pad, resize, grayToChannels, normalize, channelStats, CIFAR10_STATS, MNIST_STATS, type ChannelStats } from './transforms.js';
export { requireClasses, filterClasses, relabel, balancedSubsample, randomSubset, describeCounts } from './subsets.js';
export { lossMismatchNoise, flipTopRanked, type LossMismatchNoiseOptions, type FlipTopRankedOptions } from './noise.js';
export { toDataset, type ToDatasetOptions } from './dataset.js';
