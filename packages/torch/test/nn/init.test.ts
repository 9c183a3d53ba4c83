import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { assertClose } from './assert-close.js';
import { pytorchFixtures } from './fixtures/pytorch-fixtures.js';

const { nn } = torch;

function values(t: torch.Tensor): number[] {
  return Array.from(t.toTypedArray() as Float32Array);
}

test('default Linear and Conv2d initialisation equals PyTorch for the same seed', () => {
  const f = pytorchFixtures.init;
  torch.manualSeed(f.seed);
  const linear = new nn.Linear(5, 3);
  const conv = new nn.Conv2d(2, 4, 3);
  assertClose(values(linear.weight), f.linearWeight, 'Linear.weight', 1e-7, 0);
  assertClose(values(linear.bias!), f.linearBias, 'Linear.bias', 1e-7, 0);
  assertClose(values(conv.weight), f.convWeight, 'Conv2d.weight', 1e-7, 0);
  assertClose(values(conv.bias!), f.convBias, 'Conv2d.bias', 1e-7, 0);
  linear.dispose();
  conv.dispose();
});

test('same seed gives the same weights; weights lie within ±1/sqrt(fan_in)', () => {
  torch.manualSeed(11);
  const a = new nn.Conv2d(3, 8, 5);
  torch.manualSeed(11);
  const b = new nn.Conv2d(3, 8, 5);
  assert.deepEqual(values(a.weight), values(b.weight));
  const bound = 1 / Math.sqrt(3 * 5 * 5);
  const w = values(a.weight);
  assert.ok(w.every((v) => Math.abs(v) <= bound), 'weights inside the bound');
  assert.ok(Math.max(...w.map(Math.abs)) > 0.9 * bound, 'weights fill the bound');
  a.dispose();
  b.dispose();
});

test('fans and the kaiming_normal(fan_out) std used by resnet18', () => {
  assert.deepEqual(nn.init.fans([8, 3, 5, 5]), { fanIn: 75, fanOut: 200 });
  assert.deepEqual(nn.init.fans([10, 4]), { fanIn: 4, fanOut: 10 });
  torch.manualSeed(12);
  const w = torch.zeros([64, 64, 3, 3]);
  nn.init.kaimingNormalFanOut(w);
  const std = w.std().item();
  const expected = Math.sqrt(2 / (64 * 9));
  assert.ok(Math.abs(std - expected) / expected < 0.03, `std ${std}, expected ${expected}`);
  w.dispose();
});
