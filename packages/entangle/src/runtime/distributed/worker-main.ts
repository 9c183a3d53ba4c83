#!/usr/bin/env node
// Command-line entry of a distributed worker:
//   node packages/entangle/dist/src/runtime/distributed/worker-main.js --redis redis://host:port --queue NAME
//        --store DIR [--concurrency N] [--threads N] [--import module.js ...]
// Processes jobs until SIGINT/SIGTERM: the first signal finishes running jobs, a second stops at once.
import { startDistributedWorker, type DistributedWorkerOptions } from './distributed-worker.js';
import { parseWorkerArgs, WORKER_USAGE } from './worker-args.js';

async function main(): Promise<void> {
  let options: DistributedWorkerOptions | 'help';
  try {
    options = parseWorkerArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${WORKER_USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${WORKER_USAGE}\n`);
    return;
  }
  const worker = await startDistributedWorker(options);
  let signals = 0;
  const stop = (signal: string): void => {
    signals++;
    const force = signals > 1;
    process.stderr.write(`[entangle-worker ${process.pid}] ${signal}: ${force ? 'stopping now' : 'finishing running jobs (send again to stop now)'}\n`);
    worker.close({ force }).then(
      () => process.exit(force ? 130 : 0),
      (e: Error) => { process.stderr.write(`[entangle-worker ${process.pid}] close failed: ${e.message}\n`); process.exit(1); },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
  process.stderr.write(`[entangle-worker ${process.pid}] ${e.message}\n`);
  process.exit(1);
});
