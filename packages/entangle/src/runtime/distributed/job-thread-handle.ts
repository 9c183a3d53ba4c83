// The distributed worker's side of one job thread: sends a job, relays its progress, aborts it, notices a crash.
import { Worker } from 'node:worker_threads';
import { EntangleError } from '../../core/errors.js';
import type { Job, JobProgress, JobResult } from '../job.js';
import type { FromWorker } from '../worker-messages.js';
import type { JobThreadData } from './job-thread.js';

/** An error raised inside the thread, rebuilt with its original name (AbortError, JobError...). */
export class ThreadError extends Error {
  constructor(name: string, message: string, stack: string) {
    super(message);
    this.name = name;
    this.stack = stack;
  }
}

export class JobThread {
  readonly #worker: Worker;
  #dead = false;
  #pending: { resolve: (r: JobResult) => void; reject: (e: Error) => void; onProgress?: (e: JobProgress) => void } | undefined;

  constructor(data: JobThreadData) {
    this.#worker = new Worker(new URL('./job-thread.js', import.meta.url), { workerData: data });
    this.#worker.on('message', (message: FromWorker) => {
      const pending = this.#pending;
      if (pending === undefined) return;
      if (message.type === 'progress') {
        pending.onProgress?.(message.event);
        return;
      }
      this.#pending = undefined;
      if (message.type === 'result') pending.resolve(message.result);
      else pending.reject(new ThreadError(message.error.name, message.error.message, message.error.stack));
    });
    this.#worker.on('error', (error) => this.#die(error));
    this.#worker.on('exit', (code) => this.#die(new EntangleError(`The worker's job thread exited with code ${code} while running a job.`)));
  }

  get dead(): boolean {
    return this.#dead;
  }

  /** Runs one job; `signal` aborts it inside the thread (the promise then rejects with an AbortError). */
  run(job: Job, options: { signal?: AbortSignal; onProgress?: (e: JobProgress) => void } = {}): Promise<JobResult> {
    if (this.#dead) return Promise.reject(new EntangleError('Internal error: a job was sent to a job thread that has exited.'));
    if (this.#pending !== undefined) return Promise.reject(new EntangleError('Internal error: a job was sent to a busy job thread.'));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => this.#worker.postMessage({ type: 'abort' });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => options.signal?.removeEventListener('abort', onAbort);
      this.#pending = {
        resolve: (r) => { done(); resolve(r); },
        reject: (e) => { done(); reject(e); },
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      };
      this.#worker.postMessage({ type: 'job', job });
      if (options.signal?.aborted) onAbort();
    });
  }

  async terminate(): Promise<void> {
    this.#dead = true;
    await this.#worker.terminate();
  }

  #die(error: Error): void {
    this.#dead = true;
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }
}
