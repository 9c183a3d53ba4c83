// Runs jobs in parallel on node worker_threads. Each worker rebuilds systems from their source module and
// imports the learners they use; results are identical to InlineExecutor's for the same seeds.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EntangleError, JobError } from '../core/errors.js';
import type { Executor, ExecutorContext } from './executor.js';
import type { Job, JobProgress, JobResult } from './job.js';
import type { FromWorker } from './worker-messages.js';

export interface WorkerPoolOptions {
  /** Number of worker threads; default min(jobs in the batch, cores). */
  workers?: number;
  /** Threads each worker's learner may use; default max(1, ⌊cores / workers⌋). */
  threadsPerWorker?: number;
  /** Cores to plan for; default os.availableParallelism(). */
  cores?: number;
}

/** Default sizing: workers = min(jobs, cores), threads per worker = max(1, ⌊cores / workers⌋). */
export function poolSize(jobs: number, options: WorkerPoolOptions = {}): { workers: number; threadsPerWorker: number } {
  const cores = Math.max(1, options.cores ?? availableParallelism());
  const workers = Math.max(1, options.workers ?? Math.min(Math.max(1, jobs), cores));
  return { workers, threadsPerWorker: Math.max(1, options.threadsPerWorker ?? Math.floor(cores / workers)) };
}

class PoolWorker {
  readonly worker: Worker;
  busy = false;
  dead = false;
  #pending: { resolve: (r: JobResult) => void; reject: (e: Error) => void; onProgress?: (e: JobProgress) => void; job: Job } | undefined;

  constructor() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => {
      const pending = this.#pending;
      if (pending === undefined) return;
      if (message.type === 'progress') pending.onProgress?.(message.event);
      else {
        this.#settle();
        if (message.type === 'result') pending.resolve(message.result);
        else pending.reject(rebuildError(message.error, pending.job));
      }
    });
    this.worker.on('error', (error) => this.#die(error));
    this.worker.on('exit', (code) => this.#die(new EntangleError(`A worker thread exited with code ${code} while running a job.`)));
  }

  run(job: Job, onProgress?: (e: JobProgress) => void): Promise<JobResult> {
    this.busy = true;
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject, job, ...(onProgress ? { onProgress } : {}) };
      this.worker.postMessage({ type: 'job', job });
    });
  }

  abort(): void {
    if (this.busy) this.worker.postMessage({ type: 'abort' });
  }

  #settle(): void {
    this.#pending = undefined;
    this.busy = false;
    if (!this.dead) this.worker.unref();
  }

  #die(error: Error): void {
    this.dead = true;
    const pending = this.#pending;
    this.#settle();
    pending?.reject(new JobError(pending.job.model, pending.job.seed, pending.job.key, error));
  }
}

function rebuildError(error: { name: string; message: string; stack: string }, job: Job): Error {
  if (error.name === 'AbortError') return new DOMException(error.message, 'AbortError');
  const cause = Object.assign(new Error(error.message), { name: error.name, stack: error.stack });
  const wrapped = new JobError(job.model, job.seed, job.key, cause);
  if (error.name === 'JobError') wrapped.message = error.message;
  return wrapped;
}

export class WorkerPoolExecutor implements Executor {
  readonly #workers: PoolWorker[] = [];

  constructor(readonly options: WorkerPoolOptions = {}) {}

  async *run(jobs: readonly Job[], ctx: ExecutorContext): AsyncIterable<JobResult> {
    const { workers, threadsPerWorker } = poolSize(jobs.length, this.options);
    for (let i = this.#workers.length - 1; i >= 0; i--) if (this.#workers[i].dead) this.#workers.splice(i, 1);
    while (this.#workers.length < workers) this.#workers.push(new PoolWorker());
    const pool = this.#workers.slice(0, workers);
    const queue = jobs.map((job) => ({ ...job, threads: job.threads ?? threadsPerWorker }));
    const finished: JobResult[] = [];
    let failure: Error | undefined;
    let inFlight = 0;
    let wake: (() => void) | undefined;
    const notify = (): void => { wake?.(); wake = undefined; };
    const onAbort = (): void => { for (const w of pool) w.abort(); notify(); };
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const dispatch = (): void => {
      for (const worker of pool) {
        if (queue.length === 0 || failure !== undefined || ctx.signal?.aborted) return;
        if (worker.busy || worker.dead) continue;
        const job = queue.shift()!;
        inFlight++;
        worker.run(job, ctx.onProgress).then(
          (result) => { finished.push(result); },
          (error: Error) => { failure ??= error; },
        ).finally(() => { inFlight--; dispatch(); notify(); });
      }
    };
    try {
      dispatch();
      while (inFlight > 0 || finished.length > 0) {
        if (finished.length > 0) {
          yield finished.shift()!;
          continue;
        }
        await new Promise<void>((resolve) => { wake = resolve; });
      }
      ctx.signal?.throwIfAborted();
      if (failure !== undefined) throw failure;
      if (queue.length > 0) {
        // Every worker died before taking the remaining jobs.
        throw new EntangleError(`${queue.length} jobs were not run: no live worker thread was left. See earlier errors.`);
      }
    } finally {
      ctx.signal?.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
    this.#workers.length = 0;
  }
}
