// Small systems for the diagnosis and mitigation tests.
import { field, makeDataset } from '../../src/core/dataset.js';
import type { Dataset } from '../../src/core/types.js';
import '../../src/learners/index.js';
import '../../src/losses/index.js';
import type { Update } from '../../src/system/spec.js';
import { defineSystem, type System } from '../../src/system/system.js';

/**
 * The loss-function mismatch of docs/concepts.md: u is tested on y = x1 (+ noise) but trained on yleak = x1 + x2/2;
 * w predicts z = x1 + x2/2 from u's output only. Training u on y improves u and removes what w needs.
 * Every learner is closed-form least squares, so it trains in milliseconds. With `wTest`, w is tested on its own
 * test set 'w-test' holding only examples whose x2 passes the filter (for the data-distribution statistic).
 */
export function lossMismatchSystem(size = 200, wTest?: (x2: number) => boolean): System {
  function data(n: number, seed: number, keep: (x2: number) => boolean = () => true): Dataset {
    let s = seed;
    const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const x1: number[] = [], x2: number[] = [], y: number[] = [], yleak: number[] = [], z: number[] = [];
    while (x1.length < n) {
      const a = random(), b = random();
      if (!keep(b)) { random(); random(); continue; }
      x1.push(a); x2.push(b); y.push(a + 0.05 * random()); yleak.push(a + b / 2); z.push(a + b / 2 + 0.05 * random());
    }
    const col = (v: number[]) => field(v, [n, 1]);
    return makeDataset({ fields: { x1: col(x1), x2: col(x2), y: col(y), yleak: col(yleak), z: col(z) } });
  }
  const linear = { kind: 'linear-regression', args: {} };
  return defineSystem({
    name: 'loss-mismatch',
    datasets: { 'u-train': data(size, 1), 'w-train': data(size, 2), test: data(size, 3), ...(wTest ? { 'w-test': data(size, 4, wTest) } : {}) },
    models: [
      { id: 'u', inputs: ['x1', 'x2'], parents: [], learner: linear, train: 'u-train', target: 'yleak', testTarget: 'y', test: 'test', loss: { kind: 'mse' }, output: 'value' },
      { id: 'w', inputs: [], parents: ['u'], learner: linear, train: 'w-train', target: 'z', test: wTest ? 'w-test' : 'test', loss: { kind: 'mse' }, output: 'value' },
    ],
  });
}

export const trainUOnY: Update = { name: 'train u on y', model: 'u', target: 'y' };
