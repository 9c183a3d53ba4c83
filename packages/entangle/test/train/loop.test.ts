// The training loop: schedule, progress, abort, holdout best-epoch and early stopping, per-example losses, memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { trainArgsSchema, type TrainArgsInput } from '../../src/train/args.js';
import { meanLoss, trainModule, type TrainProblem } from '../../src/train/loop.js';
import type { FitContext, ProgressEvent } from '../../src/core/types.js';
import { createRng } from '../../src/train/random.js';

torch.setNumThreads(1);

/** y = 3x + noise on 64 points; a 1→1 linear model; per-example squared error. */
function problem(seed = 0): TrainProblem {
  const rng = createRng(9, 'data');
  const n = 64;
  const x = Float32Array.from({ length: n }, () => rng.nextFloat() * 2 - 1);
  const y = x.map((v) => 3 * v + (rng.nextFloat() - 0.5) * 0.4);
  torch.manualSeed(seed);
  const module = new torch.nn.Linear(1, 1);
  return {
    module,
    forward: (b) => module.forward(b),
    exampleLosses: (out, t) => torch.mean(torch.nn.functional.mseLoss(out, t, { reduction: 'none' }), { dim: 1 }),
    x: torch.tensor(x, [n, 1]),
    y: torch.tensor(y, [n, 1]),
  };
}

function dispose(p: TrainProblem): void {
  p.module.dispose();
  p.x.dispose();
  p.y.dispose();
}

const args = (a: TrainArgsInput) => trainArgsSchema.parse(a);
const ctx = (extra: Partial<FitContext> = {}): FitContext => ({ seed: 1, model: 'm', ...extra });

test('history follows the lr schedule, the loss falls, progress reports every epoch, live tensors stay flat', async () => {
  const p = problem();
  const before = torch.memory().liveTensors;
  const events: ProgressEvent[] = [];
  const report = await trainModule(p, args({ epochs: 8, batchSize: 16, lr: 0.1 }), ctx({ onProgress: (e) => events.push(e) }));
  assert.equal(torch.memory().liveTensors, before, 'no tensors created by training stay alive');
  assert.deepEqual(report.history.map((h) => +h.lr.toExponential(6)), [0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001]);
  assert.ok(report.history[7].loss < report.history[0].loss / 4, `loss ${report.history[0].loss} → ${report.history[7].loss}`);
  assert.deepEqual(events.map((e) => [e.model, e.seed, e.epoch, e.epochs]), Array.from({ length: 8 }, (_, i) => ['m', 1, i + 1, 8]));
  assert.equal(events[7].loss, report.history[7].loss);
  assert.equal(report.selectedEpoch, 7);
  assert.equal(report.exampleLosses, null);
  dispose(p);
});

test('same seed ⇒ same history and weights; another seed ⇒ another shuffle', async () => {
  const run = async (seed: number) => {
    const p = problem();
    const r = await trainModule(p, args({ epochs: 3, batchSize: 8, lr: 0.05 }), ctx({ seed }));
    const w = Array.from((p.module as torch.nn.Linear).weight.toTypedArray() as Float32Array);
    dispose(p);
    return { losses: r.history.map((h) => h.loss), w };
  };
  const a = await run(5);
  assert.deepEqual(await run(5), a);
  assert.notDeepEqual((await run(6)).losses, a.losses);
});

test('abort between batches rejects with the signal reason and leaks nothing', async () => {
  const p = problem();
  const before = torch.memory().liveTensors;
  const controller = new AbortController();
  let epochs = 0;
  await assert.rejects(
    trainModule(p, args({ epochs: 50, batchSize: 8 }), ctx({ signal: controller.signal, onProgress: () => { if (++epochs === 2) controller.abort(); } })),
    (err: Error) => err.name === 'AbortError',
  );
  assert.equal(epochs, 2);
  assert.equal(torch.memory().liveTensors, before);
  dispose(p);
});

test('holdout with select best restores the weights of the epoch with the lowest held-out loss', async () => {
  const p = problem();
  // plain SGD with a too-large constant lr diverges after a few epochs, so the best epoch is early
  const report = await trainModule(p, args({ optimizer: 'sgd', lr: 1.2, epochs: 12, batchSize: 4, milestones: [], holdout: { fraction: 0.25, seed: 3 } }), ctx());
  const holdout = report.history.map((h) => h.holdoutLoss!);
  const best = holdout.indexOf(Math.min(...holdout));
  assert.ok(best < 11, `expected divergence after the best epoch; held-out losses ${holdout.join(', ')}`);
  assert.equal(report.selectedEpoch, best);
  assert.equal(report.holdoutIndices.length, 16);
  const now = meanLoss(p, Int32Array.from(report.holdoutIndices), 64);
  assert.ok(Math.abs(now - holdout[best]) <= 1e-6 * Math.max(1, holdout[best]), `restored held-out loss ${now}, best ${holdout[best]}`);
  dispose(p);
});

test('holdout patience stops early; per-example losses are recorded with NaN for held-out rows', async () => {
  const p = problem();
  const report = await trainModule(p, args({ optimizer: 'sgd', lr: 1.2, epochs: 40, batchSize: 4, milestones: [], recordExampleLosses: true, holdout: { fraction: 0.25, seed: 3, patience: 2, select: 'last' } }), ctx());
  assert.equal(report.stoppedEarly, true);
  const holdout = report.history.map((h) => h.holdoutLoss!);
  const best = holdout.indexOf(Math.min(...holdout));
  assert.equal(report.history.length, best + 3, 'stops 2 epochs after the last improvement');
  assert.equal(report.selectedEpoch, report.history.length - 1, "select 'last' keeps the final weights");
  assert.equal(report.exampleLosses!.length, report.history.length);
  const held = new Set(report.holdoutIndices);
  report.exampleLosses!.forEach((epoch, e) => {
    assert.equal(epoch.length, 64);
    let sum = 0;
    for (let i = 0; i < 64; i++) {
      assert.equal(Number.isNaN(epoch[i]), held.has(i), `epoch ${e} example ${i}`);
      if (!held.has(i)) sum += epoch[i];
    }
    assert.ok(Math.abs(sum / 48 - report.history[e].loss) <= 1e-5 * Math.max(1, report.history[e].loss), 'epoch loss = mean of per-example losses');
  });
  dispose(p);
});
