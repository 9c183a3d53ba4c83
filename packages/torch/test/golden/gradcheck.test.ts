// Autograd gradients vs central differences in float64, independent of PyTorch; plus noGrad/enableGrad/zeroGrad.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.js';

type Tensor = torch.Tensor;
const F = torch.nn.functional;

/** Deterministic values in [-1, 1) from a 32-bit LCG, so the check needs no PyTorch generator. */
function lcgValues(seed: number, n: number): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(s / 2 ** 31 - 1);
  }
  return out;
}

interface FloatInput { shape: number[]; data: number[] }

function floatInput(seed: number, shape: number[], scale = 1, offset = 0): FloatInput {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: lcgValues(seed, n).map((v) => v * scale + offset) };
}

const f64 = (inp: FloatInput, requiresGrad = false) =>
  torch.tensor(Float64Array.from(inp.data), inp.shape, { dtype: 'float64', requiresGrad });
const i64 = (values: number[], shape: number[]) => torch.tensor(BigInt64Array.from(values.map(BigInt)), shape, { dtype: 'int64' });

/** sum(out * g) for a fixed g from the LCG (g is created lazily once the output shape is known). */
function weightedSum(out: Tensor, seed = 999): Tensor {
  const g = floatInput(seed, [...out.shape]);
  return torch.sum(torch.mul(out, f64(g)));
}

const H = 1e-6;
const RTOL = 1e-5;
const ATOL = 1e-7;

/** Compares autograd with central differences for every element of every float input. */
function gradcheck(name: string, inputs: FloatInput[], fn: (xs: Tensor[]) => Tensor): void {
  const leaves = inputs.map((inp) => f64(inp, true));
  weightedSum(fn(leaves)).backward();
  const lossAt = (k: number, j: number, delta: number) => {
    const copies = inputs.map((inp, m) => (m === k ? { shape: inp.shape, data: inp.data.map((v, q) => (q === j ? v + delta : v)) } : inp));
    return weightedSum(fn(copies.map((c) => f64(c)))).item();
  };
  inputs.forEach((inp, k) => {
    const grad = leaves[k].grad;
    assert.ok(grad, `${name}: input ${k} has no grad after backward()`);
    const analytic = Array.from(grad!.toTypedArray() as Float64Array);
    for (let j = 0; j < inp.data.length; j++) {
      const numeric = (lossAt(k, j, H) - lossAt(k, j, -H)) / (2 * H);
      const err = Math.abs(numeric - analytic[j]);
      assert.ok(err <= ATOL + RTOL * Math.abs(numeric),
        `${name}: d loss / d input${k}[${j}] autograd ${analytic[j]}, central difference ${numeric} (|diff| ${err})`);
    }
  });
}

test('gradcheck matmul', () => {
  gradcheck('matmul', [floatInput(1, [3, 4]), floatInput(2, [4, 2])], ([a, b]) => torch.matmul(a, b));
});

test('gradcheck conv2d with stride, padding, dilation and groups', () => {
  gradcheck('conv2d', [floatInput(3, [1, 4, 5, 5]), floatInput(4, [4, 2, 2, 2], 0.5), floatInput(5, [4])],
    ([x, w, b]) => F.conv2d(x, w, b, { stride: 2, padding: 1, dilation: 2, groups: 2 }));
});

test('gradcheck batchNorm in training mode', () => {
  gradcheck('batchNorm', [floatInput(6, [4, 2, 2, 2], 2), floatInput(7, [2], 0.5, 1), floatInput(8, [2])],
    ([x, w, b]) => F.batchNorm(x, torch.zeros([2], { dtype: 'float64' }), torch.ones([2], { dtype: 'float64' }), w, b,
      { training: true, momentum: 0.1, eps: 1e-5 }));
});

test('gradcheck logSoftmax', () => {
  gradcheck('logSoftmax', [floatInput(9, [3, 5], 3)], ([x]) => F.logSoftmax(x, 1));
});

test('gradcheck crossEntropy', () => {
  const target = i64([0, 3, 1, 3], [4]);
  gradcheck('crossEntropy', [floatInput(10, [4, 4], 2)], ([x]) => F.crossEntropy(x, target, { reduction: 'sum' }));
});

test('gradcheck smoothL1Loss on both sides of beta', () => {
  gradcheck('smoothL1Loss', [floatInput(11, [3, 4], 1.5), floatInput(12, [3, 4], 0.3)],
    ([x, y]) => F.smoothL1Loss(x, y, { beta: 0.6, reduction: 'none' }));
});

test('gradcheck interpolate bilinear', () => {
  gradcheck('interpolate', [floatInput(13, [1, 2, 3, 3])],
    ([x]) => F.interpolate(x, { size: [5, 4], mode: 'bilinear', alignCorners: false }));
});

test('gradcheck cdist', () => {
  gradcheck('cdist', [floatInput(14, [3, 2]), floatInput(15, [4, 2])], ([a, b]) => torch.cdist(a, b));
});

test('gradcheck gather', () => {
  const index = i64([2, 0, 1, 1, 0, 2], [2, 3]);
  gradcheck('gather', [floatInput(16, [2, 3])], ([x]) => torch.gather(x, 1, index));
});

test('gradcheck pad reflect', () => {
  gradcheck('pad', [floatInput(17, [1, 1, 3, 4])], ([x]) => F.pad(x, [2, 1, 1, 2], { mode: 'reflect' }));
});

test('noGrad builds no graph and enableGrad re-enables it inside', () => {
  const x = f64(floatInput(18, [3]), true);
  const y = torch.noGrad(() => torch.mul(x, 2));
  assert.equal(y.requiresGrad, false, 'a result computed under noGrad must not require grad');
  assert.equal(torch.isGradEnabled(), true, 'grad mode must be on outside noGrad');
  assert.equal(torch.noGrad(() => torch.isGradEnabled()), false, 'isGradEnabled() must be false inside noGrad');
  const z = torch.noGrad(() => torch.enableGrad(() => torch.mul(x, 2)));
  assert.equal(z.requiresGrad, true, 'enableGrad inside noGrad must record the graph');
});

test('grads accumulate across backward calls and zeroGrad clears them', () => {
  const inp = floatInput(19, [4]);
  const x = f64(inp, true);
  torch.sum(torch.mul(x, x)).backward();
  torch.sum(torch.mul(x, x)).backward();
  const acc = Array.from(x.grad!.toTypedArray() as Float64Array);
  acc.forEach((v, j) => assert.ok(Math.abs(v - 4 * inp.data[j]) < 1e-12, `grad[${j}] ${v}, expected 4*x = ${4 * inp.data[j]}`));
  x.zeroGrad();
  const after = x.grad ? Array.from(x.grad.toTypedArray() as Float64Array) : [0, 0, 0, 0];
  assert.deepEqual(after, [0, 0, 0, 0], 'zeroGrad must leave a zero (or null) grad');
});
