// Copies artifacts through Redis for workers that do not share the store directory ('redis' transport).
import type { Redis } from 'ioredis';
import { EntangleError } from '../../core/errors.js';
import type { ArtifactStore } from '../../store/artifacts.js';
import type { Job, JobResult } from '../job.js';
import { artifactKey } from './protocol.js';

/** Redis refuses strings over 512 MiB (proto-max-bulk-len). */
export const MAX_REDIS_ARTIFACT_BYTES = 512 * 2 ** 20;

/** Artifacts a job reads: its parents' outputs, and the stored model when it only predicts on more datasets. */
export function artifactsRead(job: Job): string[] {
  const hashes = new Set<string>();
  for (const byDataset of Object.values(job.parents)) for (const hash of Object.values(byDataset)) hashes.add(hash);
  const existing = job.existing;
  if (existing !== undefined && job.datasets.some((d) => existing.outputs[d] === undefined)) hashes.add(existing.artifact);
  return [...hashes];
}

/** Artifacts a job wrote: the fitted model (when fitted) and the outputs it predicted. */
export function artifactsWritten(job: Job, result: JobResult): string[] {
  const hashes = new Set<string>();
  if (result.fitted) hashes.add(result.artifact);
  for (const [dataset, hash] of Object.entries(result.outputs)) if (job.existing?.outputs[dataset] !== hash) hashes.add(hash);
  return [...hashes];
}

/** Puts artifacts into Redis (each kept `ttlSeconds`), skipping those already there. */
export async function uploadArtifacts(redis: Redis, queue: string, store: ArtifactStore, hashes: readonly string[], ttlSeconds: number): Promise<void> {
  for (const hash of hashes) {
    const key = artifactKey(queue, hash);
    if ((await redis.expire(key, ttlSeconds)) === 1) continue;
    const bytes = store.get(hash);
    if (bytes.byteLength > MAX_REDIS_ARTIFACT_BYTES) {
      throw new EntangleError(
        `Artifact ${hash.slice(0, 12)} is ${(bytes.byteLength / 2 ** 20).toFixed(0)} MiB, more than Redis accepts in one value (512 MiB). ` +
          `Use the 'shared' artifact transport (a store directory mounted on every machine) for models this large.`,
      );
    }
    await redis.set(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', ttlSeconds);
  }
}

/** Copies the artifacts missing from `store` out of Redis, checking each against its hash. */
export async function downloadArtifacts(redis: Redis, queue: string, store: ArtifactStore, hashes: readonly string[], ttlSeconds: number): Promise<void> {
  for (const hash of hashes) {
    if (store.has(hash)) continue;
    const key = artifactKey(queue, hash);
    const bytes = await redis.getBuffer(key);
    if (bytes === null) {
      throw new EntangleError(
        `Artifact ${hash.slice(0, 12)} is not in Redis (key ${key}): it was never uploaded or expired after ${ttlSeconds} s. ` +
          `Rerun (finished jobs are kept in the store), or raise artifactTtlSeconds.`,
      );
    }
    const stored = store.put(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (stored !== hash) throw new EntangleError(`Redis key ${key} holds bytes hashing to ${stored.slice(0, 12)}, expected ${hash.slice(0, 12)}. Delete the key and rerun.`);
  }
}
