import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import * as torch from '@entangle/torch';
import type { TrainRequest, TrainResult } from './helpers/train-worker.js';

const workerUrl = new URL('./helpers/train-worker.js', import.meta.url);

function runWorker(req: TrainRequest): Promise<TrainResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerUrl, { workerData: req });
    let result: TrainResult | undefined;
    w.on('message', (m: TrainResult) => (result = m));
    w.on('error', reject);
    w.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`worker exited with ${code}`))));
  });
}

test('two workers train concurrently with the main thread; each has its own generator, scopes and counters', async () => {
  const drawMain = (): Float32Array[] => {
    torch.manualSeed(7);
    return Array.from({ length: 10 }, () => torch.tidy(() => torch.randn([100]).toTypedArray() as Float32Array));
  };
  const expectedMain = drawMain();
  torch.manualSeed(7);
  const liveBefore = torch.memory().liveTensors;

  const both = Promise.all([runWorker({ seed: 3, steps: 40 }), runWorker({ seed: 3, steps: 40 })]);
  // Main-thread work while the workers run: its draws must not interleave with theirs.
  const drawn: Float32Array[] = [];
  for (let i = 0; i < 10; i++) {
    drawn.push(torch.tidy(() => torch.randn([100]).toTypedArray() as Float32Array));
    await new Promise((r) => setImmediate(r));
  }
  const [a, b] = await both;

  assert.deepEqual(a.losses, b.losses, 'same seed in two concurrent workers gives identical losses');
  assert.equal(a.losses.length, 40);
  assert.ok(a.losses[39]! < a.losses[0]! * 0.8, `loss should fall: ${a.losses[0]} → ${a.losses[39]}`);
  assert.equal(a.liveTensorsAfter, 0, 'worker disposed everything it created');
  assert.equal(a.threads, 1);
  assert.deepEqual(drawn, expectedMain, 'main generator unaffected by the workers');
  assert.equal(torch.memory().liveTensors, liveBefore, 'worker tensors are not counted in the main thread');
});
