import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { assertClose } from './assert-close.js';
import { pytorchFixtures } from './fixtures/pytorch-fixtures.js';

const { nn } = torch;

function values(t: torch.Tensor): number[] {
  return Array.from(t.toTypedArray() as Float32Array);
}

/** The fixed input pattern of generate.py's batchnorm_fixture. */
function fixtureInput(shape: readonly number[]): torch.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => ((i * 37) % 23) / 7.0 - 1.5);
  return torch.tensor(new Float32Array(data), [...shape]);
}

test('BatchNorm2d matches PyTorch in training and eval mode, including running statistics', () => {
  const f = pytorchFixtures.batchNorm;
  const bn = new nn.BatchNorm2d(f.shape[1]);
  torch.noGrad(() => {
    bn.weight.copyFrom(torch.tensor([...f.weight]));
    bn.bias.copyFrom(torch.tensor([...f.bias]));
  });
  torch.tidy(() => {
    const x = fixtureInput(f.shape);
    assertClose(values(bn.forward(x)), f.trainOutput, 'train output', 1e-5);
    bn.forward(x.mul(2).add(1));
    assertClose(values(bn.runningMean), f.runningMean, 'running_mean', 1e-6);
    assertClose(values(bn.runningVar), f.runningVar, 'running_var', 1e-5);
    assert.equal(bn.numBatchesTracked.item(), f.numBatchesTracked);
    bn.eval();
    assertClose(values(bn.forward(x)), f.evalOutput, 'eval output', 1e-5);
  });
  bn.dispose();
});

test('BatchNorm1d: training normalises each feature over the batch; eval leaves running stats unchanged', () => {
  const bn = new nn.BatchNorm1d(2);
  torch.tidy(() => {
    // Feature 0: [1, 3] → mean 2, biased var 1; feature 1: [2, 6] → mean 4, biased var 4.
    const x = torch.tensor(new Float32Array([1, 2, 3, 6]), [2, 2]);
    const y = values(bn.forward(x));
    const s0 = 1 / Math.sqrt(1 + 1e-5);
    const s1 = 2 / Math.sqrt(4 + 1e-5);
    assertClose(y, [-s0, -s1, s0, s1], 'train output', 1e-6);
    // running = 0.9·init + 0.1·batch, with the unbiased batch variance (2 and 8).
    assertClose(values(bn.runningMean), [0.2, 0.4], 'running_mean', 1e-6);
    assertClose(values(bn.runningVar), [0.9 + 0.2, 0.9 + 0.8], 'running_var', 1e-6);
    const runningBeforeEval = [values(bn.runningMean), values(bn.runningVar)];
    bn.eval();
    const yEval = values(bn.forward(x));
    const norm = (v: number, mean: number, variance: number): number => (v - mean) / Math.sqrt(variance + 1e-5);
    assertClose(yEval, [norm(1, 0.2, 1.1), norm(2, 0.4, 1.7), norm(3, 0.2, 1.1), norm(6, 0.4, 1.7)], 'eval output', 1e-5);
    assert.deepEqual([values(bn.runningMean), values(bn.runningVar)], runningBeforeEval, 'running stats unchanged in eval');
    assert.equal(bn.numBatchesTracked.item(), 1);
  });
  assert.throws(() => torch.tidy(() => bn.forward(torch.zeros([2, 2, 2, 2]))), /BatchNorm1d: expected 2 or 3D input/);
  bn.dispose();
});

test('BatchNorm gradients flow to weight and bias', () => {
  torch.manualSeed(3);
  const bn = new nn.BatchNorm2d(3);
  torch.tidy(() => {
    const x = torch.randn([4, 3, 2, 2]);
    bn.forward(x).mul(torch.randn([4, 3, 2, 2])).sum().backward();
    assert.deepEqual(bn.weight.grad?.shape, [3]);
    assert.ok(values(bn.bias.grad!).some((v) => v !== 0));
  });
  bn.dispose();
});
