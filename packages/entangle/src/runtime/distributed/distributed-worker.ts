// A process-level worker: takes entangle jobs from a BullMQ queue and runs each in one of its job threads.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Job as BullJob, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { EntangleError, JobError } from '../../core/errors.js';
import { ArtifactStore } from '../../store/artifacts.js';
import type { JobResult } from '../job.js';
import { artifactsRead, artifactsWritten, downloadArtifacts, uploadArtifacts } from './artifact-transport.js';
import { bullmqConnection, describeConnection, openRedis, errorText, type RedisConnection } from './connection.js';
import { JobThread } from './job-thread-handle.js';
import { ABORT_REASON, cancelChannel, cancelKey, DEFAULT_QUEUE, type DistributedJobData } from './protocol.js';

export interface DistributedWorkerOptions {
  connection: RedisConnection;
  /** Default 'entangle'. */
  queueName?: string;
  /**
   * The store directory as seen from this machine (the one holding artifacts/). With the 'shared' transport it must
   * be the client's store (e.g. an NFS mount); default: the client's own path. With 'redis' it is a local cache of
   * artifacts; default: a temporary directory removed on close.
   */
  store?: string;
  /** Jobs run at once (one job thread each); default 1. */
  concurrency?: number;
  /** Threads each job's learner may use; default: the job's own value, else max(1, ⌊cores / concurrency⌋). */
  threads?: number;
  /** Modules (paths or file: URLs) every job thread imports first: learners and losses the systems' modules do not import. */
  imports?: string[];
  /** How long a job stays locked without renewal before others take it as stalled (a dead worker); default 30 000 ms. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs; default lockDurationMs. */
  stalledIntervalMs?: number;
  /** How many times a job may stall (its worker died) and be restarted before it fails; default 1. */
  maxStalledCount?: number;
  /** Where to write one line per job event; default: nothing. */
  log?: (line: string) => void;
}

export interface DistributedWorker {
  /** hostname:pid, as it appears in error messages. */
  readonly id: string;
  /** Stops taking jobs; waits for running jobs to finish unless `force` (they are then retried elsewhere once their lock expires). */
  close(options?: { force?: boolean }): Promise<void>;
}

/** A file: URL for an --import module; fails at startup, not at the first job, when the file does not exist. */
function moduleUrl(module: string): string {
  if (module.startsWith('file:')) return module;
  const path = isAbsolute(module) ? module : resolve(module);
  if (!existsSync(path)) throw new EntangleError(`The worker cannot import ${module}: ${path} does not exist. Give --import a path relative to ${process.cwd()} or an absolute one.`);
  return pathToFileURL(path).href;
}

/** Hands out one idle job thread per running job, replacing threads that died. */
class ThreadPool {
  readonly #idle: JobThread[] = [];
  readonly #all = new Set<JobThread>();
  constructor(readonly imports: string[]) {}

  take(): JobThread {
    let thread = this.#idle.pop();
    while (thread !== undefined && thread.dead) thread = this.#idle.pop();
    if (thread === undefined) {
      thread = new JobThread({ imports: this.imports });
      this.#all.add(thread);
    }
    return thread;
  }

  give(thread: JobThread): void {
    if (thread.dead) this.#all.delete(thread);
    else this.#idle.push(thread);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#all].map((t) => t.terminate()));
    this.#all.clear();
    this.#idle.length = 0;
  }
}

/** Connects to Redis and processes jobs until closed. Resolves once the worker is ready to take jobs. */
export async function startDistributedWorker(options: DistributedWorkerOptions): Promise<DistributedWorker> {
  const queueName = options.queueName ?? DEFAULT_QUEUE;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const defaultThreads = Math.max(1, Math.floor(availableParallelism() / concurrency));
  const id = `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => {});
  const imports = (options.imports ?? []).map(moduleUrl);
  const redis: Redis = openRedis(options.connection);
  try {
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new EntangleError(`The worker cannot reach Redis at ${describeConnection(options.connection)}: ${errorText(e)}. Start redis-server or fix --redis.`, { cause: e });
  }
  const subscriber = redis.duplicate();
  const tempCache = options.store === undefined ? mkdtempSync(join(tmpdir(), 'entangle-worker-cache-')) : undefined;
  const stores = new Map<string, ArtifactStore>();
  const storeAt = (dir: string): ArtifactStore => {
    let store = stores.get(dir);
    if (store === undefined) stores.set(dir, (store = new ArtifactStore(dir)));
    return store;
  };
  const artifactsDir = (data: DistributedJobData): string => {
    if (options.store !== undefined) return join(resolve(options.store), 'artifacts');
    return data.artifacts === 'shared' ? data.job.artifactsDir : join(tempCache!, 'artifacts');
  };
  const threads = new ThreadPool(imports);

  const processor = async (bullJob: BullJob, _token?: string, signal?: AbortSignal): Promise<JobResult> => {
    const data = bullJob.data as DistributedJobData;
    const job = data.job;
    const what = `${job.model} seed ${job.seed} (${bullJob.id}, attempt ${bullJob.attemptsMade + 1})`;
    if ((await redis.exists(cancelKey(queueName, bullJob.id!))) === 1) throw new UnrecoverableError(`${ABORT_REASON}job ${bullJob.id} was cancelled before it started.`);
    log(`start ${what}`);
    const dir = artifactsDir(data);
    const store = storeAt(dir);
    const thread = threads.take();
    try {
      const reads = artifactsRead(job);
      if (data.artifacts === 'redis') await downloadArtifacts(redis, queueName, store, reads, data.artifactTtlSeconds);
      else {
        const missing = reads.find((hash) => !store.has(hash));
        if (missing !== undefined) {
          throw new EntangleError(
            `Worker ${id} cannot find artifact ${missing.slice(0, 12)} in ${dir}; the client wrote it under ${job.artifactsDir}. ` +
              `With the 'shared' artifact transport every worker must see the client's store directory: start the worker with --store <that directory as mounted here>, or run the executor with artifacts: 'redis'.`,
          );
        }
      }
      let progress: Promise<unknown> = Promise.resolve();
      const result = await thread.run(
        { ...job, artifactsDir: dir, threads: options.threads ?? job.threads ?? defaultThreads },
        {
          ...(signal ? { signal } : {}),
          onProgress: (event) => { progress = progress.then(() => bullJob.updateProgress(event)).catch(() => {}); },
        },
      );
      await progress;
      if (data.artifacts === 'redis') await uploadArtifacts(redis, queueName, store, artifactsWritten(job, result), data.artifactTtlSeconds);
      log(`done ${what}: test loss ${result.metrics.testLoss}`);
      return result;
    } catch (e) {
      const error = e as Error;
      if (error?.name === 'AbortError' || signal?.aborted) {
        log(`cancelled ${what}`);
        throw new UnrecoverableError(`${ABORT_REASON}${error?.message ?? 'cancelled'}`);
      }
      const wrapped = error?.name === 'JobError' ? error : new JobError(job.model, job.seed, job.key, error);
      log(`failed ${what}: ${wrapped.message}`);
      throw new Error(`${wrapped.message} [worker ${id}]`);
    } finally {
      threads.give(thread);
    }
  };

  const worker = new Worker(queueName, processor, {
    connection: bullmqConnection(options.connection),
    concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? options.lockDurationMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 1,
    name: id,
  });
  worker.on('error', (error) => log(`redis error: ${error.message}`));
  redis.on('error', (error) => log(`redis error: ${error.message}`));
  subscriber.on('error', (error) => log(`redis error: ${error.message}`));
  subscriber.on('message', (_channel: string, jobId: string) => {
    if (worker.cancelJob(jobId, 'cancelled by the executor')) log(`cancelling ${jobId}`);
  });
  await subscriber.subscribe(cancelChannel(queueName));
  await worker.waitUntilReady();
  log(`worker ${id} ready on queue '${queueName}' (concurrency ${concurrency})`);

  let closing: Promise<void> | undefined;
  return {
    id,
    close({ force = false } = {}) {
      closing ??= (async () => {
        await worker.close(force);
        await threads.close();
        subscriber.disconnect();
        await redis.quit().catch(() => redis.disconnect());
        if (tempCache !== undefined) rmSync(tempCache, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
