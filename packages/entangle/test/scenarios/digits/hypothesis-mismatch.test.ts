// digits-hypothesis-mismatch (paper §4.1.3) at the quick preset: the direction of the effect with fixed seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSweepResult, quickStore } from './quick-run.js';

const q = quickStore();
test.after(() => q.close());

test('quick: a deeper MLP head lowers the conv features’ 1-NN error and raises the linear downstream error', async () => {
  const result = await q.run('digits-hypothesis-mismatch');
  assertSweepResult(result, 'digits-hypothesis-mismatch', [1, 5]);
  assert.equal(result.comparisons[0].evaluation.models[0].loss, 'nearest-neighbour-error');
});
