// Minibatch bounds: full batches, a smaller last batch kept, a last batch of one merged (BatchNorm stays finite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { batchBounds } from '../../src/train/batches.js';
import { trainArgsSchema } from '../../src/train/args.js';
import { trainModule } from '../../src/train/loop.js';

torch.setNumThreads(1);

test('batchBounds covers every example once; a smaller last batch is kept', () => {
  assert.deepEqual(batchBounds(10, 4), [[0, 4], [4, 8], [8, 10]]);
  assert.deepEqual(batchBounds(8, 4), [[0, 4], [4, 8]]);
  assert.deepEqual(batchBounds(3, 8), [[0, 3]]);
  assert.deepEqual(batchBounds(0, 8), []);
});

test('batchBounds merges a last batch of one example into the previous batch', () => {
  assert.deepEqual(batchBounds(9, 4), [[0, 4], [4, 9]]);
  assert.deepEqual(batchBounds(65, 64), [[0, 65]]);
  assert.deepEqual(batchBounds(1, 4), [[0, 1]]);
  assert.deepEqual(batchBounds(5, 1), [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]]);
});

test('a BatchNorm model trained on 65 examples with batch 64 keeps finite running statistics', async () => {
  torch.manualSeed(0);
  const bn = new torch.nn.BatchNorm1d(2);
  const linear = new torch.nn.Linear(2, 1);
  const module = new torch.nn.Sequential(bn, linear);
  const n = 65;
  const x = torch.tensor(Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i)), [n, 2]);
  const y = torch.tensor(Float32Array.from({ length: n }, (_, i) => Math.cos(i)), [n, 1]);
  await trainModule({
    module,
    forward: (b) => module.forward(b),
    exampleLosses: (out, t) => torch.mean(torch.nn.functional.mseLoss(out, t, { reduction: 'none' }), { dim: 1 }),
    x, y,
  }, trainArgsSchema.parse({ epochs: 2, batchSize: 64, lr: 0.01 }), { seed: 1, model: 'bn' });
  const variance = bn.runningVar.toTypedArray() as Float32Array;
  assert.ok(Array.from(variance).every(Number.isFinite), `running variance ${Array.from(variance)}`);
  module.dispose();
  x.dispose();
  y.dispose();
});
