// Tiny synthetic training sets for learner tests (deterministic, no libtorch).
import type { Inputs, TrainSet } from '../../src/core/types.js';
import { createRng } from '../../src/train/random.js';

/** n points in d dims, two Gaussian-ish blobs per class around ±1 on the first axis; labels 0..classes-1. */
export function blobs(n: number, d: number, classes: number, seed = 1): { x: Float32Array; y: Float32Array } {
  const rng = createRng(seed, 'blobs');
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    y[i] = c;
    for (let j = 0; j < d; j++) x[i * d + j] = (j === c % d ? 2 : 0) + (rng.nextFloat() - 0.5);
  }
  return { x, y };
}

export function flatInputs(x: Float32Array, n: number, d: number, name = 'x'): Inputs {
  return { size: n, blocks: [{ name, kind: 'field', value: { shape: [n, d], data: x } }] };
}

export function classificationSet(n: number, d: number, classes: number, seed = 1): TrainSet {
  const { x, y } = blobs(n, d, classes, seed);
  return { inputs: flatInputs(x, n, d), target: { shape: [n], data: y } };
}

/** y = 2·x0 − x1 + 0.5 + small noise. */
export function regressionSet(n: number, d: number, seed = 1): TrainSet {
  const rng = createRng(seed, 'regression');
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = rng.nextFloat() * 2 - 1;
    y[i] = 2 * x[i * d] - x[i * d + 1] + 0.5 + (rng.nextFloat() - 0.5) * 0.01;
  }
  return { inputs: flatInputs(x, n, d), target: { shape: [n], data: y } };
}

/** n images [1, size, size]: class 0 has a bright left half, class 1 a bright right half, plus noise. */
export function imageSet(n: number, size: number, seed = 1): TrainSet {
  const rng = createRng(seed, 'images');
  const x = new Float32Array(n * size * size);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    y[i] = c;
    for (let r = 0; r < size; r++) {
      for (let col = 0; col < size; col++) {
        const bright = (col < size / 2) === (c === 0);
        x[i * size * size + r * size + col] = (bright ? 1 : 0) + (rng.nextFloat() - 0.5) * 0.2;
      }
    }
  }
  return { inputs: { size: n, blocks: [{ name: 'image', kind: 'field', value: { shape: [n, 1, size, size], data: x } }] }, target: { shape: [n], data: y } };
}
