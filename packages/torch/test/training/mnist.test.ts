import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { loadDigits } from './mnist-digits.js';

const { nn, optim } = torch;
const F = nn.functional;

const { train, test: held } = loadDigits(760, 100);

/** Mini-batch training with a seeded shuffle per epoch; returns accuracy on the held-out digits. */
function trainAndEvaluate(model: torch.nn.Module, shape: number[], epochs: number, opt: torch.optim.Optimizer, count = train.count, batch = 64): number {
  const xTrain = torch.tensor(train.images.subarray(0, count * 784), [count, ...shape]);
  const yTrain = torch.tensor(train.labels.subarray(0, count), [count], { dtype: 'int64' });
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.train();
    torch.tidy(() => {
      const order = torch.randperm(count);
      for (let start = 0; start < count; start += batch) {
        torch.tidy(() => {
          const idx = order.slice(0, start, Math.min(start + batch, count));
          opt.zeroGrad();
          const loss = F.crossEntropy(model.forward(xTrain.indexSelect(0, idx)), yTrain.indexSelect(0, idx));
          loss.backward();
          opt.step();
        });
      }
    });
  }
  model.eval();
  const correct = torch.tidy(() => {
    const logits = model.forward(torch.tensor(held.images, [held.count, ...shape]));
    return logits.argmax({ dim: 1 }).eq(torch.tensor(held.labels, [held.count], { dtype: 'int64' })).sum().item();
  });
  torch.dispose([xTrain, yTrain]);
  return correct / held.count;
}

test('MLP 784-128-10 with Adam reaches ≥ 90% on 1000 held-out real MNIST digits (seed 0, 3 epochs)', (t) => {
  torch.manualSeed(0);
  const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10));
  const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
  const accuracy = trainAndEvaluate(model, [784], 3, opt);
  t.diagnostic(`test accuracy ${accuracy}`);
  assert.ok(accuracy >= 0.9, `test accuracy ${accuracy}`);
  opt.dispose();
  model.dispose();
});

test('the paper ConvNet (conv-BN-pool-ReLU ×2, linear) with SGD momentum reaches ≥ 90% after one epoch of 3000 digits (seed 0)', (t) => {
  torch.manualSeed(0);
  const model = new nn.Sequential(
    new nn.Conv2d(1, 32, 5, { padding: 2, bias: false }), new nn.BatchNorm2d(32), new nn.MaxPool2d(2), new nn.ReLU(),
    new nn.Conv2d(32, 32, 5, { stride: 2, padding: 2 }), new nn.BatchNorm2d(32), new nn.MaxPool2d(2), new nn.ReLU(),
    new nn.Flatten(), new nn.Linear(32 * 3 * 3, 10),
  );
  const opt = new optim.SGD(model.parameters(), { lr: 0.02, momentum: 0.9 });
  const accuracy = trainAndEvaluate(model, [1, 28, 28], 1, opt, 3000, 32);
  t.diagnostic(`test accuracy ${accuracy}`);
  assert.ok(accuracy >= 0.9, `test accuracy ${accuracy}`);
  opt.dispose();
  model.dispose();
});
