// digits-hypothesis-mismatch (paper §4.1.3) at the quick preset. The paper's direction of effect did not reproduce
// on MNIST at the standard preset (no evidence over 8 seeds; docs/results.md), so asserting it at two fixed seeds
// would test luck: this test checks the run itself — the two heads give different models, the comparison carries
// consistent Definition 2.1 fields, and the table, figure and findings report what was measured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertVerdictFields, quickStore } from './quick-run.js';

const q = quickStore();
test.after(() => q.close());

test('quick: layers 1 → 5 trains two different conv nets and reports the comparison, table, figure and trend findings', async () => {
  const result = await q.run('digits-hypothesis-mismatch');
  assert.deepEqual(result.seeds, [0, 1]);
  const [c] = result.comparisons;
  assertVerdictFields(c, 'v', ['w']);
  const v = c.evaluation.models.find((m) => m.model === 'v')!;
  const w = c.evaluation.models.find((m) => m.model === 'w')!;
  assert.equal(v.loss, 'nearest-neighbour-error');
  assert.equal(w.loss, 'zero-one');
  assert.notDeepEqual(v.updated.values, v.baseline.values, 'a deeper head must change the conv features');
  // 1-NN error on 1,000 query digits and zero-one error on 2,000 test digits are multiples of 1/1000 and 1/2000.
  for (const x of v.baseline.values) assert.ok(Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-6, `${x}`);
  for (const x of w.baseline.values) assert.ok(Math.abs(x * 2000 - Math.round(x * 2000)) < 1e-6, `${x}`);
  const sweep = result.tables.find((t) => t.caption?.includes('along the sweep'))!;
  assert.deepEqual(sweep.rows.map((r) => [r[0], r[1], r[3]]), [[1, v.baseline.mean, w.baseline.mean], [5, v.updated.mean, w.updated.mean]]);
  const [upFinding, downFinding] = result.findings.slice(-2);
  assert.equal(upFinding.holds, v.updated.mean < v.baseline.mean);
  assert.equal(downFinding.holds, w.updated.mean > w.baseline.mean);
  assert.match(result.figures[0].svg, /<svg[\s\S]*number of layers/);
  assert.equal(result.jobs.trained, 8);
});
