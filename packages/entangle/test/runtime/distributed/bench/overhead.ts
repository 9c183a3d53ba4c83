// Measures BullmqExecutor's overhead per job against InlineExecutor on tiny pure-JS jobs (docs/distributed.md).
// Run after building: node packages/entangle/dist/test/runtime/distributed/bench/overhead.js [--seeds N] [--workers N] [--verbose]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import '../fixtures/learners.js';
import { remoteSystem } from '../fixtures/system.js';
import { startRedis, startWorker, type Child } from '../fixtures/processes.js';
import { evaluateUpdate } from '../../../../src/evaluate/index.js';
import { openStore } from '../../../../src/store/index.js';
import type { Executor } from '../../../../src/runtime/index.js';
import { InlineExecutor } from '../../../../src/runtime/index.js';
import { BullmqExecutor, type ArtifactTransport } from '../../../../src/runtime/distributed/index.js';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, workers: { type: 'string' }, repeats: { type: 'string' }, verbose: { type: 'boolean' } } });
const repeats = Number(values.repeats ?? 3);
const seeds = Number(values.seeds ?? 20);
const workerCount = Number(values.workers ?? 1);
const LEARNERS = fileURLToPath(new URL('../fixtures/learners.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'entangle-bench-'));
const system = remoteSystem({ size: 40 });
const update = { name: 'u on fewer examples', model: 'u', train: 'u-small' };

/** Wall time of one evaluation in a fresh store (median of `repeats`), and the number of jobs it ran. */
async function timed(executor: Executor, label: string, seedCount: number, repeats = 1): Promise<{ ms: number; jobs: number }> {
  const runs: { ms: number; jobs: number }[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await timedOnce(executor, label, seedCount));
  return runs.sort((a, b) => a.ms - b.ms)[Math.floor(repeats / 2)];
}

async function timedOnce(executor: Executor, label: string, seedCount: number): Promise<{ ms: number; jobs: number }> {
  const store = openStore(mkdtempSync(join(root, `${label}-`)));
  const started = performance.now();
  await evaluateUpdate(system, update, { seeds: seedCount, store, executor });
  const ms = performance.now() - started;
  const jobs = store.jobs().length;
  store.close();
  return { ms, jobs };
}

const redis = await startRedis();
let workers: Child[] = [];
try {
  workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(['--redis', redis.url, '--queue', 'bench', '--import', LEARNERS, '--threads', '1'])));
  await timed(new InlineExecutor(), 'warm-inline', 2);
  const inline = await timed(new InlineExecutor(), 'inline', seeds, repeats);
  const rows: Record<string, unknown>[] = [{ executor: 'inline', jobs: inline.jobs, ms: Math.round(inline.ms), msPerJob: +(inline.ms / inline.jobs).toFixed(2) }];
  const variants: { artifacts: ArtifactTransport; concurrency?: number }[] = [{ artifacts: 'shared', concurrency: 1 }, { artifacts: 'shared' }, { artifacts: 'redis' }];
  for (const { artifacts, concurrency } of variants) {
    const executor = new BullmqExecutor({ connection: redis.url, queueName: 'bench', artifacts, ...(concurrency ? { concurrency } : {}) });
    try {
      await timed(executor, `warm-${artifacts}`, 2); // first jobs start the job threads and rebuild the system
      const run = await timed(executor, artifacts, seeds, repeats);
      rows.push({ executor: `bullmq ${artifacts}, ${workerCount} workers${concurrency ? `, one job at a time` : ''}`, jobs: run.jobs, ms: Math.round(run.ms), msPerJob: +(run.ms / run.jobs).toFixed(2), overheadMsPerJob: +((run.ms - inline.ms) / run.jobs).toFixed(2) });
    } finally {
      await executor.close();
    }
  }
  for (const row of rows) console.log(JSON.stringify(row));
  if (values.verbose) for (const w of workers) console.log(`--- worker ${w.pid}\n${w.log.join('\n')}`);
} finally {
  await Promise.all(workers.map((w) => w.stop()));
  await redis.child.stop();
  rmSync(root, { recursive: true, force: true });
}
