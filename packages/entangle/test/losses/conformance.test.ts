// Every registered test loss passes checkLoss; checkLoss catches a loss that mutates its inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import '../../src/losses/index.js';
import { checkLoss } from '../../src/losses/check.js';
import { listLosses, registerLoss } from '../../src/registry/registry.js';
import type { Block, Dataset, JsonObject } from '../../src/core/types.js';

torch.setNumThreads(1);

const n = 12;
const labels: Block = { shape: [n], data: Float32Array.from({ length: n }, (_, i) => i % 3) };
const probs: Block = { shape: [n, 3], data: Float32Array.from({ length: 3 * n }, (_, i) => ((i * 7) % 5) / 5) };
const test_: Dataset = { version: 'check', size: n, fields: { y: labels, v: { shape: [n], data: Float32Array.from({ length: n }, (_, i) => i / 2) } } };

const cases: { kind: string; args: JsonObject; pred: Block; target: string; value: number }[] = [
  { kind: 'zero-one', args: {}, pred: probs, target: 'y', value: NaN },
  { kind: 'mse', args: {}, pred: labels, target: 'v', value: NaN },
  { kind: 'mae', args: { targetMin: 1, targetMax: 4 }, pred: labels, target: 'v', value: NaN },
  { kind: 'nearest-neighbour-error', args: {}, pred: probs, target: 'y', value: NaN },
  { kind: 'slice', args: { loss: { kind: 'zero-one' }, where: { class: [0, 2] } }, pred: labels, target: 'y', value: 0 },
];

for (const c of cases) {
  test(`checkLoss ${c.kind} ${JSON.stringify(c.args)}`, () => {
    const value = checkLoss(c.kind, c.args, c.pred, test_, c.target);
    if (!Number.isNaN(c.value)) assert.equal(value, c.value);
  });
}

test('every registered loss has a conformance case', () => {
  const covered = new Set(cases.map((c) => c.kind));
  assert.deepEqual(listLosses().filter((k) => !covered.has(k) && !k.startsWith('test-')), []);
});

test('checkLoss catches a loss that modifies the prediction and returns NaN', () => {
  registerLoss({ kind: 'test-sloppy-loss', evaluate: (pred) => { (pred as Block).data[0] += 1; return NaN; } }, { replace: true });
  assert.throws(() => checkLoss('test-sloppy-loss', {}, { shape: [n], data: labels.data.slice() }, test_, 'y'), (err: Error) =>
    /expected a finite number/.test(err.message) && /modified the prediction/.test(err.message));
});
