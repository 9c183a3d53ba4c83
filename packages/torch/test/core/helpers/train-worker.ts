/**
 * worker_threads body for workers.test.ts: trains a small MLP with plain SGD on synthetic data
 * and posts the per-step losses. Does nothing when not started as a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as torch from '@entangle/torch';

export interface TrainRequest {
  seed: number;
  steps: number;
}
export interface TrainResult {
  losses: number[];
  liveTensorsAfter: number;
  threads: number;
}

function train({ seed, steps }: TrainRequest): TrainResult {
  torch.setNumThreads(1);
  torch.manualSeed(seed);
  const { F, tidy } = torch;
  const x = torch.randn([64, 20]);
  const y = torch.randint(0, 4, [64]);
  const params = tidy(() => [torch.randn([32, 20]).mul(0.2), torch.zeros([32]), torch.randn([4, 32]).mul(0.2), torch.zeros([4])]);
  params.forEach((p) => (p.requiresGrad = true));
  const [w1, b1, w2, b2] = params as [torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor];
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    tidy(() => {
      const h = F.dropout(F.relu(F.linear(x, w1, b1)), 0.1, true);
      const loss = F.crossEntropy(F.linear(h, w2, b2), y);
      losses.push(loss.item());
      loss.backward();
      for (const p of params) {
        p.addInPlace(p.grad!, -0.2);
        p.zeroGrad();
      }
    });
  }
  torch.dispose([x, y, params]);
  return { losses, liveTensorsAfter: torch.memory().liveTensors, threads: torch.getNumThreads() };
}

if (parentPort !== null) parentPort.postMessage(train(workerData as TrainRequest));
