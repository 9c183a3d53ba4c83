// digits-data-mismatch (paper §4.1.2) at the quick preset: the direction of the effect with fixed seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSweepResult, quickStore } from './quick-run.js';

const q = quickStore();
test.after(() => q.close());

test('quick: more upstream data lowers v’s 1-NN error and raises w’s 1-vs-7 error', async () => {
  const result = await q.run('digits-data-mismatch');
  assertSweepResult(result, 'digits-data-mismatch', [10, 100]);
  assert.equal(result.comparisons[0].evaluation.models[0].loss, 'nearest-neighbour-error');
});
