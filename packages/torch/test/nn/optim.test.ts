import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { assertClose } from './assert-close.js';
import { pytorchFixtures } from './fixtures/pytorch-fixtures.js';

const { optim } = torch;

function values(t: torch.Tensor): number[] {
  return Array.from(t.toTypedArray() as Float32Array);
}

function param(data: readonly number[]): torch.Tensor {
  return torch.tensor(new Float32Array(data), [data.length], { requiresGrad: true });
}

/** Sets p.grad by back-propagating sum(coef · p²) / 2, i.e. grad = coef · p. */
function setGrad(p: torch.Tensor, coef: readonly number[]): void {
  torch.tidy(() => p.mul(p).mul(torch.tensor(new Float32Array(coef))).sum().mul(0.5).backward());
}

test('SGD with momentum, weight decay and Nesterov matches a hand computation', () => {
  const p = param([1, -2]);
  const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.5, nesterov: true });
  // grad = [2, 3]·p. Step 1: g = grad + 0.5p; b = g; d = g + 0.9b; p -= 0.1d.
  const ref = [1, -2];
  let buf: number[] | null = null;
  for (let step = 0; step < 3; step++) {
    opt.zeroGrad();
    setGrad(p, [2, 3]);
    opt.step();
    const g = ref.map((v, i) => [2, 3][i] * v + 0.5 * v);
    buf = buf === null ? g : buf.map((b, i) => 0.9 * b + g[i]);
    const d = g.map((gi, i) => gi + 0.9 * buf![i]);
    for (let i = 0; i < 2; i++) ref[i] -= 0.1 * d[i];
    assertClose(values(p), ref, `SGD step ${step + 1}`, 1e-6);
  }
  opt.dispose();
  p.dispose();
});

test('Adam matches a hand computation of the bias-corrected update', () => {
  const p = param([0.5, -1.5, 3]);
  const [lr, b1, b2, eps] = [0.01, 0.9, 0.999, 1e-8];
  const opt = new optim.Adam([p], { lr });
  const ref = [0.5, -1.5, 3];
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  for (let t = 1; t <= 4; t++) {
    opt.zeroGrad();
    setGrad(p, [1, 4, 0.25]);
    opt.step();
    for (let i = 0; i < 3; i++) {
      const g = [1, 4, 0.25][i] * ref[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      ref[i] -= (lr / (1 - b1 ** t)) * m[i] / (Math.sqrt(v[i]) / Math.sqrt(1 - b2 ** t) + eps);
    }
    assertClose(values(p), ref, `Adam step ${t}`, 1e-6);
  }
  assert.equal(opt.stepCount(p), 4);
  opt.dispose();
  p.dispose();
});

test('SGD and Adam trajectories equal PyTorch 1.13 on the fixture problem', () => {
  const problem = pytorchFixtures.optimizerProblem;
  for (const [name, fx] of Object.entries(pytorchFixtures.optimizers)) {
    const o = fx.options as { kind: string; lr: number; momentum?: number; weightDecay?: number; nesterov?: boolean; betas?: readonly number[]; eps?: number };
    const p = param(problem.p0);
    const opt = o.kind === 'sgd'
      ? new optim.SGD([p], { lr: o.lr, momentum: o.momentum, weightDecay: o.weightDecay, nesterov: o.nesterov })
      : new optim.Adam([p], { lr: o.lr, betas: o.betas ? [o.betas[0], o.betas[1]] : undefined, eps: o.eps, weightDecay: o.weightDecay });
    const target = torch.tensor(new Float32Array(problem.target));
    const scale = torch.tensor(new Float32Array(problem.scale));
    fx.trajectory.forEach((expected, step) => {
      torch.tidy(() => {
        opt.zeroGrad();
        // loss = sum(scale · (p − target)²) + sum(p³) / 3
        scale.mul(p.sub(target).pow(2)).sum().add(p.pow(3).sum().div(3)).backward();
        opt.step();
      });
      assertClose(values(p), expected, `${name} step ${step + 1}`, 1e-6, 1e-5);
    });
    torch.dispose([p, target, scale]);
    opt.dispose();
  }
});

test('parameters without a gradient are skipped; zeroGrad clears gradients; lr can be changed', () => {
  const a = param([1, 1]);
  const b = param([2, 2]);
  const opt = new optim.SGD([a, b], { lr: 0.5 });
  setGrad(a, [1, 1]);
  opt.step();
  assert.deepEqual(values(a), [0.5, 0.5]);
  assert.deepEqual(values(b), [2, 2]);
  opt.zeroGrad();
  assert.equal(a.grad, null);
  opt.step();
  assert.deepEqual(values(a), [0.5, 0.5], 'no gradient, no update');
  opt.lr = 0.25;
  assert.equal(opt.lr, 0.25);
  assert.throws(() => { opt.lr = -1; }, /lr must be a finite number ≥ 0, got -1/);
  assert.throws(() => new optim.Adam([torch.zeros([1])]), /does not require grad/);
  torch.dispose([a, b]);
});

test('dispose frees the optimizer state tensors', () => {
  const p = param([1, 2, 3]);
  const before = torch.memory().liveTensors;
  const adam = new optim.Adam([p]);
  const sgd = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  setGrad(p, [1, 1, 1]);
  adam.step();
  sgd.step();
  assert.equal(torch.memory().liveTensors, before + 3, 'two Adam moments and one momentum buffer');
  adam.dispose();
  sgd.dispose();
  assert.equal(torch.memory().liveTensors, before);
  p.dispose();
});

test('MultiStepLR equals PyTorch and the paper schedule', () => {
  const f = pytorchFixtures.multiStepLR;
  const p = param([0]);
  const opt = new optim.SGD([p], { lr: f.lr });
  const sched = new optim.MultiStepLR(opt, { milestones: [...f.milestones], gamma: f.gamma });
  const lrs: number[] = [];
  for (let e = 0; e < f.lrAfterEachEpoch.length; e++) {
    sched.step();
    lrs.push(opt.lr);
  }
  assertClose(lrs, f.lrAfterEachEpoch, 'lr per epoch', 1e-15, 1e-12);
  assert.equal(sched.epoch, f.lrAfterEachEpoch.length);
  assert.throws(() => new optim.MultiStepLR(opt, { milestones: [3, 2] }), /non-decreasing positive integers/);

  assert.deepEqual(optim.paperMilestones(200), [100, 150]);
  assert.deepEqual(optim.paperMilestones(10), [5, 8]);
  assert.deepEqual(optim.paperMilestones(1), [1, 1]);
  // The paper's loop: after epoch e (from 0), lr *= 0.1 once when (e+1) ≥ 0.5·E and once when (e+1) ≥ 0.75·E.
  for (let epochs = 1; epochs <= 40; epochs++) {
    const o = new optim.SGD([p], { lr: 1 });
    const s = new optim.MultiStepLR(o, { milestones: optim.paperMilestones(epochs) });
    let lr = 1;
    let first = false;
    let second = false;
    for (let e = 0; e < epochs; e++) {
      assert.equal(o.lr, lr, `epochs=${epochs}, epoch ${e}`);
      if (!first && e + 1 >= 0.5 * epochs) { lr *= 0.1; first = true; }
      if (!second && e + 1 >= 0.75 * epochs) { lr *= 0.1; second = true; }
      s.step();
    }
    assert.equal(o.lr, lr, `epochs=${epochs}, after training`);
  }
  p.dispose();
});
