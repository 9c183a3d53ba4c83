// What travels through Redis between BullmqExecutor and its workers: the job payload, key names and channels.
import type { Job, JobProgress } from '../job.js';

/** Default BullMQ queue name shared by the executor and `worker-main`. */
export const DEFAULT_QUEUE = 'entangle';

/**
 * How workers reach the store's artifacts: 'shared' reads and writes the store directory (the same directory,
 * e.g. over NFS, mounted on every machine); 'redis' copies the bytes a job reads and writes through Redis.
 */
export type ArtifactTransport = 'shared' | 'redis';

/** The data of one BullMQ job. */
export interface DistributedJobData {
  job: Job;
  artifacts: ArtifactTransport;
  /** Seconds an artifact copied through Redis stays there ('redis' transport). */
  artifactTtlSeconds: number;
}

/** Progress a worker reports with job.updateProgress: the learner's epoch event. */
export type DistributedProgress = JobProgress;

/** Redis key of an artifact's bytes ('redis' transport). */
export function artifactKey(queue: string, hash: string): string {
  return `entangle:${queue}:artifact:${hash}`;
}

/** Redis key marking a BullMQ job as cancelled (checked by workers before they start it). */
export function cancelKey(queue: string, jobId: string): string {
  return `entangle:${queue}:cancel:${jobId}`;
}

/** Pub/sub channel on which executors announce cancelled job ids to workers running them. */
export function cancelChannel(queue: string): string {
  return `entangle:${queue}:cancel`;
}

/** Failure reasons starting with this are aborts (the run was cancelled), not errors of the job. */
export const ABORT_REASON = 'AbortError: ';

/** BullMQ job names: the model and seed, for people looking at the queue. */
export function jobName(job: Job): string {
  return `${job.system.name}/${job.model}/seed-${job.seed}`;
}
