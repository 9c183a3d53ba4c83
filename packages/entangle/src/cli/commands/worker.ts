// `entangle worker --redis URL [...]`: a distributed worker (the flags of worker-main, docs/distributed.md) that
// also imports the modules of ENTANGLE_EXTRA_MODULES in its job threads. Runs until SIGINT or SIGTERM.
import { delimiter } from 'node:path';
import { CommandFailure, EXIT, UsageError } from '../exit-codes.js';
import { EXTRA_MODULES_ENV } from '../modules.js';
import { out } from './common.js';

/** The worker's flags: worker-main's own, which parseWorkerArgs checks (the CLI's --debug is dropped first). */
export async function workerCommand(args: readonly string[]): Promise<number> {
  const { parseWorkerArgs, startDistributedWorker, WORKER_USAGE } = await import('../../runtime/distributed/index.js');
  const usage = WORKER_USAGE.replace(/^Usage: worker-main\.js/, 'Usage: entangle worker').replace(/\n {21}/g, '\n                      ');
  let options: ReturnType<typeof parseWorkerArgs>;
  try {
    options = parseWorkerArgs(args.filter((a) => a !== '--debug'));
  } catch (e) {
    throw new CommandFailure(new UsageError(`worker: ${(e as Error).message} ('entangle worker --help' lists the flags.)`), 'input');
  }
  if (options === 'help') {
    out(usage);
    return EXIT.ok;
  }
  const extras = (process.env[EXTRA_MODULES_ENV] ?? '').split(delimiter).map((s) => s.trim()).filter(Boolean);
  if (extras.length > 0) options = { ...options, imports: [...extras, ...(options.imports ?? [])] };
  let worker: Awaited<ReturnType<typeof startDistributedWorker>>;
  try {
    worker = await startDistributedWorker(options);
  } catch (e) {
    throw new CommandFailure(e, 'input');
  }
  const tag = `[entangle-worker ${process.pid}]`;
  // The first signal finishes the running jobs, a second stops at once (their jobs are retried elsewhere).
  return new Promise<number>((resolve, reject) => {
    let signals = 0;
    const stop = (signal: string): void => {
      signals++;
      const force = signals > 1;
      process.stderr.write(`${tag} ${signal}: ${force ? 'stopping now' : 'finishing running jobs (send again to stop now)'}\n`);
      worker.close({ force }).then(() => resolve(force ? EXIT.interrupted : EXIT.ok), (e: unknown) => reject(new CommandFailure(e, 'run')));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
