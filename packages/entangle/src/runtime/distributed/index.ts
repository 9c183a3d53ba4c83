// Scale-out execution over BullMQ + Redis (docs/distributed.md). Not re-exported from the package root, so that
// importing entangle does not load bullmq.
export { BullmqExecutor, type BullmqExecutorOptions } from './bullmq-executor.js';
export { startDistributedWorker, type DistributedWorker, type DistributedWorkerOptions } from './distributed-worker.js';
export { parseWorkerArgs, WORKER_USAGE } from './worker-args.js';
export { redisOptions, describeConnection, type RedisConnection } from './connection.js';
export { DEFAULT_QUEUE, type ArtifactTransport, type DistributedJobData } from './protocol.js';
export { artifactsRead, artifactsWritten } from './artifact-transport.js';
