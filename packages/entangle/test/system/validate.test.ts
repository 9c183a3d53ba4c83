import { test } from 'node:test';
import assert from 'node:assert/strict';
import './fixtures/learners.js';
import { defineSystem, validateDeclaration, type ModelSpec, type SystemDeclaration } from '../../src/system/index.js';
import { SystemValidationError } from '../../src/core/errors.js';
import { field, makeDataset } from '../../src/core/dataset.js';
import { regressionDataset } from './fixtures/datasets.js';

const model = (id: string, over: Partial<ModelSpec> = {}): ModelSpec => ({
  id, inputs: ['x1'], parents: [], learner: { kind: 'test-least-squares', args: {} }, train: 'train', target: 'y', test: 'test', loss: { kind: 'test-mse' }, output: 'value', ...over,
});
const decl = (models: ModelSpec[], datasets = { train: regressionDataset(20, 1), test: regressionDataset(20, 2) }): SystemDeclaration => ({ name: 'demo', datasets, models });

/** The issues of a declaration that must be invalid; also checks defineSystem throws them all in one error. */
function problems(d: SystemDeclaration): { codes: string[]; message: string } {
  const issues = validateDeclaration(d);
  let message = '';
  assert.throws(() => defineSystem(d), (e: unknown) => {
    assert.ok(e instanceof SystemValidationError);
    assert.deepEqual(e.issues, issues);
    message = e.message;
    return true;
  });
  return { codes: issues.map((i) => i.code), message };
}

test('a valid declaration has no issues', () => {
  assert.deepEqual(validateDeclaration(decl([model('u'), model('w', { inputs: [], parents: ['u'] })])), []);
});

test('cycles are named', () => {
  const { codes, message } = problems(decl([model('u', { parents: ['v'] }), model('v', { parents: ['u'] })]));
  assert.deepEqual(codes, ['cycle']);
  assert.match(message, /models form a cycle: u → v → u/);
});

test('a model that is its own parent is a cycle', () => {
  const { codes, message } = problems(decl([model('u', { parents: ['u'] })]));
  assert.deepEqual(codes, ['cycle']);
  assert.match(message, /u → u/);
});

test('unknown parents suggest the closest model id', () => {
  const { codes, message } = problems(decl([model('upstream'), model('w', { parents: ['upstraem'] })]));
  assert.deepEqual(codes, ['unknown-parent']);
  assert.match(message, /model 'w': lists parent 'upstraem', which is not in the system \(expected one of upstream, w, got 'upstraem'\)\. Fix: did you mean 'upstream'\?/);
});

test('unknown fields suggest the closest field', () => {
  const { codes, message } = problems(decl([model('u', { inputs: ['x_1'] })]));
  assert.deepEqual(codes, ['unknown-field']);
  assert.match(message, /model 'u': reads field 'x_1', which datasets 'train' \(its training set\), 'test' \(its test set\) do not have.*did you mean 'x1'\?/);
});

test('a parent must find its input fields in the datasets of its descendants', () => {
  const childTrain = makeDataset({ fields: { x2: field([1, 2, 3], [3, 1]), y: field([1, 2, 3], [3, 1]) } });
  const d = decl([model('u'), model('w', { inputs: ['x2'], parents: ['u'], train: 'child' })]);
  d.datasets.child = childTrain;
  const { codes, message } = problems(d);
  assert.deepEqual(codes, ['unknown-field']);
  assert.match(message, /model 'u': reads field 'x1', which dataset 'child' \(the training set of its descendant 'w'\) does not have/);
});

test('unknown datasets suggest the closest dataset', () => {
  const { codes, message } = problems(decl([model('u', { train: 'trian' })]));
  assert.deepEqual(codes, ['unknown-dataset']);
  assert.match(message, /train dataset 'trian' is not in the system .*did you mean 'train'\?/);
});

test('unknown learners and losses suggest the closest registered kind', () => {
  const { codes, message } = problems(decl([model('u', { learner: { kind: 'test-least-square', args: {} }, loss: { kind: 'test-mes' } })]));
  assert.deepEqual(codes, ['unknown-learner', 'unknown-loss']);
  assert.match(message, /learner kind 'test-least-square' is not registered.*did you mean 'test-least-squares'\?/);
  assert.match(message, /loss kind 'test-mes' is not registered.*did you mean 'test-mse'\?/);
});

test('learner args are checked by the learner', () => {
  const { codes, message } = problems(decl([model('u', { learner: { kind: 'test-least-squares', args: { lamda: 1 } } })]));
  assert.deepEqual(codes, ['invalid-args']);
  assert.match(message, /rejects its args: unknown arg 'lamda'/);
});

test('duplicate ids are reported', () => {
  const { codes, message } = problems(decl([model('u'), model('u')]));
  assert.deepEqual(codes, ['duplicate-id']);
  assert.match(message, /two models have the id 'u'/);
});

test('empty datasets are reported', () => {
  const empty = { version: 'empty', size: 0, fields: {} };
  const { codes, message } = problems(decl([model('u')], { train: regressionDataset(20, 1), test: empty }));
  assert.deepEqual(codes, ['empty-dataset']);
  assert.match(message, /dataset 'test': the dataset has no examples \(expected size ≥ 1, got size 0\)/);
});

test('fields with the wrong number of rows are reported', () => {
  const ds = regressionDataset(20, 1);
  const bad = { ...ds, fields: { ...ds.fields, x1: field(new Array(19).fill(0), [19, 1]) } };
  const { codes, message } = problems(decl([model('u')], { train: bad, test: regressionDataset(20, 2) }));
  assert.deepEqual(codes, ['row-count-mismatch']);
  assert.match(message, /field 'x1' does not have one row per example \(expected shape \[20, \.\.\.\], got shape \[19, 1\]\)/);
});

test('incompatible shapes between a parent output and a child input are reported', () => {
  const { codes, message } = problems(decl([
    model('u', { learner: { kind: 'test-least-squares', args: { outputs: 3 } } }),
    model('w', { inputs: [], parents: ['u'], learner: { kind: 'test-least-squares', args: { inputWidth: 2 } } }),
  ]));
  assert.deepEqual(codes, ['incompatible-inputs']);
  assert.match(message, /model 'w': learner 'test-least-squares' cannot use its inputs: expects a total input width of 2, got 3 \(got u: value \[3\]\)/);
});

test('records outputs fed to a dense learner are reported', () => {
  const { codes, message } = problems(decl([
    model('u', { learner: { kind: 'test-records', args: {} }, output: 'boxes', loss: { kind: 'test-records-count' } }),
    model('w', { inputs: ['x2'], parents: ['u'] }),
  ]));
  assert.deepEqual(codes, ['incompatible-inputs']);
  assert.match(message, /block 'u' is records; least squares needs dense blocks/);
});

test('a declared output kind that the learner does not emit is reported', () => {
  const { codes, message } = problems(decl([model('u', { output: 'features' })]));
  assert.deepEqual(codes, ['output-kind-mismatch']);
  assert.match(message, /declares output 'features' but learner 'test-least-squares' emits 'value'/);
});

test('a loss that cannot score the output kind is reported', () => {
  const { codes } = problems(decl([model('u', { loss: { kind: 'test-records-count' } })]));
  assert.deepEqual(codes, ['loss-output-mismatch']);
});

test('non-finite targets are reported with the row', () => {
  const ds = regressionDataset(20, 1);
  const y = Float32Array.from(ds.fields.y.data);
  y[7] = Number.NaN;
  const bad = { ...ds, fields: { ...ds.fields, y: { shape: [20, 1], data: y } } };
  const { codes, message } = problems(decl([model('u')], { train: bad, test: regressionDataset(20, 2) }));
  assert.deepEqual(codes, ['non-finite-target']);
  assert.match(message, /target 'y' of dataset 'train' contains non-finite values \(expected finite numbers, got NaN in row 7\)/);
});

test('unknown targets are reported', () => {
  const { codes, message } = problems(decl([model('u', { target: 'why' })]));
  assert.deepEqual(codes, ['unknown-target', 'unknown-target']);
  assert.match(message, /target 'why' is not a field of dataset 'train'/);
});

test('every problem is reported at once', () => {
  const { codes, message } = problems(decl([
    model('u', { learner: { kind: 'nope', args: {} } }),
    model('v', { train: 'missing' }),
    model('w', { parents: ['u', 'ghost'] }),
    model('w'),
  ]));
  assert.deepEqual(codes.sort(), ['duplicate-id', 'unknown-dataset', 'unknown-learner', 'unknown-parent']);
  assert.match(message, /^System 'demo' is not valid: 4 problems:\n  1\. /);
});
