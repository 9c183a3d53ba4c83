// digits-loss-mismatch (paper §4.1.1) at the quick preset: the direction of the effect with fixed seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSweepResult, quickStore } from './quick-run.js';

const q = quickStore();
test.after(() => q.close());

test('quick: more noisy examples lower v’s MSE and raise w’s 4-class error; a rerun reuses every job', async () => {
  const result = await q.run('digits-loss-mismatch');
  assertSweepResult(result, 'digits-loss-mismatch', [0, 9]);
  assert.equal(result.comparisons[0].evaluation.models[0].loss, 'mse');
  assert.equal(result.jobs.trained, 8);
  const again = await q.run('digits-loss-mismatch');
  assert.equal(again.jobs.trained, 0);
  assert.deepEqual(again.tables, result.tables);
});
