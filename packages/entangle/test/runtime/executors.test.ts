import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chainSystem } from '../system/fixtures/systems.js';
import { evaluateUpdate, trainSystem, type EvaluationEvent } from '../../src/evaluate/index.js';
import { openStore } from '../../src/store/index.js';
import { WorkerPoolExecutor, InlineExecutor, poolSize, loadSystem } from '../../src/runtime/index.js';
import { applyUpdate } from '../../src/system/index.js';
import { JobError } from '../../src/core/errors.js';

const freshStore = () => openStore(mkdtempSync(join(tmpdir(), 'entangle-exec-')));
const fixtures = fileURLToPath(new URL('../system/fixtures/systems.js', import.meta.url));

test('pool sizing: workers = min(jobs, cores), threads = max(1, ⌊cores / workers⌋), overridable', () => {
  assert.deepEqual(poolSize(10, { cores: 8 }), { workers: 8, threadsPerWorker: 1 });
  assert.deepEqual(poolSize(2, { cores: 8 }), { workers: 2, threadsPerWorker: 4 });
  assert.deepEqual(poolSize(3, { cores: 8 }), { workers: 3, threadsPerWorker: 2 });
  assert.deepEqual(poolSize(1, { cores: 2 }), { workers: 1, threadsPerWorker: 2 });
  assert.deepEqual(poolSize(0, { cores: 2 }), { workers: 1, threadsPerWorker: 2 });
  assert.deepEqual(poolSize(16, { cores: 8, workers: 3 }), { workers: 3, threadsPerWorker: 2 });
  assert.deepEqual(poolSize(16, { cores: 8, threadsPerWorker: 4 }), { workers: 8, threadsPerWorker: 4 });
});

test('loadSystem rebuilds a system from its source, with updates', async () => {
  const update = { name: 'w reg', model: 'w', args: { lambda: 2 } };
  const system = await loadSystem({ module: fixtures, export: 'chainSystem', params: { size: 30 }, updates: [update] });
  assert.equal(system.fingerprint(), applyUpdate(chainSystem({ size: 30 }), update).fingerprint());
  assert.deepEqual(system.source?.updates, [update]);
  await assert.rejects(loadSystem({ module: fixtures, export: 'chainSytem' }), /has no function export 'chainSytem' to build a system\. Did you mean 'chainSystem'\?/);
  await assert.rejects(loadSystem({ module: relative(process.cwd(), fixtures), export: 'chainSystem' }), /must be an absolute path or a file: URL/);
});

test('the worker pool gives the same results as inline execution', async () => {
  const system = chainSystem({ size: 40 });
  const update = { name: 'u on fewer examples', model: 'u', train: 'u-small' };
  const inlineStore = freshStore();
  const inline = await evaluateUpdate(system, update, { seeds: 3, store: inlineStore, executor: new InlineExecutor() });
  const poolStore = freshStore();
  const pool = new WorkerPoolExecutor({ workers: 2 });
  const events: EvaluationEvent[] = [];
  try {
    const pooled = await evaluateUpdate(system, update, { seeds: 3, store: poolStore, executor: pool, onProgress: (e) => events.push(e) });
    assert.deepEqual(pooled, inline);
  } finally {
    await pool.close();
  }
  // Same keys, same fitted-model bytes and same output bytes.
  const summary = (store: ReturnType<typeof freshStore>) =>
    store.jobs().map((j) => ({ key: j.key, artifact: j.artifact, testLoss: j.metrics?.testLoss, outputs: [...store.outputs(j.key)].sort() })).sort((a, b) => a.key.localeCompare(b.key));
  assert.deepEqual(summary(poolStore), summary(inlineStore));
  assert.ok(events.some((e) => e.type === 'epoch'), 'learner progress crosses the thread boundary');
  inlineStore.close();
  poolStore.close();
});

test('a failing job in a worker becomes a JobError and the pool stays usable', async () => {
  const store = freshStore();
  const pool = new WorkerPoolExecutor({ workers: 2 });
  try {
    const broken = applyUpdate(chainSystem({ size: 30 }), { name: 'broken', model: 'v', args: { fail: 'no convergence' } });
    await assert.rejects(
      trainSystem(broken, { seed: 4, store, executor: pool }),
      (e: unknown) => e instanceof JobError && e.model === 'v' && e.seed === 4 && /Training model 'v' with seed 4 failed .*no convergence/.test(e.message),
    );
    const trained = await trainSystem(chainSystem({ size: 30 }), { seed: 4, store, executor: pool });
    assert.ok(Number.isFinite(trained.models.k.testLoss));
  } finally {
    await pool.close();
  }
  store.close();
});

test('the worker pool needs a system source to rebuild the system', async () => {
  const store = freshStore();
  const { name, datasets, models } = chainSystem({ size: 30 });
  const { defineSystem } = await import('../../src/system/index.js');
  const inMemory = defineSystem({ name, datasets: { ...datasets }, models: [...models] });
  const pool = new WorkerPoolExecutor({ workers: 1 });
  try {
    await assert.rejects(trainSystem(inMemory, { seed: 0, store, executor: pool }), /cannot be rebuilt here: it has no source/);
  } finally {
    await pool.close();
  }
  store.close();
});

test('aborting stops the worker pool between jobs and marks the run aborted', async () => {
  const store = freshStore();
  const pool = new WorkerPoolExecutor({ workers: 2 });
  const controller = new AbortController();
  let finished = 0;
  try {
    await assert.rejects(
      evaluateUpdate(chainSystem({ size: 30, sleepMs: 30 }), { name: 'abort', model: 'u', args: { lambda: 1 } }, {
        seeds: 3, store, executor: pool, signal: controller.signal,
        onProgress: (e) => { if (e.type === 'job-done' && ++finished === 2) controller.abort(); },
      }),
      (e: unknown) => (e as Error).name === 'AbortError',
    );
  } finally {
    await pool.close();
  }
  const done = store.jobs().filter((j) => j.status === 'done').length;
  assert.ok(done >= 2 && done < 21, `jobs done: ${done}`);
  assert.equal(store.runs()[0].status, 'aborted');
  store.close();
});
