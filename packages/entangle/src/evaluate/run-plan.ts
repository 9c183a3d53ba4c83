// Runs a job plan: jobs already in the store are reused, the rest go to the executor in waves of jobs whose
// parents are done. Each finished job is recorded at once, so a killed run resumes where it stopped.
import { EntangleError, JobError } from '../core/errors.js';
import type { Executor } from '../runtime/executor.js';
import { InlineExecutor } from '../runtime/inline.js';
import type { Job, JobResult } from '../runtime/job.js';
import type { Store } from '../store/store.js';
import type { System } from '../system/system.js';
import type { EvaluationEvent } from './events.js';
import type { PlannedJob } from './plan.js';

export interface RunPlanOptions {
  store: Store;
  /** Default: a new InlineExecutor. */
  executor?: Executor;
  onProgress?: (event: EvaluationEvent) => void;
  /** Stops cleanly between jobs; jobs already finished stay recorded. */
  signal?: AbortSignal;
}

export interface CompletedJob {
  planned: PlannedJob;
  result: JobResult;
  /** True when nothing was computed (model and every needed output were in the store). */
  cached: boolean;
}

/** Looks a planned job up in the store: complete, partially present (model but not every output), or absent. */
function lookup(store: Store, p: PlannedJob): { complete?: JobResult; existing?: Job['existing'] } {
  const record = store.job(p.key);
  if (record === undefined || record.status !== 'done' || record.artifact === null || record.metrics === null) return {};
  if (!store.artifacts.has(record.artifact)) {
    store.forgetJob(p.key);
    return {};
  }
  const byVersion = store.outputs(p.key);
  const outputs: Record<string, string> = {};
  for (const name of p.datasets) {
    const hash = byVersion.get(p.system.dataset(name).version);
    if (hash !== undefined && store.artifacts.has(hash)) outputs[name] = hash;
  }
  const result: JobResult = { key: p.key, model: p.model, seed: p.seed, artifact: record.artifact, outputs, metrics: record.metrics, fitted: false };
  if (p.datasets.every((name) => outputs[name] !== undefined)) return { complete: result };
  return { existing: { artifact: record.artifact, outputs, metrics: record.metrics } };
}

/** Builds the JSON job for a planned job whose parents are done. */
function toJob(p: PlannedJob, done: ReadonlyMap<string, CompletedJob>, store: Store, existing: Job['existing']): Job {
  const spec = p.system.model(p.model);
  const reads = [...new Set([spec.train, ...p.datasets])];
  const parents: Record<string, Record<string, string>> = {};
  spec.parents.forEach((parent, i) => {
    const outputs = done.get(p.parents[i])!.result.outputs;
    parents[parent] = Object.fromEntries(reads.map((name) => [name, outputs[name]]));
  });
  const source = p.system.source;
  return {
    key: p.key,
    system: { name: p.system.name, fingerprint: p.system.fingerprint(), ...(source ? { source } : {}) },
    model: p.model,
    seed: p.seed,
    datasets: p.datasets,
    parents,
    ...(existing ? { existing } : {}),
    artifactsDir: store.artifacts.dir,
  };
}

/** Runs every planned job (reusing the store) and returns them by plan id. */
export async function runPlan(plan: readonly PlannedJob[], options: RunPlanOptions): Promise<Map<string, CompletedJob>> {
  const { store, signal, onProgress } = options;
  const executor = options.executor ?? new InlineExecutor();
  const systems = new Map<string, System>();
  for (const p of plan) systems.set(p.system.fingerprint(), p.system);
  const done = new Map<string, CompletedJob>();
  const firstByKey = new Map<string, PlannedJob>();
  for (const p of plan) if (!firstByKey.has(p.key)) firstByKey.set(p.key, p);
  let pending = [...plan];
  const total = plan.length;
  const emit = (type: 'job-start' | 'job-done' | 'job-cached', p: PlannedJob, testLoss?: number): void =>
    onProgress?.({ type, variant: p.variant, model: p.model, seed: p.seed, key: p.key, ...(testLoss !== undefined ? { testLoss } : {}), completed: done.size, total });
  try {
    while (pending.length > 0) {
      signal?.throwIfAborted();
      const wave: PlannedJob[] = [];
      const keys = new Set<string>();
      for (const p of pending) {
        if (p.parents.every((id) => done.has(id)) && !keys.has(p.key)) {
          wave.push(p);
          keys.add(p.key);
        }
      }
      if (wave.length === 0) throw new EntangleError(`Internal error: ${pending.length} planned jobs can never run (missing parents: ${pending[0].parents.join(', ')}).`);
      const inWave = new Set(wave);
      pending = pending.filter((p) => !inWave.has(p));
      const batch: Job[] = [];
      const byKey = new Map<string, PlannedJob>();
      for (const p of wave) {
        const { complete, existing } = lookup(store, p);
        if (complete !== undefined) {
          done.set(p.id, { planned: p, result: complete, cached: true });
          emit('job-cached', p, complete.metrics.testLoss);
          continue;
        }
        batch.push(toJob(p, done, store, existing));
        byKey.set(p.key, p);
        if (existing === undefined) store.startJob(p.key, p.model, p.seed);
        emit('job-start', p);
      }
      if (batch.length === 0) continue;
      const results = executor.run(batch, {
        systems,
        ...(signal ? { signal } : {}),
        ...(onProgress
          ? { onProgress: (e) => { const p = firstByKey.get(e.key)!; onProgress({ type: 'epoch', variant: p.variant, model: p.model, seed: p.seed, key: e.key, epoch: e.epoch, epochs: e.epochs, ...(e.loss !== undefined ? { loss: e.loss } : {}) }); } }
          : {}),
      });
      for await (const result of results) {
        const p = byKey.get(result.key)!;
        const newOutputs = Object.fromEntries(
          Object.entries(result.outputs).map(([name, hash]) => [p.system.dataset(name).version, hash]),
        );
        store.finishJob(result.key, result.model, result.seed, result.artifact, result.metrics, newOutputs);
        done.set(p.id, { planned: p, result, cached: false });
        emit('job-done', p, result.metrics.testLoss);
      }
    }
  } catch (e) {
    if (e instanceof JobError) store.failJob(e.key, e.message);
    throw e;
  } finally {
    if (options.executor === undefined) await executor.close();
  }
  return done;
}
