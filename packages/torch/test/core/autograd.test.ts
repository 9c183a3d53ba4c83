import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';

const { F, tidy } = torch;

test('backward accumulates .grad on leaves; zeroGrad clears it', () => {
  tidy(() => {
    const w = torch.tensor([1, 2, 3], [3], { requiresGrad: true });
    assert.equal(w.grad, null);
    w.mul(w).sum().backward(); // d/dw sum(w²) = 2w
    assert.deepEqual(w.grad!.toArray(), [2, 4, 6]);
    w.mul(3).sum().backward(); // accumulates + 3
    assert.deepEqual(w.grad!.toArray(), [5, 7, 9]);
    w.zeroGrad();
    assert.equal(w.grad, null);
  });
});

test('the .grad getter returns a fresh wrapper sharing storage; disposing it keeps the gradient', () => {
  tidy(() => {
    const w = torch.ones([2], { requiresGrad: true });
    w.sum().backward();
    const g1 = w.grad!;
    const g2 = w.grad!;
    assert.notEqual(g1, g2);
    g1.dispose();
    assert.deepEqual(w.grad!.toArray(), [1, 1]);
    torch.noGrad(() => g2.mulInPlace(5));
    assert.deepEqual(w.grad!.toArray(), [5, 5], 'shares storage with the gradient');
  });
});

test('backward of a non-scalar needs a gradient argument', () => {
  tidy(() => {
    const w = torch.ones([2], { requiresGrad: true });
    const y = w.mul(2);
    assert.throws(() => y.backward(), /backward: grad can be implicitly created only for scalar outputs/);
    y.backward(torch.tensor([1, 10]));
    assert.deepEqual(w.grad!.toArray(), [2, 20]);
  });
});

test('noGrad stops recording, enableGrad restores it, both return fn result and restore on throw', () => {
  tidy(() => {
    const w = torch.ones([2], { requiresGrad: true });
    const y = torch.noGrad(() => w.mul(2));
    assert.equal(y.requiresGrad, false);
    const z = torch.noGrad(() => torch.enableGrad(() => w.mul(2)));
    assert.equal(z.requiresGrad, true);
    assert.throws(() => torch.noGrad(() => { throw new Error('boom'); }), /boom/);
    assert.equal(torch.isGradEnabled(), true);
  });
});

test('detach cuts the graph and shares storage', () => {
  tidy(() => {
    const w = torch.ones([2], { requiresGrad: true });
    const d = w.mul(2).detach();
    assert.equal(d.requiresGrad, false);
    const base = torch.zeros([2]);
    const view = base.detach();
    view.fillInPlace(4);
    assert.deepEqual(base.toArray(), [4, 4]);
  });
});

test('requiresGrad can be set on float leaves only', () => {
  tidy(() => {
    const x = torch.zeros([2]);
    x.requiresGrad = true;
    assert.equal(x.requiresGrad, true);
    const i = torch.zeros([2], { dtype: 'int64' });
    assert.throws(() => { i.requiresGrad = true; }, /setRequiresGrad: Only Tensors of floating point .*dtype can require gradients \[args: int64\[2\], true\]/);
  });
});

test('one SGD step through conv2d, batchNorm, maxPool2d and linear lowers the loss', () => {
  torch.manualSeed(1);
  const params = tidy(() => ({
    conv: torch.randn([4, 1, 3, 3]).mul(0.3).detach(),
    fc: torch.randn([3, 16]).mul(0.3).detach(),
  }));
  for (const p of Object.values(params)) p.requiresGrad = true;
  const x = torch.randn([6, 1, 4, 4]);
  const y = torch.tensor([0, 1, 2, 0, 1, 2], [6], { dtype: 'int64' });
  const lossAt = (): torch.Tensor => {
    let h = F.conv2d(x, params.conv, null, { padding: 1 });
    h = F.batchNorm(h, null, null, null, null, { training: true });
    h = F.maxPool2d(F.relu(h), { kernel: 2 });
    return F.crossEntropy(F.linear(h.flatten(1), params.fc), y);
  };
  const losses: number[] = [];
  for (let step = 0; step < 5; step++) {
    tidy(() => {
      const loss = lossAt();
      losses.push(loss.item());
      loss.backward();
      for (const p of Object.values(params)) {
        p.addInPlace(p.grad!, -0.5);
        p.zeroGrad();
      }
    });
  }
  assert.ok(losses[4]! < losses[0]!, `loss should fall: ${losses.join(', ')}`);
  torch.dispose([params, x, y]);
});
