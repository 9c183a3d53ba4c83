// Runs jobs on remote workers through a BullMQ queue in Redis. Workers (worker-main.js) rebuild each system from
// its source, read parents' outputs from the store's artifacts (a shared directory, or copies through Redis) and
// send back plain JobResults; results are identical to InlineExecutor's for the same seeds.
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { EntangleError, JobError } from '../../core/errors.js';
import { ArtifactStore } from '../../store/artifacts.js';
import type { Executor, ExecutorContext } from '../executor.js';
import type { Job, JobProgress, JobResult } from '../job.js';
import { downloadArtifacts, uploadArtifacts, artifactsRead } from './artifact-transport.js';
import { bullmqConnection, describeConnection, openRedis, errorText, redisOptions, type RedisConnection } from './connection.js';
import { ABORT_REASON, cancelChannel, cancelKey, DEFAULT_QUEUE, jobName, type ArtifactTransport, type DistributedJobData } from './protocol.js';

export interface BullmqExecutorOptions {
  connection: RedisConnection;
  /** BullMQ queue shared with the workers; default 'entangle'. */
  queueName?: string;
  /** How workers reach artifacts; default 'shared' (see docs/distributed.md). */
  artifacts?: ArtifactTransport;
  /** Most of this executor's jobs queued or running at once; default: the whole batch. */
  concurrency?: number;
  /** Tries per job when it throws (a worker dying is handled separately, see maxStalledCount); default 1. */
  attempts?: number;
  /** Wait before a retry: `delayMs` ('fixed') or delayMs·2^(try−1) ('exponential'); default exponential, 1000 ms. */
  backoff?: { type: 'fixed' | 'exponential'; delayMs: number };
  /** Seconds artifacts copied through Redis are kept; default 6 h. */
  artifactTtlSeconds?: number;
  /** How long run() waits for a first worker to connect before failing; default 60 000 ms. */
  waitForWorkersMs?: number;
  /** Seconds finished jobs stay in Redis for inspection (failed ones 24× longer); default 3600. */
  keepFinishedSeconds?: number;
}

interface Connected {
  queue: Queue;
  events: QueueEvents;
  redis: Redis;
}

/** What a run() waits for on one of its jobs. */
interface Waiter {
  job: Job;
  completed(result: JobResult): void;
  failed(reason: string): void;
  progress(event: JobProgress): void;
}

/** A worker's failure reason as a JobError naming the model and seed (the worker already wrote a JobError message). */
function remoteFailure(job: Job, reason: string): JobError {
  const hint = /stalled more than allowable limit/.test(reason)
    ? ' (its workers died or stopped renewing the job lock more often than maxStalledCount allows: check the workers\' logs and memory)'
    : '';
  const error = new JobError(job.model, job.seed, job.key, new Error(`${reason}${hint}`));
  if (reason.startsWith(`Training model '${job.model}' with seed ${job.seed} failed`)) error.message = reason;
  return error;
}

export class BullmqExecutor implements Executor {
  readonly queueName: string;
  readonly #waiters = new Map<string, Waiter>();
  #connected: Promise<Connected> | undefined;

  constructor(readonly options: BullmqExecutorOptions) {
    this.queueName = options.queueName ?? DEFAULT_QUEUE;
    redisOptions(options.connection);
  }

  async *run(jobs: readonly Job[], ctx: ExecutorContext): AsyncIterable<JobResult> {
    for (const job of jobs) {
      if (job.system.source === undefined) {
        throw new EntangleError(`System '${job.system.name}' cannot be rebuilt on a remote worker: it has no source. Declare it with source: { module, export, params } or build it with loadSystem(...).`);
      }
    }
    ctx.signal?.throwIfAborted();
    const c = await this.#connect();
    await this.#awaitWorkers(c, ctx.signal);
    const transport = this.options.artifacts ?? 'shared';
    const ttl = this.options.artifactTtlSeconds ?? 6 * 3600;
    const keep = this.options.keepFinishedSeconds ?? 3600;
    const limit = Math.max(1, this.options.concurrency ?? Number.POSITIVE_INFINITY);
    const jobOptions: JobsOptions = {
      attempts: Math.max(1, this.options.attempts ?? 1),
      backoff: { type: this.options.backoff?.type ?? 'exponential', delay: this.options.backoff?.delayMs ?? 1000 },
      removeOnComplete: { age: keep },
      removeOnFail: { age: 24 * keep },
    };

    const todo = [...jobs];
    const active = new Map<string, Job>();
    const running = new Set<Promise<void>>();
    const finished: JobResult[] = [];
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = (): void => { wake?.(); wake = undefined; };
    const settle = (id: string): void => { active.delete(id); this.#waiters.delete(id); notify(); };
    const fail = (error: Error): void => {
      if (failure === undefined) {
        failure = error;
        track(this.#withdraw(c, [...active.keys()], false, settle));
      }
    };
    const track = (p: Promise<unknown>): void => {
      const tracked = p.then(() => {}, (e: Error) => fail(e)).finally(() => { running.delete(tracked); notify(); });
      running.add(tracked);
    };
    const onAbort = (): void => { track(this.#withdraw(c, [...active.keys()], true, settle)); notify(); };
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const stopping = (): boolean => failure !== undefined || ctx.signal?.aborted === true;
    const artifacts = new Map<string, ArtifactStore>();
    const storeFor = (job: Job): ArtifactStore => {
      let store = artifacts.get(job.artifactsDir);
      if (store === undefined) artifacts.set(job.artifactsDir, (store = new ArtifactStore(job.artifactsDir)));
      return store;
    };
    const accept = async (id: string, job: Job, result: JobResult): Promise<void> => {
      try {
        const store = storeFor(job);
        const hashes = [result.artifact, ...Object.values(result.outputs)];
        if (transport === 'redis') await downloadArtifacts(c.redis, this.queueName, store, hashes, ttl);
        const missing = hashes.find((hash) => !store.has(hash));
        if (missing !== undefined) {
          throw new EntangleError(
            `The worker finished, but artifact ${missing.slice(0, 12)} is not in ${store.dir}. With the 'shared' artifact transport the workers' --store ` +
              `must be this store directory (the same shared directory mounted on their machine); otherwise use artifacts: 'redis'.`,
          );
        }
        finished.push(result);
      } catch (e) {
        fail(new JobError(job.model, job.seed, job.key, e));
      } finally {
        settle(id);
      }
    };

    try {
      for (;;) {
        while (todo.length > 0 && active.size < limit && !stopping()) {
          const job = todo.shift()!;
          const id = `${job.key.slice(0, 12)}-${randomUUID()}`;
          active.set(id, job);
          this.#waiters.set(id, {
            job,
            completed: (result) => track(accept(id, job, result)),
            failed: (reason) => {
              if (!reason.startsWith(ABORT_REASON)) fail(remoteFailure(job, reason));
              else if (!ctx.signal?.aborted) fail(new EntangleError(`Job ${id} (model '${job.model}', seed ${job.seed}) was cancelled by another client: ${reason}`));
              settle(id);
            },
            progress: (event) => ctx.onProgress?.(event),
          });
          try {
            if (transport === 'redis') await uploadArtifacts(c.redis, this.queueName, storeFor(job), artifactsRead(job), ttl);
            await c.queue.add(jobName(job), { job, artifacts: transport, artifactTtlSeconds: ttl }, { ...jobOptions, jobId: id });
            // A failure or an abort while the job was being added withdrew the jobs known then, not this one.
            if (stopping()) track(this.#withdraw(c, [id], ctx.signal?.aborted === true, settle));
          } catch (e) {
            settle(id);
            fail(e instanceof JobError ? e : new JobError(job.model, job.seed, job.key, e));
          }
        }
        if (finished.length > 0) {
          yield finished.shift()!;
          continue;
        }
        if (active.size === 0 && running.size === 0) break;
        await new Promise<void>((resolve) => { wake = resolve; });
      }
      ctx.signal?.throwIfAborted();
      if (failure !== undefined) throw failure;
    } finally {
      ctx.signal?.removeEventListener('abort', onAbort);
      if (active.size > 0) await this.#withdraw(c, [...active.keys()], true, () => {}).catch(() => {});
      for (const id of active.keys()) this.#waiters.delete(id);
    }
  }

  /** Removes queued jobs; with `cancelActive`, also tells the workers running the others to abort them. */
  async #withdraw(c: Connected, ids: string[], cancelActive: boolean, removed: (id: string) => void): Promise<void> {
    for (const id of ids) {
      if ((await c.queue.remove(id)) === 1) {
        removed(id);
        continue;
      }
      if (!cancelActive) continue;
      await c.redis.set(cancelKey(this.queueName, id), '1', 'EX', 3600);
      await c.redis.publish(cancelChannel(this.queueName), id);
    }
  }

  #connect(): Promise<Connected> {
    this.#connected ??= (async (): Promise<Connected> => {
      const redis = openRedis(this.options.connection);
      try {
        await redis.ping();
      } catch (e) {
        redis.disconnect();
        this.#connected = undefined;
        throw new EntangleError(`Cannot reach Redis at ${describeConnection(this.options.connection)}: ${errorText(e)}. Start redis-server there or fix the connection.`, { cause: e });
      }
      const connection = bullmqConnection(this.options.connection);
      const queue = new Queue(this.queueName, { connection });
      queue.on('error', () => {});
      // Read events from the stream's current end, so none of this executor's jobs can finish unseen.
      const last = await redis.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
      const events = new QueueEvents(this.queueName, { connection, lastEventId: last[0]?.[0] ?? '0-0' });
      events.on('error', () => {});
      events.on('completed', (args: { jobId: string; returnvalue: unknown }) => this.#waiters.get(args.jobId)?.completed(args.returnvalue as JobResult));
      events.on('failed', (args: { jobId: string; failedReason: string }) => this.#waiters.get(args.jobId)?.failed(args.failedReason));
      events.on('progress', (args: { jobId: string; data: unknown }) => this.#waiters.get(args.jobId)?.progress(args.data as JobProgress));
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      return { queue, events, redis };
    })();
    return this.#connected!;
  }

  async #awaitWorkers(c: Connected, signal: AbortSignal | undefined): Promise<void> {
    const deadline = Date.now() + (this.options.waitForWorkersMs ?? 60_000);
    for (;;) {
      let count: number;
      try {
        count = await c.queue.getWorkersCount();
      } catch {
        return; // CLIENT LIST is not allowed on this Redis: jobs simply wait for workers.
      }
      if (count > 0) return;
      if (Date.now() >= deadline) {
        throw new EntangleError(
          `No entangle worker is listening on queue '${this.queueName}' at ${describeConnection(this.options.connection)} ` +
            `(waited ${this.options.waitForWorkersMs ?? 60_000} ms). Start one: node packages/entangle/dist/src/runtime/distributed/worker-main.js ` +
            `--redis ${describeConnection(this.options.connection)} --queue ${this.queueName} --store <store dir>.`,
        );
      }
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async close(): Promise<void> {
    const connected = this.#connected;
    this.#connected = undefined;
    if (connected === undefined) return;
    const c = await connected.catch(() => undefined);
    if (c === undefined) return;
    await c.events.close();
    await c.queue.close();
    await c.redis.quit().catch(() => c.redis.disconnect());
  }
}
