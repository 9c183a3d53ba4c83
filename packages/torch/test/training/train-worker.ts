// Worker body for workers.test.ts: trains a small MLP on a seeded synthetic problem, posts its losses.
import { parentPort, workerData } from 'node:worker_threads';
import * as torch from '@entangle/torch';

const { nn, optim } = torch;
const { seed, steps } = workerData as { seed: number; steps: number };

torch.setNumThreads(1);
torch.manualSeed(seed);
// Labels are a fixed function of the inputs (sign pattern of two projections), so the MLP can fit them.
const x = torch.randn([256, 10]);
const w = torch.randn([10, 2]);
const y = torch.tidy(() => x.matmul(w).gt(0).to('int64'));
const labels = torch.tidy(() => y.narrow(1, 0, 1).mul(2).add(y.narrow(1, 1, 1)).flatten());
const model = new nn.Sequential(new nn.Linear(10, 32), new nn.ReLU(), new nn.Linear(32, 4));
const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });
const losses: number[] = [];
for (let i = 0; i < steps; i++) {
  losses.push(torch.tidy(() => {
    opt.zeroGrad();
    const loss = nn.functional.crossEntropy(model.forward(x), labels);
    loss.backward();
    opt.step();
    return loss.item();
  }));
}
opt.dispose();
model.dispose();
torch.dispose([x, w, y, labels]);
parentPort!.postMessage({ seed, first: losses[0], last: losses[losses.length - 1], liveTensors: torch.memory().liveTensors });
