import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { assertClose } from './assert-close.js';

const { nn } = torch;

function mlp(): torch.nn.Sequential {
  return new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2, { bias: false }), new nn.BatchNorm1d(2));
}

test('parameters, buffers and state dict use dotted registration paths', () => {
  torch.manualSeed(0);
  const m = mlp();
  assert.deepEqual(m.namedParameters().map(([k]) => k), ['0.weight', '0.bias', '2.weight', '3.weight', '3.bias']);
  assert.deepEqual(m.namedBuffers().map(([k]) => k), ['3.running_mean', '3.running_var', '3.num_batches_tracked']);
  assert.deepEqual(Object.keys(m.stateDict()), [
    '0.weight', '0.bias', '2.weight', '3.weight', '3.bias', '3.running_mean', '3.running_var', '3.num_batches_tracked',
  ]);
  assert.equal(m.numParameters(), 4 * 3 + 3 + 3 * 2 + 2 + 2);
  assert.ok(m.parameters().every((p) => p.requiresGrad));
  assert.ok(m.buffers().every((b) => !b.requiresGrad));
  assert.deepEqual(m.namedModules().map(([k, mod]) => `${k}:${mod.constructor.name}`),
    [':Sequential', '0:Linear', '1:ReLU', '2:Linear', '3:BatchNorm1d']);
  m.dispose();
});

test('registration rejects duplicate and dotted names', () => {
  const m = new nn.Identity();
  m.registerBuffer('x', torch.zeros([1]));
  assert.throws(() => m.registerParameter('x', torch.zeros([1])), /name 'x' is already registered/);
  assert.throws(() => m.registerModule('a.b', new nn.ReLU()), /invalid name 'a.b'/);
  m.dispose();
});

test('parameters survive the tidy scope they were created in; dispose frees them', () => {
  const before = torch.memory().liveTensors;
  const m = torch.tidy(() => {
    const lin = new nn.Linear(3, 2);
    torch.tidy(() => lin.forward(torch.ones([1, 3])));
    return lin;
  });
  assert.equal(m.weight.isDisposed, false);
  assert.equal(torch.memory().liveTensors, before + 2);
  m.dispose();
  assert.equal(m.weight.isDisposed, true);
  assert.equal(torch.memory().liveTensors, before);
});

test('train() and eval() propagate to every descendant', () => {
  const m = new nn.Sequential(new nn.Sequential(new nn.Dropout(0.5)), new nn.ReLU());
  assert.ok(m.namedModules().every(([, mod]) => mod.training));
  m.eval();
  assert.ok(m.namedModules().every(([, mod]) => !mod.training));
  m.train();
  assert.ok(m.namedModules().every(([, mod]) => mod.training));
  m.dispose();
});

test('loadStateDict copies values; the source stays independent', () => {
  torch.manualSeed(1);
  const a = mlp();
  torch.manualSeed(2);
  const b = mlp();
  assert.notDeepEqual(a.stateDict()['0.weight'].toArray(), b.stateDict()['0.weight'].toArray());
  const result = b.loadStateDict(a.stateDict());
  assert.deepEqual(result, { missingKeys: [], unexpectedKeys: [] });
  for (const [k, t] of Object.entries(a.stateDict())) {
    assertClose(b.stateDict()[k].to('float64').toTypedArray() as Float64Array, t.to('float64').toTypedArray() as Float64Array, k, 0, 0);
  }
  torch.noGrad(() => a.stateDict()['0.bias'].fillInPlace(9));
  assert.notEqual(b.stateDict()['0.bias'].toArray()[0], 9);
  a.dispose();
  b.dispose();
});

test('strict loadStateDict lists missing keys, unexpected keys and shape mismatches, and copies nothing', () => {
  torch.manualSeed(3);
  const m = mlp();
  const before = m.stateDict()['0.bias'].toArray();
  const sd: Record<string, torch.Tensor> = { ...m.stateDict() };
  delete sd['3.running_var'];
  sd['extra.weight'] = torch.zeros([1]);
  sd['0.weight'] = torch.zeros([4, 3]);
  sd['0.bias'] = torch.full([3], 5);
  assert.throws(() => m.loadStateDict(sd), (err: Error) => {
    assert.match(err.message, /missing keys: 3\.running_var/);
    assert.match(err.message, /unexpected keys: extra\.weight/);
    assert.match(err.message, /0\.weight: shape \[4, 3\] in the state dict, \[3, 4\] in the module/);
    return true;
  });
  assert.deepEqual(m.stateDict()['0.bias'].toArray(), before);
  torch.dispose([sd['extra.weight'], sd['0.weight'], sd['0.bias']]);
  m.dispose();
});

test('non-strict loadStateDict loads the common keys and reports the rest; shape mismatches still throw', () => {
  torch.manualSeed(4);
  const m = mlp();
  const bias = torch.full([3], 5);
  const result = m.loadStateDict({ '0.bias': bias, 'head.bias': bias }, { strict: false });
  assert.deepEqual(result.unexpectedKeys, ['head.bias']);
  assert.equal(result.missingKeys.length, 7);
  assert.deepEqual(m.stateDict()['0.bias'].toArray(), [5, 5, 5]);
  assert.throws(() => m.loadStateDict({ '0.bias': torch.zeros([2]) }, { strict: false }), /0\.bias: shape \[2\] in the state dict, \[3\] in the module/);
  bias.dispose();
  m.dispose();
});

test('layers check their inputs and hyperparameters with readable errors', () => {
  assert.throws(() => new nn.Linear(0, 2), /Linear: inFeatures must be a positive integer, got 0/);
  assert.throws(() => new nn.Dropout(1.5), /Dropout: p must be in \[0, 1\]/);
  const conv = new nn.Conv2d(1, 2, 3);
  assert.throws(() => torch.tidy(() => conv.forward(torch.zeros([1, 5, 5]))), /Conv2d: expected 4D input \(N, C, H, W\), got 3D input of shape \[1, 5, 5\]/);
  const bn = new nn.BatchNorm2d(3);
  assert.throws(() => torch.tidy(() => bn.forward(torch.zeros([2, 4, 1, 1]))), /BatchNorm2d: expected 3 features in dimension 1, got input of shape \[2, 4, 1, 1\]/);
  conv.dispose();
  bn.dispose();
});

test('layer shapes: Linear, Conv2d, MaxPool2d, Flatten, Dropout in eval', () => {
  torch.manualSeed(5);
  const net = new nn.Sequential(
    new nn.Conv2d(2, 4, 3, { stride: 2, padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(),
    new nn.Dropout(0.3), new nn.Linear(4 * 2 * 2, 5), new nn.Identity(),
  );
  net.eval();
  torch.tidy(() => {
    const x = torch.randn([3, 2, 8, 8]);
    assert.deepEqual(net.forward(x).shape, [3, 5]);
    assert.deepEqual(net.call(x).toArray(), net.forward(x).toArray(), 'eval mode is deterministic');
  });
  assert.match(net.toString(), /0: Conv2d\(2 → 4, kernel=3, stride=2, padding=1, bias=true\)/);
  net.dispose();
});

test('Dropout zeroes about p of the elements in training mode and scales the rest by 1/(1-p)', () => {
  torch.manualSeed(6);
  const drop = new nn.Dropout(0.25);
  const values = torch.tidy(() => drop.forward(torch.ones([4000])).toTypedArray() as Float32Array);
  const zeros = values.filter((v) => v === 0).length;
  assert.ok(zeros > 850 && zeros < 1150, `zeroed ${zeros} of 4000, expected about 1000`);
  assert.ok(values.every((v) => v === 0 || Math.abs(v - 1 / 0.75) < 1e-6));
});

test('Sequential frees its intermediate outputs at once; gradients are unchanged by it', () => {
  torch.manualSeed(7);
  const net = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Identity(), new nn.Linear(4, 2));
  const [w0, b0, w1, b1] = net.parameters();
  torch.tidy(() => {
    const x = torch.randn([5, 3]);
    const before = torch.memory().liveTensors;
    const y = net.forward(x);
    assert.equal(torch.memory().liveTensors, before + 1, 'only the output is alive after forward');
    y.pow(2).sum().backward();
    // The same network written out by hand, keeping every intermediate.
    const xr = x.detach();
    const [v0, c0, v1, c1] = [w0, b0, w1, b1].map((p) => p.detach().clone());
    for (const p of [v0, c0, v1, c1]) p.requiresGrad = true;
    nn.functional.linear(nn.functional.relu(nn.functional.linear(xr, v0, c0)), v1, c1).pow(2).sum().backward();
    for (const [a, b] of [[w0, v0], [b0, c0], [w1, v1], [b1, c1]]) {
      assertClose(a.grad!.toTypedArray() as Float32Array, b.grad!.toTypedArray() as Float32Array, 'gradient', 1e-6);
    }
  });
  net.dispose();
});
