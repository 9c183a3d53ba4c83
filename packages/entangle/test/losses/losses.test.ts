// Test losses against hand-computed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import '../../src/losses/index.js';
import { registerSlicePredicate } from '../../src/losses/slice.js';
import { getLoss } from '../../src/registry/registry.js';
import { createRng, permutation } from '../../src/train/random.js';
import type { Block, Dataset } from '../../src/core/types.js';

torch.setNumThreads(1);

const block = (shape: number[], values: number[]): Block => ({ shape, data: Float32Array.from(values) });
const dataset = (fields: Record<string, Block>): Dataset => ({ version: 't', size: Object.values(fields)[0].shape[0], fields });
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: got ${a}, expected ${b}`);

test('zero-one: labels and argmax of probabilities (ties go to the first class)', () => {
  const loss = getLoss('zero-one');
  close(loss.evaluate(block([4], [0, 1, 2, 1]), dataset({ y: block([4], [0, 2, 2, 1]) }), 'y', {}), 1 / 4, 'labels');
  // argmax rows: [0.1,0.9]→1, [0.6,0.4]→0, [0.5,0.5]→0 (tie); targets 1,1,0 → one error
  close(loss.evaluate(block([3, 2], [0.1, 0.9, 0.6, 0.4, 0.5, 0.5]), dataset({ y: block([3], [1, 1, 0]) }), 'y', {}), 1 / 3, 'probabilities');
  assert.throws(() => loss.evaluate(block([2], [0, 1]), dataset({ y: block([3], [1, 1, 0]) }), 'y', {}), /2 rows but the test set has 3/);
  assert.throws(() => loss.evaluate(block([3], [0, 1, 1]), dataset({ y: block([3], [1, 1, 0]) }), 'label', {}), /no field 'label'.*Fields: y/);
});

test('mse and mae: mean over every value, optionally only where the target is in [targetMin, targetMax)', () => {
  const pred = block([3], [1, 2, 3]);
  const test = dataset({ y: block([3], [1, 0, 5]) });
  close(getLoss('mse').evaluate(pred, test, 'y', {}), 8 / 3, 'mse'); // (0 + 4 + 4) / 3
  close(getLoss('mae').evaluate(pred, test, 'y', {}), 4 / 3, 'mae'); // (0 + 2 + 2) / 3
  close(getLoss('mse').evaluate(pred, test, 'y', { targetMin: 1 }), 2, 'mse t>=1'); // (0 + 4) / 2
  close(getLoss('mae').evaluate(pred, test, 'y', { targetMin: 0, targetMax: 2 }), 1, 'mae 0<=t<2'); // (0 + 2) / 2
  // per-example vectors: [[1,2],[3,4]] vs [[0,2],[3,6]] → squared (1,0,0,4) → 5/4
  close(getLoss('mse').evaluate(block([2, 2], [1, 2, 3, 4]), dataset({ y: block([2, 2], [0, 2, 3, 6]) }), 'y', {}), 5 / 4, 'mse 2-d');
  assert.throws(() => getLoss('mse').evaluate(block([3, 2], [1, 2, 3, 4, 5, 6]), test, 'y', {}), /2 values per example.*target 'y' has 1/);
  assert.throws(() => getLoss('mae').evaluate(pred, test, 'y', { targetMn: 1 }), /unknown arg 'targetMn'/);
});

/** Brute-force 1-NN error in float64, written independently of the implementation. */
function bruteForce(x: number[][], y: number[], metric: 'cosine' | 'euclidean', seed: number): number {
  const perm = Array.from(permutation(y.length, createRng(seed)));
  const half = Math.floor(y.length / 2);
  const ref = perm.slice(0, half);
  const query = perm.slice(half);
  const dist = (a: number[], b: number[]) => {
    if (metric === 'euclidean') return Math.hypot(...a.map((v, i) => v - b[i]));
    const dot = a.reduce((s, v, i) => s + v * b[i], 0);
    return 1 - dot / (Math.hypot(...a) * Math.hypot(...b));
  };
  let wrong = 0;
  for (const q of query) {
    let best = ref[0];
    for (const r of ref) if (dist(x[q], x[r]) < dist(x[q], x[best])) best = r;
    if (y[best] !== y[q]) wrong++;
  }
  return wrong / query.length;
}

test('nearest-neighbour-error matches a brute-force 1-NN on a fixed seed-0 split (cosine and euclidean)', () => {
  const rng = createRng(5, 'features');
  const n = 61;
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    y.push(i % 3);
    const scale = 0.05 + 6 * rng.nextFloat(); // magnitudes vary a lot: cosine ignores them, euclidean does not
    x.push([0, 1, 2].map((c) => (c === i % 3 ? scale : 0) + rng.nextFloat() * 0.6));
  }
  const pred = block([n, 3], x.flat());
  const test = dataset({ label: block([n], y) });
  for (const metric of ['cosine', 'euclidean'] as const) {
    const got = getLoss('nearest-neighbour-error').evaluate(pred, test, 'label', { metric, chunk: 7 });
    close(got, bruteForce(x, y, metric, 0), metric);
  }
});

test('nearest-neighbour-error: cosine ignores magnitude, euclidean does not (hand-built 4-example split)', () => {
  const perm = permutation(4, createRng(0)); // reference = perm[0], perm[1]; query = perm[2], perm[3]
  const x: number[][] = [];
  const y: number[] = [];
  const put = (i: number, features: number[], label: number) => { x[i] = features; y[i] = label; };
  put(perm[0], [5, 0], 0);
  put(perm[1], [0.02, 0.1], 1);
  put(perm[2], [0.1, 0.02], 0); // cosine: nearest perm[0] (right); euclidean: nearest perm[1] (wrong)
  put(perm[3], [0, 3], 1); // both metrics: nearest perm[1] (right)
  const pred = block([4, 2], x.flat());
  const test = dataset({ label: block([4], y) });
  close(getLoss('nearest-neighbour-error').evaluate(pred, test, 'label', {}), 0, 'cosine (default)');
  close(getLoss('nearest-neighbour-error').evaluate(pred, test, 'label', { metric: 'euclidean' }), 1 / 2, 'euclidean');
});

test('nearest-neighbour-error: identical features make every query take the first reference label', () => {
  const n = 10;
  const y = [0, 1, 0, 1, 0, 1, 0, 1, 1, 1];
  const perm = permutation(n, createRng(0));
  const firstRefLabel = y[perm[0]];
  const query = Array.from(perm.slice(5));
  const expected = query.filter((q) => y[q] !== firstRefLabel).length / query.length;
  const got = getLoss('nearest-neighbour-error').evaluate(block([n, 2], new Array(2 * n).fill(1)), dataset({ label: block([n], y) }), 'label', {});
  close(got, expected, 'ties');
});

test('slice: a loss restricted to a class, a range, or a registered predicate', () => {
  const slice = getLoss('slice');
  const pred = block([4], [0, 1, 2, 1]);
  const test = dataset({ y: block([4], [0, 2, 2, 1]), depth: block([4], [5, 15, 25, 12]) });
  const zeroOne = { kind: 'zero-one' };
  close(slice.evaluate(pred, test, 'y', { loss: zeroOne, where: { class: 2 } }), 1 / 2, 'class 2'); // rows 1,2 → preds 1,2
  close(slice.evaluate(pred, test, 'y', { loss: zeroOne, where: { class: [0, 1] } }), 0, 'classes 0,1');
  close(slice.evaluate(pred, test, 'y', { loss: zeroOne, where: { field: 'depth', min: 10, max: 20 } }), 1 / 2, 'depth in [10,20)'); // rows 1,3
  registerSlicePredicate('test-even-rows', (t) => Array.from({ length: t.size }, (_, i) => i % 2 === 0), { replace: true });
  close(slice.evaluate(pred, test, 'y', { loss: zeroOne, where: { predicate: 'test-even-rows' } }), 0, 'even rows'); // rows 0,2
  close(slice.evaluate(block([4], [1, 1, 1, 1]), test, 'depth', { loss: { kind: 'mae' }, where: { min: 10 } }), 49 / 3, 'mae on depth >= 10'); // |1-15| + |1-25| + |1-12| = 49
  assert.throws(() => slice.evaluate(pred, test, 'y', { loss: zeroOne, where: { class: 7 } }), /keeps no test examples/);
  assert.throws(() => slice.evaluate(pred, test, 'y', { loss: zeroOne, where: { class: 1, min: 2 } }), /exactly one selection/);
  assert.throws(() => slice.evaluate(pred, test, 'y', { loss: { kind: 'zero-on' }, where: { class: 1 } }), /Did you mean 'zero-one'/);
  assert.deepEqual(slice.checkArgs!({ loss: { kind: 'mse', args: { targetMax: 'x' } }, where: { class: 1 } }).length, 1);
});
