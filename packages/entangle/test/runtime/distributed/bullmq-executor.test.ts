// BullmqExecutor against a private redis-server and two worker-main processes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import './fixtures/learners.js';
import { remoteSystem } from './fixtures/system.js';
import { freePort, startRedis, startWorker, type Child } from './fixtures/processes.js';
import { evaluateUpdate, trainSystem, type EvaluationEvent } from '../../../src/evaluate/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { InlineExecutor } from '../../../src/runtime/index.js';
import { artifactsRead, artifactsWritten, BullmqExecutor, parseWorkerArgs, redisOptions } from '../../../src/runtime/distributed/index.js';
import type { Job, JobResult } from '../../../src/runtime/index.js';
import { applyUpdate } from '../../../src/system/index.js';
import { JobError } from '../../../src/core/errors.js';

const QUEUE = 'entangle-test';
const LEARNERS = fileURLToPath(new URL('./fixtures/learners.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'entangle-distributed-'));
const dir = (name: string): string => { const d = join(root, name); mkdirSync(d, { recursive: true }); return d; };
/** The store the 'shared' tests use; worker A sees it through a symlink (another mount point), worker B at its own path. */
const sharedStore = dir('shared-store');
symlinkSync(sharedStore, join(root, 'mount'));

let redis: { url: string; child: Child };
let workers: Child[] = [];

before(async () => {
  redis = await startRedis();
  const common = ['--redis', redis.url, '--queue', QUEUE, '--import', LEARNERS, '--threads', '1', '--lock-ms', '1500'];
  workers = await Promise.all([startWorker([...common, '--store', join(root, 'mount')]), startWorker(common)]);
});

after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  for (const w of workers) if (w.process.signalCode !== 'SIGKILL') assert.equal(await w.exited, 0, `worker ${w.pid} closed gracefully on SIGTERM`);
  await redis?.child.stop();
  for (const child of [...workers, redis?.child]) if (child) assert.ok(child.process.exitCode !== null || child.process.signalCode !== null, `process ${child.pid} still runs`);
  rmSync(root, { recursive: true, force: true });
});

/** Worker A's store is the shared one, so tests with stores of their own copy artifacts through Redis. */
const executor = (options: Partial<ConstructorParameters<typeof BullmqExecutor>[0]> = {}): BullmqExecutor =>
  new BullmqExecutor({ connection: redis.url, queueName: QUEUE, waitForWorkersMs: 20_000, artifacts: 'redis', ...options });

/** Same keys, same fitted-model bytes and same output bytes, and every artifact present in the store. */
function summary(store: Store): unknown[] {
  return store.jobs().map((j) => {
    const outputs = [...store.outputs(j.key)].sort();
    for (const hash of [j.artifact!, ...outputs.map(([, h]) => h)]) assert.ok(store.artifacts.has(hash), `artifact ${hash.slice(0, 12)} of job ${j.key.slice(0, 12)} is in the store`);
    return { key: j.key, status: j.status, artifact: j.artifact, testLoss: j.metrics?.testLoss, outputs };
  }).sort((a, b) => a.key.localeCompare(b.key));
}

async function inline(system: ReturnType<typeof remoteSystem>, update: Parameters<typeof evaluateUpdate>[1], seeds: number) {
  const store = openStore(dir(`inline-${Math.random().toString(36).slice(2)}`));
  const evaluation = await evaluateUpdate(system, update, { seeds, store, executor: new InlineExecutor() });
  return { evaluation, store };
}

async function queueCounts(): Promise<Record<string, number>> {
  const queue = new Queue(QUEUE, { connection: { url: redis.url } });
  try {
    return await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  } finally {
    await queue.close();
  }
}

test('a clear error when Redis is unreachable or no worker listens', { timeout: 30_000 }, async () => {
  const nowhere = new BullmqExecutor({ connection: `redis://127.0.0.1:${await freePort()}`, queueName: QUEUE });
  const system = remoteSystem({ size: 20 });
  await assert.rejects(trainSystem(system, { seed: 0, store: openStore(dir('nowhere')), executor: nowhere }), /Cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: .*Start redis-server/);
  await nowhere.close();
  const lonely = new BullmqExecutor({ connection: redis.url, queueName: 'nobody-listens', waitForWorkersMs: 300 });
  await assert.rejects(trainSystem(system, { seed: 0, store: openStore(dir('lonely')), executor: lonely }), /No entangle worker is listening on queue 'nobody-listens' at redis:\/\/127\.0\.0\.1:\d+ \(waited 300 ms\)\. Start one: .*worker-main\.js/);
  await lonely.close();
});

test('Redis URLs', () => {
  assert.deepEqual(redisOptions('redis://me:s%40cret@example.org:6380/2'), { host: 'example.org', port: 6380, username: 'me', password: 's@cret', db: 2 });
  assert.deepEqual(redisOptions('redis://10.0.0.5'), { host: '10.0.0.5', port: 6379 });
  assert.deepEqual(redisOptions('rediss://h:1'), { host: 'h', port: 1, tls: {} });
  assert.deepEqual(redisOptions({ host: 'h', port: 2 }), { host: 'h', port: 2 });
  assert.throws(() => redisOptions('http://h:1'), /has protocol 'http:', expected redis: or rediss:/);
  assert.throws(() => redisOptions('h:1:2'), /Not a Redis URL|has protocol/);
  assert.throws(() => redisOptions('redis://h:1/zero'), /names database 'zero', expected a number/);
});

test('artifacts a job reads and writes (what the Redis transport copies)', () => {
  const h = (c: string): string => c.repeat(64);
  const job = {
    key: h('0'), system: { name: 's', fingerprint: h('f') }, model: 'w', seed: 1, datasets: ['test', 'extra'], artifactsDir: '/x',
    parents: { u: { 'w-train': h('1'), test: h('2') }, v: { 'w-train': h('3'), test: h('2') } },
  } satisfies Job;
  assert.deepEqual(artifactsRead(job).sort(), [h('1'), h('2'), h('3')]);
  const existing = { artifact: h('a'), outputs: { test: h('b') }, metrics: { loss: 'mse', testLoss: 1, fitMs: 0, predictMs: 0 } };
  assert.deepEqual(artifactsRead({ ...job, existing }).sort(), [h('1'), h('2'), h('3'), h('a')], 'the stored model is read to predict on the missing dataset');
  assert.deepEqual(artifactsRead({ ...job, datasets: ['test'], existing }).sort(), [h('1'), h('2'), h('3')]);
  const result: JobResult = { key: job.key, model: 'w', seed: 1, artifact: h('a'), outputs: { test: h('b'), extra: h('c') }, metrics: existing.metrics, fitted: false };
  assert.deepEqual(artifactsWritten({ ...job, existing }, result), [h('c')]);
  assert.deepEqual(artifactsWritten(job, { ...result, fitted: true }).sort(), [h('a'), h('b'), h('c')]);
});

test('worker-main arguments', () => {
  assert.deepEqual(parseWorkerArgs(['--redis', 'redis://h:1', '--queue', 'q', '--store', '/s', '--concurrency', '2', '--threads', '3', '--import', 'a.js', '--import', 'b.js', '--quiet']), {
    connection: 'redis://h:1', queueName: 'q', store: '/s', concurrency: 2, threads: 3, imports: ['a.js', 'b.js'],
  });
  assert.throws(() => parseWorkerArgs(['--queue', 'q']), /--redis is required/);
  assert.throws(() => parseWorkerArgs(['--redis', 'redis://h:1', '--concurrency', '0']), /--concurrency must be an integer ≥ 1, got '0'/);
  assert.equal(parseWorkerArgs(['--help']), 'help');
});

test('shared store: the same evaluation, keys and artifact bytes as inline execution, with learner progress', { timeout: 30_000 }, async () => {
  const system = remoteSystem({ size: 40 });
  const update = { name: 'u on fewer examples', model: 'u', train: 'u-small' };
  const reference = await inline(system, update, 3);
  const store = openStore(sharedStore);
  const remote = executor({ artifacts: 'shared' });
  const events: EvaluationEvent[] = [];
  try {
    const evaluation = await evaluateUpdate(system, update, { seeds: 3, store, executor: remote, onProgress: (e) => events.push(e) });
    assert.deepEqual(evaluation, reference.evaluation);
  } finally {
    await remote.close();
  }
  assert.deepEqual(summary(store), summary(reference.store));
  assert.ok(events.some((e) => e.type === 'epoch'), 'learner epochs cross Redis');
  store.close();
  reference.store.close();
});

test("'redis' transport: workers without the client's store directory give the same results", { timeout: 30_000 }, async () => {
  const system = remoteSystem({ size: 36 });
  const update = { name: 'u on fewer examples', model: 'u', train: 'u-small' };
  const reference = await inline(system, update, 2);
  const store = openStore(dir('redis-client-store'));
  const remote = executor();
  try {
    assert.deepEqual(await evaluateUpdate(system, update, { seeds: 2, store, executor: remote }), reference.evaluation);
  } finally {
    await remote.close();
  }
  assert.deepEqual(summary(store), summary(reference.store));
  store.close();
  reference.store.close();
});

test('aborting cancels the running remote jobs, removes queued ones and marks the run aborted', { timeout: 30_000 }, async () => {
  const marks = dir('abort-marks');
  const store = openStore(dir('abort-store'));
  const remote = executor();
  const controller = new AbortController();
  const poll = setInterval(() => { if (readdirSync(marks).length > 0) controller.abort(); }, 20);
  try {
    await assert.rejects(
      evaluateUpdate(remoteSystem({ size: 30, sleepMs: 20_000, markDir: marks }), { name: 'abort', model: 'u', train: 'u-small' }, { seeds: 2, store, executor: remote, signal: controller.signal }),
      (e: unknown) => (e as Error).name === 'AbortError',
    );
  } finally {
    clearInterval(poll);
    await remote.close();
  }
  assert.equal(store.runs()[0].status, 'aborted');
  assert.equal(store.jobs().filter((j) => j.status === 'done').length, 0, 'no 20 s job could finish');
  assert.ok(workers.some((w) => w.log.some((line) => line.includes('cancelling'))), 'a worker was told to cancel its job');
  assert.deepEqual(await queueCounts(), { waiting: 0, active: 0, delayed: 0, prioritized: 0 });
  store.close();
});

test('a failing learner gives a JobError naming the model, the seed and the remote message', { timeout: 30_000 }, async () => {
  const store = openStore(dir('failing-store'));
  const remote = executor();
  try {
    const broken = applyUpdate(remoteSystem({ size: 30 }), { name: 'broken', model: 'v', args: { fail: 'no convergence' } });
    await assert.rejects(trainSystem(broken, { seed: 4, store, executor: remote }), (e: unknown) => {
      assert.ok(e instanceof JobError, `expected a JobError, got ${e}`);
      assert.equal(e.model, 'v');
      assert.equal(e.seed, 4);
      assert.match(e.message, /^Training model 'v' with seed 4 failed \(job [0-9a-f]{12}\): no convergence \[worker .+:\d+\]$/);
      return true;
    });
  } finally {
    await remote.close();
  }
  assert.match(store.jobs().find((j) => j.model === 'v')!.error ?? '', /no convergence/);
  store.close();
});

test('retries with backoff: a job that fails once succeeds on its second attempt', { timeout: 30_000 }, async () => {
  const system = remoteSystem({ size: 30, failOnceDir: dir('fail-once') });
  const store = openStore(dir('retry-store'));
  const once = executor();
  try {
    await assert.rejects(trainSystem(system, { seed: 1, store, executor: once }), /transient failure/);
  } finally {
    await once.close();
  }
  const retrying = executor({ attempts: 2, backoff: { type: 'fixed', delayMs: 100 } });
  try {
    const trained = await trainSystem(system, { seed: 2, store, executor: retrying });
    const reference = await trainSystem(system, { seed: 2, store: openStore(dir('retry-inline')), executor: new InlineExecutor() });
    assert.deepEqual(Object.fromEntries(Object.entries(trained.models).map(([id, m]) => [id, m.testLoss])), Object.fromEntries(Object.entries(reference.models).map(([id, m]) => [id, m.testLoss])));
  } finally {
    await retrying.close();
  }
  store.close();
});

test('a worker killed mid-job: the other worker reruns the job and the run completes with the same results', { timeout: 30_000 }, async () => {
  const marks = dir('kill-marks');
  const system = remoteSystem({ size: 30, sleepMs: 1200, markDir: marks });
  const store = openStore(dir('kill-store'));
  const remote = executor();
  let killed: Child | undefined;
  const poll = setInterval(() => {
    if (killed !== undefined) return;
    const first = readdirSync(marks)[0];
    if (first === undefined) return;
    const pid = Number(first.split('-')[2]);
    killed = workers.find((w) => w.pid === pid);
    killed?.process.kill('SIGKILL');
  }, 10);
  try {
    const trained = await trainSystem(system, { seed: 3, store, executor: remote });
    assert.ok(killed !== undefined, 'a worker was killed');
    const reference = await trainSystem(system, { seed: 3, store: openStore(dir('kill-inline')), executor: new InlineExecutor() });
    assert.deepEqual(Object.fromEntries(Object.entries(trained.models).map(([id, m]) => [id, [m.artifact, m.testLoss]])), Object.fromEntries(Object.entries(reference.models).map(([id, m]) => [id, [m.artifact, m.testLoss]])));
  } finally {
    clearInterval(poll);
    await remote.close();
  }
  const [model, seed] = readdirSync(marks).find((m) => Number(m.split('-')[2]) === killed!.pid)!.split('-');
  const reruns = readdirSync(marks).filter((m) => m.startsWith(`${model}-${seed}-`) && Number(m.split('-')[2]) !== killed!.pid);
  assert.ok(reruns.length >= 1, `model ${model} was rerun by another worker (marks: ${readdirSync(marks).join(', ')})`);
  store.close();
});

test('SIGTERM lets a worker finish its running job before it exits', { timeout: 30_000 }, async () => {
  const marks = dir('term-marks');
  const store = openStore(dir('term-store'));
  const remote = executor();
  const [survivor] = workers.filter((w) => w.process.exitCode === null && w.process.signalCode === null);
  let terminated = false;
  const poll = setInterval(() => {
    if (!terminated && readdirSync(marks).some((m) => m.startsWith('w-'))) {
      terminated = true;
      survivor.process.kill('SIGTERM');
    }
  }, 10);
  try {
    const trained = await trainSystem(remoteSystem({ size: 30, sleepMs: 400, markDir: marks }), { seed: 5, store, executor: remote });
    assert.ok(terminated, 'the worker was sent SIGTERM while it ran w');
    assert.ok(Number.isFinite(trained.models.w.testLoss));
  } finally {
    clearInterval(poll);
    await remote.close();
  }
  assert.equal(await survivor.exited, 0);
  assert.ok(survivor.log.some((line) => /SIGTERM: finishing running jobs/.test(line)));
  store.close();
});
