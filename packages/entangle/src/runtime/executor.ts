// Executors run batches of independent jobs (no job in a batch depends on another) and stream results back.
import type { System } from '../system/system.js';
import type { Job, JobProgress, JobResult } from './job.js';

export interface ExecutorContext {
  /** Systems already built in this process, by fingerprint (inline executors use them; workers rebuild from source). */
  systems: ReadonlyMap<string, System>;
  onProgress?: (e: JobProgress) => void;
  /** Stops dispatching new jobs; running jobs see the signal through their learner's FitContext. */
  signal?: AbortSignal;
}

export interface Executor {
  /** Runs the jobs and yields each result as it finishes (any order). Throws the first JobError after in-flight jobs end. */
  run(jobs: readonly Job[], ctx: ExecutorContext): AsyncIterable<JobResult>;
  /** Releases threads or connections. */
  close(): Promise<void>;
}
