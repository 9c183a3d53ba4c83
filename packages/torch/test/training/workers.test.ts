import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';

interface WorkerResult {
  seed: number;
  first: number;
  last: number;
  liveTensors: number;
}

function runWorker(seed: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./train-worker.js', import.meta.url), {
      workerData: { seed, steps: 300 },
      env: { ...process.env, ENTANGLE_THREADS: '1' },
    });
    let result: WorkerResult | null = null;
    worker.on('message', (m: WorkerResult) => { result = m; });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0 || result === null) reject(new Error(`worker seed ${seed} exited with code ${code} without a result`));
      else resolve(result);
    });
  });
}

test('two worker threads train at the same time and both reach a low loss', async () => {
  const results = await Promise.all([runWorker(1), runWorker(2)]);
  for (const r of results) {
    assert.ok(r.first > 1.0, `seed ${r.seed}: initial loss ${r.first} is near ln 4`);
    assert.ok(r.last < 0.15, `seed ${r.seed}: final loss ${r.last}`);
    assert.equal(r.liveTensors, 0, `seed ${r.seed}: worker disposed everything`);
  }
  assert.notEqual(results[0].last, results[1].last, 'different seeds, different runs');
});
