// Messages between WorkerPoolExecutor and its worker threads.
import type { Job, JobProgress, JobResult } from './job.js';

export type ToWorker = { type: 'job'; job: Job } | { type: 'abort' };

export type FromWorker =
  | { type: 'progress'; event: JobProgress }
  | { type: 'result'; result: JobResult }
  | { type: 'error'; error: { name: string; message: string; stack: string } };
