import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { counters } from '../system/fixtures/learners.js';
import { chainSystem, leakSystem } from '../system/fixtures/systems.js';
import { trainSystem, evaluateUpdate, compareSystems, readOutputs, loadModel, type EvaluationEvent } from '../../src/evaluate/index.js';
import { openStore } from '../../src/store/index.js';
import { applyUpdate, jobKeys } from '../../src/system/index.js';
import { JobError, UpdateError } from '../../src/core/errors.js';
import type { Block } from '../../src/core/types.js';

const freshStore = () => openStore(mkdtempSync(join(tmpdir(), 'entangle-eval-')));

test('trainSystem trains every model once and reuses the store afterwards', async () => {
  const store = freshStore();
  const system = chainSystem();
  const before = counters.fits;
  const events: EvaluationEvent[] = [];
  const first = await trainSystem(system, { seed: 1, store, onProgress: (e) => events.push(e) });
  assert.equal(counters.fits - before, 4);
  assert.deepEqual(Object.keys(first.models), ['u', 'v', 'w', 'k']);
  assert.ok(Object.values(first.models).every((m) => !m.cached && Number.isFinite(m.testLoss)));
  assert.deepEqual(events.filter((e) => e.type === 'job-done').map((e) => e.model), ['u', 'v', 'w', 'k']);
  assert.deepEqual(events.filter((e) => e.type === 'epoch').map((e) => e.model), ['u', 'v', 'w', 'k']);
  const keys = jobKeys(system, 1);
  assert.deepEqual(Object.values(first.models).map((m) => m.key), [...keys.values()]);
  // Parents predicted on their descendants' datasets: u has outputs on its test set, w-train and k-train.
  assert.deepEqual(Object.keys(first.models.u.outputs).sort(), ['k-train', 'test', 'w-train']);
  const second = await trainSystem(system, { seed: 1, store });
  assert.equal(counters.fits - before, 4);
  assert.ok(Object.values(second.models).every((m) => m.cached));
  assert.deepEqual(Object.values(second.models).map((m) => m.testLoss), Object.values(first.models).map((m) => m.testLoss));
  // Stored outputs and models can be read back.
  const out = readOutputs(store, first.models.k.outputs.test) as Block;
  assert.deepEqual(out.shape, [system.dataset('test').size, 1]);
  const model = loadModel(store, system, 'k', first.models.k);
  model.dispose();
  store.close();
});

test('the test loss is the registered loss on the stored outputs', async () => {
  const store = freshStore();
  const system = chainSystem();
  const trained = await trainSystem(system, { seed: 0, store });
  const pred = readOutputs(store, trained.models.w.outputs.test) as Block;
  const z = system.dataset('test').fields.z.data;
  const mse = pred.data.reduce((a, p, i) => a + (p - z[i]) ** 2, 0) / z.length;
  assert.ok(Math.abs(mse - trained.models.w.testLoss) < 1e-9);
  store.close();
});

test('an update retrains only the updated model and its descendants', async () => {
  const store = freshStore();
  const system = chainSystem();
  const before = counters.fits;
  const seeds = [0, 1, 2];
  const evaluation = await evaluateUpdate(system, { name: 'u on little noisy data', model: 'u', train: 'u-small' }, { seeds, store });
  assert.equal(counters.fits - before, seeds.length * 4 + seeds.length * 3);
  assert.equal(evaluation.model, 'u');
  assert.deepEqual(evaluation.descendants, ['w', 'k']);
  assert.deepEqual(evaluation.models.map((m) => [m.model, m.role]), [['u', 'updated'], ['v', 'other'], ['w', 'descendant'], ['k', 'descendant']]);
  const v = evaluation.models.find((m) => m.model === 'v')!;
  assert.deepEqual(v.updated.values, v.baseline.values);
  assert.equal(v.difference.degenerate, 'identical-differences');
  assert.equal(v.verdict, 'no evidence');
  assert.ok(evaluation.models.find((m) => m.model === 'u')!.difference.mean > 0, 'less, noisier data makes u worse on average');
  assert.notEqual(evaluation.models.find((m) => m.model === 'u')!.verdict, 'improved');
  assert.equal(evaluation.selfDefeating, false);
  // Per-seed losses are in the store under the run id; rerunning computes nothing and adds no rows.
  assert.equal(store.losses(evaluation.run).length, seeds.length * 2 * 4);
  assert.equal(store.run(evaluation.run)?.status, 'done');
  assert.deepEqual(store.run(evaluation.run)?.result, JSON.parse(JSON.stringify(evaluation)));
  const fits = counters.fits;
  const again = await evaluateUpdate(system, { name: 'u on little noisy data', model: 'u', train: 'u-small' }, { seeds, store });
  assert.equal(counters.fits, fits);
  assert.deepEqual(again.models, evaluation.models);
  assert.equal(store.losses(evaluation.run).length, seeds.length * 2 * 4);
  assert.equal(store.runs().length, 1);
  store.close();
});

test('a loss-mismatch update is detected as a self-defeating improvement', async () => {
  const store = freshStore();
  const evaluation = await evaluateUpdate(leakSystem(), { name: 'train u on its test target', model: 'u', target: 'y' }, { seeds: 5, store });
  const byId = Object.fromEntries(evaluation.models.map((m) => [m.model, m]));
  assert.equal(byId.u.verdict, 'improved');
  assert.ok(byId.u.difference.ci![1] < 0);
  assert.equal(byId.w.verdict, 'deteriorated');
  assert.ok(byId.w.difference.ci![0] > 0);
  assert.equal(byId.w.difference.pAdjusted, byId.w.difference.p, 'one descendant: Holm changes nothing');
  assert.equal(byId.o.role, 'other');
  assert.equal(evaluation.kind, 'self-defeating');
  assert.equal(evaluation.selfDefeating, true);
  assert.deepEqual(evaluation.offending, ['w']);
  assert.match(evaluation.summary, /^Self-defeating improvement: 'u' improved \(Δtest-mse = -.*95% CI.*'w' \(Δtest-mse = \+.*Holm p = .*\) deteriorated after retraining\.$/);
  // The reverse update is a regression of u that improves w.
  const reverse = await compareSystems(applyUpdate(leakSystem(), { name: 'y', model: 'u', target: 'y' }), leakSystem(), { seeds: 5, store });
  assert.equal(reverse.model, 'u');
  assert.equal(reverse.kind, 'regression');
  assert.equal(reverse.models.find((m) => m.model === 'w')!.verdict, 'improved');
  store.close();
});

test('compareSystems finds the changed model or explains why it cannot', async () => {
  const store = freshStore();
  const a = chainSystem();
  await assert.rejects(compareSystems(a, chainSystem(), { seeds: 2, store }), (e: unknown) => e instanceof UpdateError && /train identical models/.test(e.message));
  const two = applyUpdate(applyUpdate(a, { name: 'u', model: 'u', args: { lambda: 1 } }), { name: 'v', model: 'v', args: { lambda: 1 } });
  await assert.rejects(compareSystems(a, two, { seeds: 2, store }), /Several models changed between the two systems \(u, v\); pass \{ model \}/);
  const partial = await compareSystems(a, two, { seeds: 2, store, model: 'u' });
  assert.equal(partial.model, 'u');
  const descendantsOnly = await compareSystems(a, applyUpdate(a, { name: 'w', model: 'w', args: { lambda: 3 } }), { seeds: 2, store });
  assert.equal(descendantsOnly.model, 'w');
  assert.deepEqual(descendantsOnly.descendants, ['k']);
  store.close();
});

test('Holm adjusts the p-values of several descendants', async () => {
  const store = freshStore();
  const evaluation = await evaluateUpdate(chainSystem(), { name: 'u less data', model: 'u', train: 'u-small' }, { seeds: 4, store });
  const [w, k] = ['w', 'k'].map((id) => evaluation.models.find((m) => m.model === id)!);
  const ps = [w.difference.p!, k.difference.p!];
  const sorted = [...ps].sort((x, y) => x - y);
  const expectedSmallest = Math.min(1, 2 * sorted[0]);
  const expectedLargest = Math.max(expectedSmallest, Math.min(1, sorted[1]));
  const adjusted = [w.difference.pAdjusted!, k.difference.pAdjusted!];
  assert.ok(Math.abs(Math.min(...adjusted) - expectedSmallest) < 1e-15);
  assert.ok(Math.abs(Math.max(...adjusted) - expectedLargest) < 1e-15);
  store.close();
});

test('an aborted evaluation stops between jobs, keeps finished jobs, and resumes', async () => {
  const store = freshStore();
  const system = chainSystem();
  const controller = new AbortController();
  let doneJobs = 0;
  await assert.rejects(
    evaluateUpdate(system, { name: 'abort me', model: 'w', args: { lambda: 1 } }, {
      seeds: 2, store, signal: controller.signal,
      onProgress: (e) => { if (e.type === 'job-done' && ++doneJobs === 3) controller.abort(); },
    }),
    (e: unknown) => (e as Error).name === 'AbortError',
  );
  const finished = store.jobs().filter((j) => j.status === 'done');
  assert.equal(finished.length, 3);
  assert.equal(store.runs()[0].status, 'aborted');
  const fits = counters.fits;
  const evaluation = await evaluateUpdate(system, { name: 'abort me', model: 'w', args: { lambda: 1 } }, { seeds: 2, store });
  assert.equal(counters.fits - fits, 2 * 4 + 2 * 2 - 3);
  assert.ok(finished.every((j) => store.job(j.key)!.attempts === 1));
  assert.equal(store.run(evaluation.run)?.status, 'done');
  store.close();
});

test('a failing learner becomes a JobError naming the model and seed', async () => {
  const store = freshStore();
  const system = chainSystem();
  await assert.rejects(
    evaluateUpdate(system, { name: 'broken', model: 'w', args: { fail: 'singular matrix' } }, { seeds: [7], store }),
    (e: unknown) => e instanceof JobError && e.model === 'w' && e.seed === 7 && /Training model 'w' with seed 7 failed .*singular matrix/.test(e.message),
  );
  const failed = store.jobs().find((j) => j.status === 'failed')!;
  assert.equal(failed.model, 'w');
  assert.match(failed.error!, /singular matrix/);
  store.close();
});

test('a parent that must predict on a new dataset is loaded from the store, not refitted', async () => {
  const store = freshStore();
  const system = chainSystem();
  await trainSystem(system, { seed: 0, store });
  const [fits, loads] = [counters.fits, counters.loads];
  // w now trains on u-train, where u and v never predicted: they are loaded and predict, w and k are refitted.
  const moved = applyUpdate(system, { name: 'w on u-train', model: 'w', train: 'u-train' });
  const trained = await trainSystem(moved, { seed: 0, store });
  assert.equal(counters.fits - fits, 2);
  assert.equal(counters.loads - loads, 2);
  assert.ok('u-train' in trained.models.u.outputs && 'u-train' in trained.models.v.outputs);
  assert.equal(trained.models.u.cached, false);
  // The extension is recorded: a third run computes nothing.
  await trainSystem(moved, { seed: 0, store });
  assert.equal(counters.fits - fits, 2);
  assert.equal(counters.loads - loads, 2);
  store.close();
});

test('missing artifact files are recomputed instead of trusted', async () => {
  const store = freshStore();
  const system = chainSystem();
  const first = await trainSystem(system, { seed: 2, store });
  const { rmSync } = await import('node:fs');
  rmSync(store.artifacts.path(first.models.k.artifact));
  rmSync(store.artifacts.path(first.models.u.outputs['w-train']));
  const [fits, loads] = [counters.fits, counters.loads];
  const second = await trainSystem(system, { seed: 2, store });
  assert.equal(counters.fits - fits, 1, 'k is refitted');
  assert.equal(counters.loads - loads, 1, 'u is loaded to predict on w-train again');
  assert.deepEqual(Object.values(second.models).map((m) => m.testLoss), Object.values(first.models).map((m) => m.testLoss));
  assert.ok(store.artifacts.has(second.models.k.artifact) && store.artifacts.has(second.models.u.outputs['w-train']));
  store.close();
});
