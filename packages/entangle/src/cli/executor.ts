// The executor behind --executor inline|pool|bullmq (and the older --workers): where a command's jobs run.
import type { RedisOptions } from 'ioredis';
import type { Executor, ExecutorContext } from '../runtime/executor.js';
import { InlineExecutor } from '../runtime/inline.js';
import type { Job, JobResult } from '../runtime/job.js';
import { WorkerPoolExecutor } from '../runtime/worker-pool.js';
import { UsageError } from './exit-codes.js';

export const EXECUTOR_KINDS = ['inline', 'pool', 'bullmq'] as const;
export type ExecutorKind = (typeof EXECUTOR_KINDS)[number];
export const ARTIFACT_TRANSPORTS = ['shared', 'redis'] as const;

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
  /** Where jobs run; absent: 'pool' when --workers is given, else 'inline'. */
  executor?: ExecutorKind;
  /** Worker threads of the pool; absent with --executor pool: one per core (at most one per job). */
  workers?: number;
  /** Threads per job's learner; absent: ENTANGLE_THREADS or all cores inline, cores ÷ workers in a pool, the worker's choice with bullmq. */
  threads?: number;
  /** bullmq: Redis URL. */
  redis?: string;
  /** bullmq: queue shared with the workers. */
  queue?: string;
  /** bullmq: how workers reach artifacts. */
  artifacts?: (typeof ARTIFACT_TRANSPORTS)[number];
  /** bullmq: tries per job when its learner throws. */
  attempts?: number;
  /** bullmq: first wait before a retry (doubles each try). */
  backoffMs?: number;
  /** bullmq: most of this command's jobs queued or running at once. */
  maxQueued?: number;
}

const BULLMQ_ONLY = [['redis', '--redis'], ['queue', '--queue'], ['artifacts', '--artifacts'], ['attempts', '--attempts'], ['backoffMs', '--backoff-ms'], ['maxQueued', '--max-queued']] as const;

/** The executor kind the options ask for; throws a UsageError for combinations that make no sense. */
export function executorKind(options: ExecutorOptions): ExecutorKind {
  const kind = options.executor ?? (options.workers !== undefined ? 'pool' : 'inline');
  if (options.workers !== undefined && kind !== 'pool') {
    throw new UsageError(`--workers sets the size of the worker-thread pool and has no meaning with --executor ${kind}. Drop --workers${kind === 'bullmq' ? ' (start more workers, or give them --concurrency, instead)' : ', or use --executor pool'}.`);
  }
  if (kind !== 'bullmq') {
    const given = BULLMQ_ONLY.filter(([key]) => options[key] !== undefined).map(([, flag]) => flag);
    if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} only for --executor bullmq (got --executor ${kind}). Add --executor bullmq --redis URL, or drop ${given.length === 1 ? 'it' : 'them'}.`);
  } else if (options.redis === undefined) {
    throw new UsageError(`--executor bullmq needs --redis URL (e.g. --redis redis://127.0.0.1:6379) and workers started with 'entangle worker --redis URL'. See docs/distributed.md.`);
  }
  return kind;
}

/** An inline or worker-pool executor (the dashboard's); close it when done. */
export function makeExecutor(options: Pick<ExecutorOptions, 'workers' | 'threads'>): Executor {
  if (options.workers !== undefined) {
    return new WorkerPoolExecutor({ workers: options.workers, ...(options.threads !== undefined ? { threadsPerWorker: options.threads } : {}) });
  }
  const inline = new InlineExecutor();
  return options.threads !== undefined ? new ThreadsExecutor(inline, options.threads) : inline;
}

/** Connects once without retrying, so an unreachable server fails at once with the socket's own error. */
async function pingRedis(settings: RedisOptions, where: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis({ ...settings, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 });
  // The socket's error (ECONNREFUSED, ENOTFOUND...) arrives as an event; connect() then only says the connection closed.
  let socketError: Error | undefined;
  redis.on('error', (e: Error) => { socketError ??= e; });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    const reason = (socketError ?? (e instanceof Error ? e : new Error(String(e)))).message.replace(/\.+$/, '');
    throw new UsageError(`Cannot reach Redis at ${where} (--redis): ${reason}. Start redis-server there (docs/distributed.md, "Setup") or fix --redis.`, { cause: e });
  } finally {
    redis.disconnect();
  }
}

/**
 * The executor for the options; close it when done. bullmq is imported only here (importing entangle does not
 * load it), and Redis is pinged first, so an unreachable server fails before anything runs, with the fix.
 */
export async function openExecutor(options: ExecutorOptions): Promise<Executor> {
  const kind = executorKind(options);
  if (kind === 'inline') return makeExecutor({ ...(options.threads !== undefined ? { threads: options.threads } : {}) });
  if (kind === 'pool') return new WorkerPoolExecutor({ ...(options.workers !== undefined ? { workers: options.workers } : {}), ...(options.threads !== undefined ? { threadsPerWorker: options.threads } : {}) });
  const { BullmqExecutor, describeConnection, redisOptions } = await import('../runtime/distributed/index.js');
  const url = options.redis!;
  let where: string;
  try {
    where = describeConnection(url);
  } catch (e) {
    throw new UsageError(`--redis: ${(e as Error).message}`, { cause: e });
  }
  await pingRedis(redisOptions(url), where);
  const executor = new BullmqExecutor({
    connection: url,
    ...(options.queue !== undefined ? { queueName: options.queue } : {}),
    ...(options.artifacts !== undefined ? { artifacts: options.artifacts } : {}),
    ...(options.attempts !== undefined ? { attempts: options.attempts } : {}),
    ...(options.backoffMs !== undefined ? { backoff: { type: 'exponential' as const, delayMs: options.backoffMs } } : {}),
    ...(options.maxQueued !== undefined ? { concurrency: options.maxQueued } : {}),
  });
  return options.threads !== undefined ? new ThreadsExecutor(executor, options.threads) : executor;
}
