// SGD (momentum, Nesterov, weight decay) and Adam: 3 steps on mse(Linear(4,3)(x), y) vs torch.optim; MultiStepLR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as torch from '../../src/index.js';
import { diffTensor } from './compare.js';
import { fixturesDir, type TensorData } from './fixture.js';
import { fillStateDict, lcgTensor } from './lcg.js';
import { observe } from './runner.js';

interface OptimizerCase {
  name: string;
  optimizer: 'SGD' | 'Adam';
  options: Record<string, unknown>;
  steps: Record<string, TensorData>[];
}

const fixture = JSON.parse(readFileSync(join(fixturesDir(), 'modules', 'optimizers.json'), 'utf8')) as {
  cases: OptimizerCase[];
  multiStepLR: { lr: number; milestones: number[]; gamma: number; lrAfterEachStep: number[] };
};

/** float32 parameters after a few updates; Adam's m/√v amplifies last-bit differences of tiny gradients. */
const TOL = { rtol: 1e-5, atol: 1e-6 };

for (const c of fixture.cases) {
  test(`optimizer ${c.name}: parameters after each of ${c.steps.length} steps match torch.optim`, () => {
    const model = new torch.nn.Linear(4, 3);
    fillStateDict(model, 'optim');
    const x = lcgTensor('optim:x', [5, 4]);
    const y = lcgTensor('optim:y', [5, 3]);
    const Optimizer = torch.optim[c.optimizer] as unknown as new (p: torch.Tensor[], o: unknown) => { step(): void; zeroGrad(): void; dispose(): void };
    const opt = new Optimizer(model.parameters(), c.options);
    c.steps.forEach((want, k) => {
      opt.zeroGrad();
      torch.nn.functional.mseLoss(model.forward(x), y).backward();
      opt.step();
      const params = Object.fromEntries(model.namedParameters());
      for (const [name, td] of Object.entries(want)) {
        const d = diffTensor(observe(params[name]), td, `step ${k + 1} ${name}`, TOL);
        assert.equal(d, null, `${c.name}: ${d}`);
      }
    });
    opt.dispose();
    model.dispose();
  });
}

test('MultiStepLR lr after each epoch matches torch.optim.lr_scheduler.MultiStepLR', () => {
  const { lr, milestones, gamma, lrAfterEachStep } = fixture.multiStepLR;
  const model = new torch.nn.Linear(1, 1);
  const opt = new torch.optim.SGD(model.parameters(), { lr });
  const sched = new torch.optim.MultiStepLR(opt, { milestones, gamma });
  const got: number[] = [];
  for (let e = 0; e < lrAfterEachStep.length; e++) {
    opt.step();
    sched.step();
    got.push(opt.lr);
  }
  got.forEach((v, e) => assert.ok(Math.abs(v - lrAfterEachStep[e]) <= 1e-12 * lrAfterEachStep[e],
    `epoch ${e + 1}: lr ${v}, expected ${lrAfterEachStep[e]} (all: ${got.join(', ')})`));
  opt.dispose();
  model.dispose();
});
