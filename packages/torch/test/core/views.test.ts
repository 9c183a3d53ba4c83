import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';

const { F, tidy } = torch;

const m = (): torch.Tensor => torch.arange(12, undefined, 1, { dtype: 'float32' }).reshape([3, 4]);

test('permute, transpose, squeeze, unsqueeze, expand, repeat, view', () => {
  tidy(() => {
    const x = m();
    assert.deepEqual(x.transpose(0, 1).shape, [4, 3]);
    assert.deepEqual(x.permute([1, 0]).toArray()[0], [0, 4, 8]);
    assert.deepEqual(x.unsqueeze(0).shape, [1, 3, 4]);
    assert.deepEqual(x.unsqueeze(0).unsqueeze(2).squeeze().shape, [3, 4]);
    assert.deepEqual(x.unsqueeze(0).squeeze(0).shape, [3, 4]);
    assert.deepEqual(torch.tensor([1, 2], [2, 1]).expand([2, 3]).toArray(), [[1, 1, 1], [2, 2, 2]]);
    assert.deepEqual(torch.tensor([1, 2]).repeat([2]).toArray(), [1, 2, 1, 2]);
    assert.deepEqual(x.view([2, 6]).shape, [2, 6]);
    assert.throws(() => x.transpose(0, 1).view([12]), /view: view size is not compatible with input tensor's size and stride/);
    assert.deepEqual(x.transpose(0, 1).contiguous().view([12]).toArray().slice(0, 3), [0, 4, 8]);
  });
});

test('slice follows Python slicing along one dim and is a view', () => {
  tidy(() => {
    const x = m();
    assert.deepEqual(x.slice(1, 1, 3).toArray(), [[1, 2], [5, 6], [9, 10]]);
    assert.deepEqual(x.slice(1, undefined, undefined, 2).toArray(), [[0, 2], [4, 6], [8, 10]]);
    assert.deepEqual(x.slice(0, -1).toArray(), [[8, 9, 10, 11]]);
    torch.noGrad(() => x.slice(0, 0, 1).fillInPlace(-1));
    assert.deepEqual(x.toArray()[0], [-1, -1, -1, -1]);
  });
});

test('split, chunk, stack, cat', () => {
  tidy(() => {
    const x = m();
    assert.deepEqual(x.split(2, 1).map((t) => t.shape), [[3, 2], [3, 2]]);
    assert.deepEqual(torch.split(x, [1, 3], 1).map((t) => t.shape), [[3, 1], [3, 3]]);
    assert.deepEqual(x.chunk(3).map((t) => t.shape), [[1, 4], [1, 4], [1, 4]]);
    assert.deepEqual(torch.stack([x, x], 1).shape, [3, 2, 4]);
    assert.deepEqual(torch.cat([x, x], -1).shape, [3, 8]);
  });
});

test('gather, scatter, where, maskedSelect', () => {
  tidy(() => {
    const x = m();
    const idx = torch.tensor([3, 0, 1], [3, 1], { dtype: 'int64' });
    assert.deepEqual(x.gather(1, idx).toArray(), [[3], [4], [9]]);
    assert.deepEqual(torch.zeros([3, 4]).scatter(1, idx, 1).sum({ dim: 1 }).toArray(), [1, 1, 1]);
    assert.deepEqual(torch.zeros([3, 4]).scatter(1, idx, torch.full([3, 1], 5)).sum().item(), 15);
    assert.deepEqual(torch.where(x.gt(9), x, 0).sum().item(), 21);
    assert.deepEqual(torch.where(x.lt(1), 7, -1).toArray()[0], [7, -1, -1, -1]);
    assert.deepEqual(x.maskedSelect(x.ge(10)).toArray(), [10, 11]);
  });
});

test('topk, sort, cumsum, std/var, min/argmin, clamp', () => {
  tidy(() => {
    const v = torch.tensor([3, 1, 4, 1, 5]);
    const top = v.topk(2);
    assert.deepEqual(top.values.toArray(), [5, 4]);
    assert.deepEqual(top.indices.toArray(), [4, 2]);
    assert.deepEqual(v.topk(1, { largest: false }).values.toArray(), [1]);
    const s = v.sort({ descending: true });
    assert.deepEqual(s.values.toArray(), [5, 4, 3, 1, 1]);
    assert.deepEqual(v.sort().indices.toArray(), [1, 3, 0, 2, 4], 'stable for ties');
    assert.deepEqual(v.cumsum(0).toArray(), [3, 4, 8, 9, 14]);
    const w = torch.tensor([1, 2, 3, 4]);
    assert.equal(w.var().item(), Math.fround(5 / 3));
    assert.ok(Math.abs(torch.var(w, { unbiased: false }).item() - 1.25) < 1e-6);
    assert.ok(Math.abs(w.std().item() - Math.sqrt(5 / 3)) < 1e-6);
    assert.equal(v.min().item(), 1);
    assert.deepEqual(v.argmin().item(), 1);
    assert.deepEqual(v.clamp(2, 4).toArray(), [3, 2, 4, 2, 4]);
    assert.throws(() => v.clamp(), /clamp: At least one of 'min' or 'max' must not be None/);
  });
});

test('interpolate, pad, pools and activations keep PyTorch shapes', () => {
  tidy(() => {
    const img = torch.arange(16, undefined, 1, { dtype: 'float32' }).reshape([1, 1, 4, 4]);
    assert.deepEqual(F.interpolate(img, { scaleFactor: 2 }).shape, [1, 1, 8, 8]);
    assert.deepEqual(F.interpolate(img, { size: [3, 5], mode: 'bilinear', alignCorners: true }).shape, [1, 1, 3, 5]);
    assert.deepEqual(F.interpolate(img, { scaleFactor: 0.5, mode: 'nearest' }).toArray(), [[[[0, 2], [8, 10]]]]);
    assert.throws(() => F.interpolate(img, {}), /interpolate: exactly one of size and scaleFactor must be given/);
    assert.throws(() => F.interpolate(img, { size: 2, alignCorners: true }), /alignCorners only applies to mode 'bilinear'/);
    assert.deepEqual(F.pad(img, [1, 1, 2, 0]).shape, [1, 1, 6, 6]);
    assert.deepEqual(F.pad(torch.tensor([1, 2, 3], [1, 1, 3]), [2, 0], { mode: 'reflect' }).toArray(), [[[3, 2, 1, 2, 3]]]);
    assert.deepEqual(F.pad(torch.tensor([1, 2], [1, 1, 2]), [1, 1], { value: 9 }).toArray(), [[[9, 1, 2, 9]]]);
    assert.deepEqual(F.avgPool2d(img, { kernel: 2 }).toArray(), [[[[2.5, 4.5], [10.5, 12.5]]]]);
    assert.deepEqual(F.adaptiveAvgPool2d(img, 1).toArray(), [[[[7.5]]]]);
    assert.deepEqual(F.maxPool2d(img, { kernel: 3, stride: 1, padding: 1 }).shape, [1, 1, 4, 4]);
    const x = torch.tensor([-1, 0, 2]);
    assert.deepEqual(F.leakyRelu(x, 0.5).toArray(), [-0.5, 0, 2]);
    assert.ok(Math.abs(F.softmax(x, 0).sum().item() - 1) < 1e-6);
    assert.ok(Math.abs(F.logSoftmax(x, 0).exp().sum().item() - 1) < 1e-6);
    assert.equal(F.sigmoid(torch.tensor([0])).item(), 0.5);
    assert.equal(F.tanh(torch.tensor([0])).item(), 0);
  });
});

test('dropout: identity in eval, zeros and rescales in training', () => {
  tidy(() => {
    const x = torch.ones([1000]);
    assert.equal(F.dropout(x, 0.5, false).sum().item(), 1000);
    torch.manualSeed(0);
    const y = F.dropout(x, 0.25, true);
    const kept = y.gt(0).sum().item();
    assert.ok(kept > 650 && kept < 850, `kept ${kept}`);
    assert.ok(Math.abs(y.max().item() - 1 / 0.75) < 1e-6);
    assert.equal(F.dropout(x, 1, true).sum().item(), 0);
  });
});

test('losses: reductions and options', () => {
  tidy(() => {
    const a = torch.tensor([0, 2]);
    const b = torch.tensor([1, 0]);
    assert.deepEqual(F.l1Loss(a, b, { reduction: 'none' }).toArray(), [1, 2]);
    assert.equal(F.l1Loss(a, b).item(), 1.5);
    assert.equal(F.smoothL1Loss(a, b, { reduction: 'sum' }).item(), 0.5 + 1.5);
    assert.equal(F.smoothL1Loss(a, b, { reduction: 'sum', beta: 4 }).item(), 0.125 + 0.5);
    const logits = torch.tensor([0, 0, 10, 0], [2, 2]);
    const target = torch.tensor([0, -100], [2], { dtype: 'int64' });
    assert.ok(Math.abs(F.crossEntropy(logits, target).item() - Math.log(2)) < 1e-6, 'ignoreIndex -100 skipped');
    assert.ok(Math.abs(F.binaryCrossEntropyWithLogits(torch.tensor([0]), torch.tensor([1])).item() - Math.log(2)) < 1e-6);
    assert.ok(Math.abs(F.nllLoss(F.logSoftmax(logits, 1), torch.tensor([0, 0], [2], { dtype: 'int64' }), { reduction: 'sum' }).item() - (Math.log(2) + Math.log(1 + Math.exp(-10)))) < 1e-6);
  });
});
