// The plain-number statistics behind the diagnosis scores, the ranking, and the widening rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cancellationLost, clamp01, collisionRate, explainedShare, mean, pearson, recovery, sliceShortfall } from '../../src/diagnose/stats.js';
import { rankEvidence } from '../../src/diagnose/diagnose.js';
import { widenLearner } from '../../src/diagnose/widen.js';
import type { Evidence } from '../../src/diagnose/types.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

test('pearson: hand values, sign, zero variance gives 0', () => {
  close(pearson([1, 2, 3, 4], [2, 4, 6, 8]), 1);
  close(pearson([1, 2, 3, 4], [8, 6, 4, 2]), -1);
  // x = [1,2,3], y = [1,3,2]: cov = 0.5·(…) → r = 0.5
  close(pearson([1, 2, 3], [1, 3, 2]), 0.5);
  assert.equal(pearson([0, 0, 0], [1, 2, 3]), 0, 'a parent without errors has nothing to correlate');
  assert.throws(() => pearson([1, 2], [1]), /equal length/);
});

test('collisionRate: share of examples no function of the tuple can get right', () => {
  assert.equal(collisionRate(['a', 'a', 'b', 'b'], [0, 0, 1, 1]), 0);
  // tuple 'a' holds classes 0,0,1 → one unavoidable error; 'b' holds 1 → none; 1/4
  assert.equal(collisionRate(['a', 'a', 'a', 'b'], [0, 0, 1, 1]), 0.25);
  assert.equal(collisionRate(['a', 'a'], [0, 1]), 0.5);
});

test('scores: explained share, lost cancellation, recovery, slice shortfall', () => {
  assert.equal(explainedShare(0.05, 0.1), 0.5);
  assert.equal(explainedShare(0.3, 0.1), 1);
  assert.equal(explainedShare(-0.1, 0.1), 0);
  assert.equal(explainedShare(0.1, 0), 0, 'no harm, nothing to explain');
  close(cancellationLost(-0.9, 0), 0.9);
  close(cancellationLost(-0.9, 0.4), 0.9, 1e-12);
  close(cancellationLost(-0.9, -0.6), 0.3);
  assert.equal(cancellationLost(0.3, 0.9), 0, 'positively correlated errors never cancelled');
  assert.equal(recovery(0.01, 0.11, 0.01), 1);
  close(recovery(0.01, 0.11, 0.06), 0.5);
  assert.equal(recovery(0.01, 0.11, 0.2), 0);
  assert.equal(recovery(0.01, 0.005, 0), 0, 'no harm: nothing to recover');
  assert.equal(sliceShortfall(-0.1, -0.1), 0);
  assert.equal(sliceShortfall(-0.1, 0), 1);
  close(sliceShortfall(-0.1, -0.025), 0.75);
  assert.equal(sliceShortfall(0.1, 0.5), 0, 'v did not improve overall');
  assert.equal(clamp01(NaN), 0);
  assert.ok(Number.isNaN(mean([])));
});

test('rankEvidence: by score, then applicable, then the fixed kind order', () => {
  const e = (kind: Evidence['kind'], score: number, applicable = true): Evidence => ({ kind, score, applicable, explanation: '', statistics: {} });
  const ranked = rankEvidence([e('loss-mismatch', 0.2), e('data-mismatch', 0.9), e('anti-correlated', 0, false), e('hypothesis-mismatch', 0)]);
  assert.deepEqual(ranked.map((x) => x.kind), ['data-mismatch', 'loss-mismatch', 'hypothesis-mismatch', 'anti-correlated']);
});

test('widenLearner: built-in rules, refusals with reasons, user override', () => {
  const fromLogistic = widenLearner({ kind: 'logistic-regression', args: { output: 'label', train: { lr: 0.05, epochs: 40, batchSize: 64 } } });
  assert.deepEqual(fromLogistic, { learner: { kind: 'mlp', args: { output: 'label', hidden: [64, 64], train: { lr: 0.01, epochs: 80, batchSize: 64 } } } });
  const fromLinear = widenLearner({ kind: 'linear-regression', args: {} });
  assert.ok('learner' in fromLinear && fromLinear.learner.kind === 'mlp' && fromLinear.learner.args.output === 'value');
  const fromMlp = widenLearner({ kind: 'mlp', args: { hidden: [32], train: { epochs: 5 } } });
  assert.ok('learner' in fromMlp);
  assert.deepEqual(fromMlp.learner.args.hidden, [64, 64]);
  assert.deepEqual(fromMlp.learner.args.train, { epochs: 10, lr: 0.01 });
  for (const kind of ['bayes-optimal', 'knn', 'frozen', 'resnet']) {
    const r = widenLearner({ kind, args: {} });
    assert.ok('reason' in r && r.reason.length > 20, kind);
  }
  const custom = { kind: 'knn', args: { k: 3 } };
  assert.deepEqual(widenLearner({ kind: 'bayes-optimal', args: {} }, custom), { learner: custom });
  assert.deepEqual(widenLearner({ kind: 'linear-regression', args: {} }, () => undefined), fromLinear, 'a rule returning undefined falls back');
});
