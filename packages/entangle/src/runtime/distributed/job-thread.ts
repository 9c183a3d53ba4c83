// Worker-thread entry of a distributed worker: imports the worker's extra modules (learners, losses), rebuilds
// systems from their source and runs one job at a time, so the process's event loop stays free for Redis.
import { parentPort, workerData } from 'node:worker_threads';
import { serveJobs } from '../job-thread-loop.js';

/** What the thread is started with. */
export interface JobThreadData {
  /** file: URLs of modules to import before the first job. */
  imports: string[];
}

const { imports } = workerData as JobThreadData;

const ready = (async () => {
  for (const url of imports) {
    try {
      await import(url);
    } catch (e) {
      throw new Error(`The worker could not import ${url} (given with --import): ${(e as Error).message}`, { cause: e });
    }
  }
})();
ready.catch(() => {});

serveJobs(parentPort!, { ready, abortMessage: 'The job was cancelled.' });
