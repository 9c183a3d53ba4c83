import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';

const { nn, optim } = torch;
const F = nn.functional;

// Tiny tensors: a second OpenMP thread only adds synchronisation (2× slower on a loaded machine).
torch.setNumThreads(1);

test('1000 training steps keep the live tensor count flat (BN, Dropout, Adam, SGD, scheduler)', () => {
  torch.manualSeed(0);
  const model = new nn.Sequential(
    new nn.Linear(12, 16), new nn.BatchNorm1d(16), new nn.ReLU(), new nn.Dropout(0.1), new nn.Linear(16, 3),
  );
  const conv = new nn.Sequential(new nn.Conv2d(1, 2, 3, { padding: 1 }), new nn.BatchNorm2d(2), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten());
  const adam = new optim.Adam(model.parameters(), { lr: 1e-3, weightDecay: 1e-4 });
  const sgd = new optim.SGD(conv.parameters(), { lr: 0.01, momentum: 0.9, nesterov: true });
  const sched = new optim.MultiStepLR(adam, { milestones: [300, 600] });
  const x = torch.randn([8, 12]);
  const img = torch.randn([8, 1, 4, 4]);
  const y = torch.randint(0, 3, [8]);
  const live: Record<number, number> = {};
  for (let step = 1; step <= 1000; step++) {
    // Odd steps train the MLP with Adam, even steps the conv net with SGD (half the cost of both).
    torch.tidy(() => {
      if (step % 2 === 1) {
        adam.zeroGrad();
        F.crossEntropy(model.forward(x), y).backward();
        adam.step();
      } else {
        sgd.zeroGrad();
        conv.forward(img).pow(2).mean().backward();
        sgd.step();
      }
    });
    if (step % 100 === 0) sched.step();
    if (step === 100 || step === 1000) live[step] = torch.memory().liveTensors;
  }
  assert.equal(live[1000], live[100], `live tensors at step 100: ${live[100]}, at step 1000: ${live[1000]}`);
  const before = live[1000];
  adam.dispose();
  sgd.dispose();
  model.dispose();
  conv.dispose();
  torch.dispose([x, img, y]);
  assert.ok(torch.memory().liveTensors < before);
});

test('same seed gives bit-identical training losses', () => {
  const run = (): number[] => {
    torch.manualSeed(42);
    const model = new nn.Sequential(new nn.Linear(6, 8), new nn.ReLU(), new nn.Dropout(0.2), new nn.Linear(8, 2));
    const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });
    const x = torch.randn([16, 6]);
    const y = torch.randint(0, 2, [16]);
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      losses.push(torch.tidy(() => {
        opt.zeroGrad();
        const loss = F.crossEntropy(model.forward(x), y);
        loss.backward();
        opt.step();
        return loss.item();
      }));
    }
    opt.dispose();
    model.dispose();
    torch.dispose([x, y]);
    return losses;
  };
  const a = run();
  assert.deepEqual(run(), a);
  assert.ok(a[19] < a[0], `loss decreases: ${a[0]} → ${a[19]}`);
});
