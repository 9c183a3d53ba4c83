import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerLearner, getLearner, listLearners, registerLoss, getLoss, hasLoss } from '../../src/registry/index.js';
import { UnknownNameError } from '../../src/core/errors.js';
import { levenshtein, closest } from '../../src/core/suggest.js';
import type { Learner, TestLoss } from '../../src/core/types.js';

const fakeLearner = (kind: string): Learner => ({
  kind,
  fit: async () => { throw new Error('not used'); },
  load: () => { throw new Error('not used'); },
});

test('levenshtein distances', () => {
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('', 'abc'), 3);
  assert.equal(levenshtein('linear', 'linear'), 0);
  assert.equal(levenshtein('linaer', 'linear'), 2);
});

test('closest suggests only near names', () => {
  assert.equal(closest('linaer', ['logistic', 'linear', 'mlp']), 'linear');
  assert.equal(closest('MLP', ['logistic', 'linear', 'mlp']), 'mlp');
  assert.equal(closest('transformer', ['logistic', 'linear', 'mlp']), undefined);
});

test('registered learners are found by kind and listed', () => {
  const a = fakeLearner('reg-test-linear');
  registerLearner(a);
  registerLearner(a); // same object again: no-op
  assert.equal(getLearner('reg-test-linear'), a);
  assert.ok(listLearners().includes('reg-test-linear'));
  assert.throws(() => registerLearner(fakeLearner('reg-test-linear')), /already registered/);
  const b = fakeLearner('reg-test-linear');
  registerLearner(b, { replace: true });
  assert.equal(getLearner('reg-test-linear'), b);
});

test('unknown learner kind suggests the closest registered kind', () => {
  registerLearner(fakeLearner('reg-test-mlp'));
  assert.throws(
    () => getLearner('reg-test-mpl'),
    (e: unknown) => {
      assert.ok(e instanceof UnknownNameError);
      assert.equal(e.suggestion, 'reg-test-mlp');
      assert.match(e.message, /Unknown learner kind 'reg-test-mpl'\. Did you mean 'reg-test-mlp'\?/);
      assert.match(e.message, /Registered learners: .*reg-test-mlp/);
      return true;
    },
  );
});

test('losses register and unknown ones are reported', () => {
  const loss: TestLoss = { kind: 'reg-test-mse', evaluate: () => 0 };
  registerLoss(loss);
  assert.equal(getLoss('reg-test-mse'), loss);
  assert.ok(hasLoss('reg-test-mse'));
  assert.throws(() => getLoss('reg-test-mae'), /Unknown loss kind 'reg-test-mae'\. Did you mean 'reg-test-mse'\?/);
});
