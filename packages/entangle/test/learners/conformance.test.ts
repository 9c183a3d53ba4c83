// Every registered learner passes checkLearner on tiny synthetic data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import '../../src/learners/index.js';
import { checkLearner } from '../../src/learners/check.js';
import { listLearners } from '../../src/registry/registry.js';
import type { JsonObject, TrainSet } from '../../src/core/types.js';
import { classificationSet, imageSet, regressionSet } from './synthetic.js';

torch.setNumThreads(1);

const quick = { epochs: 2, batchSize: 16 };
const cls = classificationSet(48, 4, 3);
const reg = regressionSet(40, 3);
const img = imageSet(12, 28);
const discrete: TrainSet = {
  inputs: {
    size: 8,
    blocks: [
      { name: 'u', kind: 'label', value: { shape: [8], data: Float32Array.from([0, 0, 1, 1, 0, 1, 1, 0]) } },
      { name: 'v', kind: 'label', value: { shape: [8], data: Float32Array.from([0, 1, 0, 1, 1, 1, 0, 0]) } },
    ],
  },
  target: { shape: [8], data: Float32Array.from([0, 1, 1, 1, 1, 1, 1, 0]) },
};

const cases: { kind: string; args: JsonObject; train: TrainSet; shape: number[] }[] = [
  { kind: 'linear-regression', args: {}, train: reg, shape: [40] },
  { kind: 'linear-regression', args: { method: 'trained', train: quick }, train: reg, shape: [40] },
  { kind: 'logistic-regression', args: { output: 'probabilities', train: quick }, train: cls, shape: [48, 3] },
  { kind: 'mlp', args: { hidden: [8], output: 'label', train: quick }, train: cls, shape: [48] },
  { kind: 'mlp', args: { hidden: [8, 4], output: 'features', train: quick }, train: cls, shape: [48, 4] },
  { kind: 'mlp', args: { hidden: [8], output: 'value', train: { ...quick, optimizer: 'sgd', lr: 0.01, momentum: 0.9 } }, train: reg, shape: [40] },
  { kind: 'convnet', args: { head: [16], output: 'logits', train: { ...quick, augment: { cropPadding: 2, horizontalFlip: true } } }, train: img, shape: [12, 2] },
  { kind: 'convnet', args: { output: 'features', train: quick }, train: img, shape: [12, 512] },
  { kind: 'resnet', args: { width: 4, stem: 'cifar', output: 'features', train: { epochs: 1, batchSize: 6 } }, train: img, shape: [12, 32] },
  { kind: 'knn', args: { k: 3, metric: 'cosine' }, train: cls, shape: [48] },
  { kind: 'knn', args: { k: 2, output: 'value' }, train: reg, shape: [40] },
  { kind: 'bayes-optimal', args: { output: 'probabilities' }, train: discrete, shape: [8, 2] },
  { kind: 'frozen', args: { function: 'identity' }, train: cls, shape: [48, 4] },
];

for (const c of cases) {
  test(`checkLearner ${c.kind} ${JSON.stringify(c.args)}`, async () => {
    const report = await checkLearner(c.kind, c.args, { train: c.train, inputs: c.train.inputs }, 7);
    assert.deepEqual(report.outputShape, c.shape);
  });
}

test('every registered learner has a conformance case', () => {
  const covered = new Set(cases.map((c) => c.kind));
  assert.deepEqual(listLearners().filter((k) => !covered.has(k)), []);
});
