// Runs jobs one after another in this thread.
import { EntangleError } from '../core/errors.js';
import { ArtifactStore } from '../store/artifacts.js';
import type { System } from '../system/system.js';
import type { Executor, ExecutorContext } from './executor.js';
import type { Job, JobResult, SystemRef } from './job.js';
import { loadSystemFor } from './load-system.js';
import { OutputsCache } from './outputs-cache.js';
import { runJob } from './run-job.js';

export class InlineExecutor implements Executor {
  readonly #cache: OutputsCache;
  readonly #artifacts = new Map<string, ArtifactStore>();
  readonly #loaded = new Map<string, System>();

  constructor(options: { cacheBytes?: number } = {}) {
    this.#cache = new OutputsCache(options.cacheBytes);
  }

  async *run(jobs: readonly Job[], ctx: ExecutorContext): AsyncIterable<JobResult> {
    for (const job of jobs) {
      ctx.signal?.throwIfAborted();
      const system = await this.#system(job.system, ctx);
      let artifacts = this.#artifacts.get(job.artifactsDir);
      if (artifacts === undefined) this.#artifacts.set(job.artifactsDir, (artifacts = new ArtifactStore(job.artifactsDir)));
      yield await runJob(job, system, artifacts, {
        cache: this.#cache,
        ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
    }
  }

  async #system(ref: SystemRef, ctx: ExecutorContext): Promise<System> {
    const known = ctx.systems.get(ref.fingerprint) ?? this.#loaded.get(ref.fingerprint);
    if (known !== undefined) return known;
    if (ref.source === undefined) throw new EntangleError(`Job for system '${ref.name}' cannot find the system: it was not passed in and has no source to rebuild it from.`);
    const system = await loadSystemFor(ref);
    this.#loaded.set(ref.fingerprint, system);
    return system;
  }

  async close(): Promise<void> {}
}
