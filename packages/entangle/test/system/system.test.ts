import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainSystem } from './fixtures/systems.js';
import { applyUpdate, jobKeys, modelSeed } from '../../src/system/index.js';
import { UpdateError, UnknownNameError, SystemValidationError } from '../../src/core/errors.js';

test('topological order, parents, children, ancestors, descendants', () => {
  const s = chainSystem();
  assert.deepEqual(s.topoOrder(), ['u', 'v', 'w', 'k']);
  assert.deepEqual(s.children('u'), ['w']);
  assert.deepEqual(s.parents('w'), ['u', 'v']);
  assert.deepEqual(s.ancestors('k'), ['u', 'v', 'w']);
  assert.deepEqual(s.ancestors('u'), []);
  assert.deepEqual(s.descendants('u'), ['w', 'k']);
  assert.deepEqual(s.descendants('k'), []);
  assert.throws(() => s.descendants('x'), (e: unknown) => e instanceof UnknownNameError && /has no model 'x'/.test(e.message));
});

test('prediction sets include descendants’ training and test sets', () => {
  const s = chainSystem();
  assert.deepEqual(s.predictionSets('k'), ['test']);
  assert.deepEqual(s.predictionSets('w'), ['test', 'k-train']);
  assert.deepEqual(s.predictionSets('u'), ['test', 'w-train', 'k-train']);
});

test('a system is immutable', () => {
  const s = chainSystem();
  assert.throws(() => { (s.models[0] as { id: string }).id = 'zz'; }, TypeError);
  assert.throws(() => { (s.model('w').parents as string[]).push('k'); }, TypeError);
  assert.throws(() => { (s.datasets as Record<string, unknown>).extra = 1; }, TypeError);
});

test('applyUpdate replaces the learner args, training set and target, keeping the test target fixed', () => {
  const s = chainSystem();
  const t = applyUpdate(s, { name: 'less data', model: 'u', train: 'u-small', args: { lambda: 0.5 } });
  assert.equal(t.model('u').train, 'u-small');
  assert.equal(t.model('u').learner.args.lambda, 0.5);
  assert.equal(t.model('u').learner.args.bootstrap, true);
  assert.equal(s.model('u').train, 'u-train');
  const r = applyUpdate(s, { name: 'new target', model: 'w', target: 'y' });
  assert.equal(r.model('w').target, 'y');
  assert.equal(r.model('w').testTarget, 'z');
  const l = applyUpdate(s, { name: 'objective', model: 'w', loss: { kind: 'huber', args: { delta: 1 } } });
  assert.deepEqual(l.model('w').learner.args, { bootstrap: true, loss: 'huber', lossArgs: { delta: 1 } });
  assert.deepEqual(l.source?.updates?.map((u) => u.name), ['objective']);
});

test('applyUpdate rejects unknown models, no-op updates and invalid results', () => {
  const s = chainSystem();
  assert.throws(() => applyUpdate(s, { name: 'x', model: 'uu', args: { lambda: 1 } }), (e: unknown) => e instanceof UpdateError && /Did you mean 'u'\?/.test(e.message));
  assert.throws(() => applyUpdate(s, { name: 'same', model: 'u', train: 'u-train' }), /does not change model 'u'/);
  assert.throws(() => applyUpdate(s, { name: 'bad', model: 'u', train: 'nowhere' }), SystemValidationError);
});

test('an update changes only the keys of the updated model and its descendants', () => {
  const s = chainSystem();
  const before = jobKeys(s, 3);
  const after = jobKeys(applyUpdate(s, { name: 'u more reg', model: 'u', args: { lambda: 2 } }), 3);
  assert.equal(after.get('v'), before.get('v'));
  for (const id of ['u', 'w', 'k']) assert.notEqual(after.get(id), before.get(id), id);
  const wOnly = jobKeys(applyUpdate(s, { name: 'w more reg', model: 'w', args: { lambda: 2 } }), 3);
  assert.deepEqual(['u', 'v'].map((id) => wOnly.get(id)), ['u', 'v'].map((id) => before.get(id)));
  assert.deepEqual(['w', 'k'].map((id) => wOnly.get(id) === before.get(id)), [false, false]);
});

test('keys depend on the seed and are stable across rebuilds', () => {
  const a = jobKeys(chainSystem(), 1), b = jobKeys(chainSystem(), 1), c = jobKeys(chainSystem(), 2);
  assert.deepEqual([...a], [...b]);
  for (const id of a.keys()) assert.notEqual(a.get(id), c.get(id));
  assert.equal(a.get('u')!.length, 64);
});

test('model seeds differ between models and are stable', () => {
  assert.equal(modelSeed(1, 'u'), modelSeed(1, 'u'));
  assert.notEqual(modelSeed(1, 'u'), modelSeed(1, 'v'));
  assert.notEqual(modelSeed(1, 'u'), modelSeed(2, 'u'));
  assert.ok(modelSeed(7, 'w') >= 0 && modelSeed(7, 'w') < 2 ** 31);
});

test('a seed-salt update retrains the model with another random stream (a null update)', () => {
  const s = chainSystem();
  const salted = applyUpdate(s, { name: 'same learner, another draw', model: 'u', seedSalt: 'again' });
  assert.equal(salted.model('u').seedSalt, 'again');
  assert.deepEqual(salted.model('u').learner, s.model('u').learner);
  const [before, after] = [jobKeys(s, 0), jobKeys(salted, 0)];
  assert.notEqual(after.get('u'), before.get('u'));
  assert.notEqual(after.get('w'), before.get('w'));
  assert.equal(after.get('v'), before.get('v'));
  assert.notEqual(modelSeed(0, 'u', 'again'), modelSeed(0, 'u'));
  assert.equal(modelSeed(0, 'u', undefined), modelSeed(0, 'u'));
});
