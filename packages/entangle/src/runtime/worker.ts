// Worker thread entry of WorkerPoolExecutor: rebuilds systems from their source and runs one job at a time.
import { parentPort } from 'node:worker_threads';
import { serveJobs } from './job-thread-loop.js';

serveJobs(parentPort!, { abortMessage: 'The evaluation was aborted.' });
