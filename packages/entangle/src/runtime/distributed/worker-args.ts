// Arguments of worker-main (the distributed worker's command line).
import { parseArgs } from 'node:util';
import type { DistributedWorkerOptions } from './distributed-worker.js';
import { DEFAULT_QUEUE } from './protocol.js';

export const WORKER_USAGE = `Usage: worker-main.js --redis redis://host:port [--queue NAME] [--store DIR] [--concurrency N] [--threads N]
                     [--import module.js ...] [--lock-ms MS] [--max-stalled N] [--quiet]
  --redis        Redis URL (required)
  --queue        queue name shared with the executor (default '${DEFAULT_QUEUE}')
  --store        store directory as mounted here (shared transport) or local artifact cache (redis transport)
  --concurrency  jobs run at once, one thread each (default 1)
  --threads      learner threads per job (default: cores / concurrency)
  --import       module registering learners or losses, imported in every job thread (repeatable)
  --lock-ms      job lock duration: a dead worker's job is restarted elsewhere after about this long (default 30000)
  --max-stalled  restarts of a job whose worker died before it fails (default 1)
  --quiet        no log lines on stderr`;

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got '${value}'.`);
  return n;
}

/** Parses worker-main's arguments into worker options; 'help' for --help. Throws on bad arguments. */
export function parseWorkerArgs(argv: string[]): DistributedWorkerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      redis: { type: 'string' },
      queue: { type: 'string' },
      store: { type: 'string' },
      concurrency: { type: 'string' },
      threads: { type: 'string' },
      import: { type: 'string', multiple: true },
      'lock-ms': { type: 'string' },
      'max-stalled': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values.redis === undefined) throw new Error('--redis is required (e.g. --redis redis://127.0.0.1:6379).');
  const concurrency = integer('concurrency', values.concurrency, 1);
  const threads = integer('threads', values.threads, 1);
  const lockDurationMs = integer('lock-ms', values['lock-ms'], 100);
  const maxStalledCount = integer('max-stalled', values['max-stalled'], 0);
  return {
    connection: values.redis,
    ...(values.queue !== undefined ? { queueName: values.queue } : {}),
    ...(values.store !== undefined ? { store: values.store } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(values.import !== undefined ? { imports: values.import } : {}),
    ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
    ...(maxStalledCount !== undefined ? { maxStalledCount } : {}),
    ...(values.quiet ? {} : { log: (line: string) => process.stderr.write(`[entangle-worker ${process.pid}] ${line}\n`) }),
  };
}
