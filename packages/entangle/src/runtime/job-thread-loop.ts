// The message loop of a job-running worker thread (pool or distributed): rebuild systems, run one job at a time.
import type { MessagePort } from 'node:worker_threads';
import { ArtifactStore } from '../store/artifacts.js';
import type { System } from '../system/system.js';
import type { Job } from './job.js';
import { loadSystemFor } from './load-system.js';
import { OutputsCache } from './outputs-cache.js';
import { runJob } from './run-job.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** Serves jobs arriving on `port`; `ready` (e.g. extra imports) is awaited before each job runs. */
export function serveJobs(port: MessagePort, options: { ready?: Promise<void>; abortMessage: string }): void {
  const systems = new Map<string, Promise<System>>();
  const artifacts = new Map<string, ArtifactStore>();
  const cache = new OutputsCache(128 * 2 ** 20);
  let current: AbortController | undefined;
  const post = (message: FromWorker): void => port.postMessage(message);

  async function handle(job: Job): Promise<void> {
    current = new AbortController();
    try {
      await options.ready;
      let system = systems.get(job.system.fingerprint);
      if (system === undefined) {
        system = loadSystemFor(job.system);
        systems.set(job.system.fingerprint, system);
        system.catch(() => systems.delete(job.system.fingerprint));
      }
      let store = artifacts.get(job.artifactsDir);
      if (store === undefined) artifacts.set(job.artifactsDir, (store = new ArtifactStore(job.artifactsDir)));
      const result = await runJob(job, await system, store, {
        cache,
        signal: current.signal,
        onProgress: (event) => post({ type: 'progress', event }),
      });
      post({ type: 'result', result });
    } catch (e) {
      const error = e as Error;
      post({ type: 'error', error: { name: error?.name ?? 'Error', message: error?.message ?? String(e), stack: error?.stack ?? '' } });
    } finally {
      current = undefined;
    }
  }

  port.on('message', (message: ToWorker) => {
    if (message.type === 'job') void handle(message.job);
    else if (message.type === 'abort') current?.abort(new DOMException(options.abortMessage, 'AbortError'));
  });
}
