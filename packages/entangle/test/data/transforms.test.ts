import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelStats, grayToChannels, normalize, pad, resize } from '../../src/data/index.js';
import { makeDigitData } from '../../src/data/digits.js';

function digits(shape: [number, number, number, number], values: number[] | ((i: number) => number)) {
  const count = shape.reduce((a, b) => a * b, 1);
  const images = Float32Array.from({ length: count }, (_, i) => (typeof values === 'function' ? values(i) : values[i]));
  return makeDigitData({ images, shape, labels: new Int32Array(shape[0]), source: 'test', version: 'v0' });
}

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) < tol, `index ${i}: ${actual[i]} vs ${expected[i]}`);
}

test('pad surrounds each channel with the fill value (28 -> 32 for amount 2)', () => {
  const d = pad(digits([1, 1, 2, 2], [1, 2, 3, 4]), 1);
  assert.deepEqual(d.shape, [1, 1, 4, 4]);
  assert.deepEqual(Array.from(d.images), [0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0]);
  const big = pad(digits([2, 1, 28, 28], () => 0.5), 2);
  assert.deepEqual(big.shape, [2, 1, 32, 32]);
  assert.equal(big.images[32 * 32 + 2 * 32 + 2], 0.5);
  assert.equal(big.images[32 * 32 + 1 * 32 + 2], 0);
  assert.notEqual(big.version, 'v0');
  assert.throws(() => pad(big, -1), /non-negative integer, got -1/);
});

test('resize matches torch bilinear interpolation (align_corners=False) when upsampling and downsampling', () => {
  // Golden values from torch 1.13: F.interpolate(x, size, mode='bilinear', align_corners=False).
  const up = resize(digits([1, 1, 2, 3], [0, 1, 2, 3, 4, 5]), 3, 5);
  close(up.images, [0, 0.4, 1, 1.6, 2, 1.5, 1.9, 2.5, 3.1, 3.5, 3, 3.4, 4, 4.6, 5]);
  const down = resize(digits([1, 1, 4, 5], (i) => i), 3, 2);
  close(down.images, [1.5833334, 4.0833335, 8.25, 10.75, 14.916667, 17.416666]);
  const same = digits([1, 2, 3, 3], (i) => i * 0.1);
  close(resize(same, 3, 3).images, Array.from(same.images));
  assert.throws(() => resize(same, 0, 3), /positive integers, got 0x3/);
});

test('grayToChannels replicates the single channel; normalize applies (x - mean) / std per channel', () => {
  const g = grayToChannels(digits([2, 1, 1, 2], [1, 2, 3, 4]));
  assert.deepEqual(g.shape, [2, 3, 1, 2]);
  assert.deepEqual(Array.from(g.images), [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
  assert.throws(() => grayToChannels(g), /already have 3 channels/);
  const n = normalize(g, { mean: [1, 2, 3], std: [1, 2, 4] });
  close(n.images, [0, 1, -0.5, 0, -0.5, -0.25, 2, 3, 0.5, 1, 0, 0.25]);
  assert.throws(() => normalize(g, { mean: [0], std: [1] }), /3 channel\(s\) but mean\/std have 1\/1/);
  assert.throws(() => normalize(g, { mean: [0, 0, 0], std: [1, 0, 1] }), /std must be > 0/);
});

test('channelStats gives per-channel mean and population std; normalizing with them gives 0 and 1', () => {
  const d = digits([2, 2, 1, 2], [0, 2, 10, 10, 4, 6, 20, 40]);
  const s = channelStats(d);
  close(s.mean, [3, 20]);
  close(s.std, [Math.sqrt(5), Math.sqrt(150)]);
  const again = channelStats(normalize(d, s));
  close(again.mean, [0, 0]);
  close(again.std, [1, 1]);
});
