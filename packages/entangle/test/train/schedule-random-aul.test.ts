// Pure-JS parts of training: the lr schedule, seeded permutations and the area-under-the-loss-curve ranking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learningRateAt } from '../../src/train/schedule.js';
import { createRng, permutation } from '../../src/train/random.js';
import { areaUnderLossCurve, rankByAreaUnderLoss } from '../../src/train/aul.js';

test('learningRateAt: ×0.1 at 50% and 75% of the epochs, as the reference code (200 epochs: 1e-3, 1e-4 from 100, 1e-5 from 150)', () => {
  const at = (e: number, epochs = 200) => learningRateAt(1e-3, e, epochs, [0.5, 0.75], 0.1);
  assert.equal(at(0), 1e-3);
  assert.equal(at(99), 1e-3);
  assert.ok(Math.abs(at(100) - 1e-4) < 1e-12);
  assert.ok(Math.abs(at(149) - 1e-4) < 1e-12);
  assert.ok(Math.abs(at(150) - 1e-5) < 1e-12);
  assert.ok(Math.abs(at(199) - 1e-5) < 1e-12);
  // 5 epochs: milestones at 2.5 and 3.75 → epochs 0,1,2 at lr; 3 at lr/10; 4 at lr/100
  assert.deepEqual([0, 1, 2, 3, 4].map((e) => +at(e, 5).toExponential(6)), [1e-3, 1e-3, 1e-3, 1e-4, 1e-5]);
  assert.equal(learningRateAt(0.5, 9, 10, [], 0.1), 0.5);
});

test('permutation: a permutation of 0..n-1, same for one (seed, stream), different across seeds and streams', () => {
  const p = permutation(1000, createRng(3));
  assert.deepEqual(Array.from(p).sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual(p, permutation(1000, createRng(3)));
  assert.notDeepEqual(p, permutation(1000, createRng(4)));
  assert.notDeepEqual(p, permutation(1000, createRng(3, 'shuffle')));
  assert.notDeepEqual(permutation(1000, createRng(2 ** 40)), permutation(1000, createRng(0)));
});

test('Rng.nextInt is within range and roughly uniform', () => {
  const rng = createRng(11);
  const counts = new Array(5).fill(0);
  for (let i = 0; i < 50000; i++) counts[rng.nextInt(5)]++;
  for (const c of counts) assert.ok(c > 9500 && c < 10500, `count ${c} out of 50000 for 5 bins`);
  assert.throws(() => rng.nextInt(0), /n must be an integer in \[1, 2\^32\]/);
});

test('area under the loss curve: per-example sums over epochs; ranking by decreasing area, NaN (held-out) left out', () => {
  const losses = [Float32Array.from([1, 2, NaN, 0.5]), Float32Array.from([3, 0, NaN, 3.5])];
  assert.deepEqual(Array.from(areaUnderLossCurve(losses)), [4, 2, NaN, 4]);
  assert.deepEqual(rankByAreaUnderLoss(losses), [0, 3, 1]); // tie 0 and 3 → smaller index first
  assert.deepEqual(rankByAreaUnderLoss(losses, [1, 3]), [3, 1]);
  assert.throws(() => areaUnderLossCurve([]), /recordExampleLosses/);
});
