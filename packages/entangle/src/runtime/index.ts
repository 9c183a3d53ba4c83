export * from './job.js';
export * from './executor.js';
export * from './inline.js';
export * from './worker-pool.js';
export * from './run-job.js';
export * from './load-system.js';
export { OutputsCache } from './outputs-cache.js';
