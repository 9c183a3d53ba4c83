// The executor for --workers / --threads: inline by default, a worker-thread pool with --workers.
import type { Executor, ExecutorContext } from '../runtime/executor.js';
import { InlineExecutor } from '../runtime/inline.js';
import type { Job, JobResult } from '../runtime/job.js';
import { WorkerPoolExecutor } from '../runtime/worker-pool.js';

/** Runs jobs on another executor with a fixed number of learner threads per job. */
class ThreadsExecutor implements Executor {
  constructor(readonly inner: Executor, readonly threads: number) {}
  run(jobs: readonly Job[], ctx: ExecutorContext): AsyncIterable<JobResult> {
    return this.inner.run(jobs.map((job) => ({ ...job, threads: this.threads })), ctx);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

export interface ExecutorOptions {
  /** Worker threads; absent: run jobs one by one in this thread. */
  workers?: number;
  /** Threads per job's learner (per worker with --workers); absent: ENTANGLE_THREADS or all cores inline, cores ÷ workers in a pool. */
  threads?: number;
}

/** An executor for the options; close it when done. */
export function makeExecutor(options: ExecutorOptions): Executor {
  if (options.workers !== undefined) {
    return new WorkerPoolExecutor({ workers: options.workers, ...(options.threads !== undefined ? { threadsPerWorker: options.threads } : {}) });
  }
  const inline = new InlineExecutor();
  return options.threads !== undefined ? new ThreadsExecutor(inline, options.threads) : inline;
}
