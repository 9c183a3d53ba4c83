// The whitening remedy's parts: the Jacobi eigen-solver, the 'whiten' learner, the 'whitening-error' loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import type { Block, Inputs, TrainSet } from '../../src/core/types.js';
import { checkLearner } from '../../src/learners/check.js';
import { checkLoss } from '../../src/losses/check.js';
import { makeDataset, field } from '../../src/core/dataset.js';
import { getLearner, getLoss } from '../../src/registry/registry.js';
import { symmetricEigen } from '../../src/mitigate/symmetric-eigen.js';
import '../../src/mitigate/index.js';

torch.setNumThreads(1);

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
}

test('symmetricEigen: [[2,1],[1,2]] has eigenvalues 1 and 3; a random 6×6 is rebuilt as V Λ Vᵀ with orthonormal V', () => {
  const small = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
  assert.deepEqual(Array.from(small.values).map((x) => Math.round(x * 1e12) / 1e12).sort(), [1, 3]);
  const d = 6, r = rng(3);
  const b = Float64Array.from({ length: d * d }, r);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) a[i * d + j] += b[i * d + k] * b[j * d + k];
  const { values, vectors } = symmetricEigen(a, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let rebuilt = 0, gram = 0;
      for (let k = 0; k < d; k++) { rebuilt += vectors[i * d + k] * values[k] * vectors[j * d + k]; gram += vectors[k * d + i] * vectors[k * d + j]; }
      assert.ok(Math.abs(rebuilt - a[i * d + j]) < 1e-10, `A[${i},${j}]`);
      assert.ok(Math.abs(gram - (i === j ? 1 : 0)) < 1e-10, `VᵀV[${i},${j}]`);
    }
  }
});

/** n examples of a correlated 3-D block: x = (a, a + b/2, 3c − a). */
function correlated(n: number, seed: number): Block {
  const r = rng(seed);
  const data = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) { const a = r(), b = r(), c = r(); data.set([a, a + b / 2, 3 * c - a], i * 3); }
  return { shape: [n, 3], data };
}
const inputs = (b: Block): Inputs => ({ size: b.shape[0], blocks: [{ name: 'v', kind: 'features', value: b }] });

function covariance(b: Block): number[][] {
  const [n, d] = b.shape;
  const mu = Array.from({ length: d }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += b.data[i * d + j]; return s / n; });
  return Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => { let s = 0; for (let i = 0; i < n; i++) s += (b.data[i * d + j] - mu[j]) * (b.data[i * d + k] - mu[k]); return s / n; }));
}

test('whiten (zca): the training outputs have zero mean and identity covariance; standardize: unit variances only', async () => {
  const x = correlated(500, 1);
  const train: TrainSet = { inputs: inputs(x), target: { shape: [500], data: new Float32Array(500) } };
  const zca = await getLearner('whiten').fit(train, {}, { seed: 0, model: 'v.whitened' });
  const cov = covariance(zca.predict(inputs(x)) as Block);
  cov.forEach((row, j) => row.forEach((c, k) => assert.ok(Math.abs(c - (j === k ? 1 : 0)) < 1e-3, `zca cov[${j},${k}] = ${c}`)));
  const std = await getLearner('whiten').fit(train, { method: 'standardize' }, { seed: 0, model: 'v.whitened' });
  const scov = covariance(std.predict(inputs(x)) as Block);
  scov.forEach((row, j) => assert.ok(Math.abs(row[j] - 1) < 1e-3, `standardized variance ${j}`));
  assert.ok(Math.abs(scov[0][1]) > 0.3, 'standardizing keeps the correlations');
  assert.throws(() => zca.predict({ size: 2, blocks: [{ name: 'v', kind: 'features', value: { shape: [2, 2], data: new Float32Array(4) } }] }), /fitted on 3 features/);
});

test('whiten passes the learner conformance check; whitening-error passes the loss check and is 0 on white data', async () => {
  const x = correlated(60, 2);
  const train: TrainSet = { inputs: inputs(x), target: { shape: [60], data: new Float32Array(60) } };
  const report = await checkLearner('whiten', { method: 'zca' }, { train, inputs: inputs(x) });
  assert.deepEqual(report.outputShape, [60, 3]);
  assert.deepEqual(getLearner('whiten').checkArgs!({ method: 'pca' }).length, 1);
  const test = makeDataset({ fields: { y: field(new Array(60).fill(0)) } });
  checkLoss('whitening-error', {}, x, test, 'y');
  const white = (await getLearner('whiten').fit(train, {}, { seed: 0, model: 'w' })).predict(inputs(x));
  const residual = getLoss('whitening-error').evaluate(white, test, 'y', {});
  // Not exactly 0: the eigenvalue floor ε = 1e-5 leaves each variance at λ/(λ + ε).
  assert.ok(residual < 1e-6, `whitening-error of whitened training outputs: ${residual}`);
  // Hand value: one feature with values ±2 has variance 4, so ℓ = (4 − 1)² / 1 = 9.
  const pm2 = { shape: [2, 1], data: Float32Array.from([2, -2]) };
  assert.equal(getLoss('whitening-error').evaluate(pm2, makeDataset({ fields: { y: field([0, 0]) } }), 'y', {}), 9);
});
