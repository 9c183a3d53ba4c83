import { N } from './native.js';

/**
 * Intra-op (OpenMP) threads for the calling thread. The setting is per OS thread: a worker_thread
 * starts with the value last set anywhere and setting it in a worker does not change the main thread.
 */
export function setNumThreads(n: number): void {
  N.setNumThreads(n);
}

export function getNumThreads(): number {
  return N.getNumThreads();
}

/**
 * Seeds this thread's generator (used by rand, randn, randint, randperm, bernoulli, dropout,
 * normalInPlace, uniformInPlace). Each worker_thread has its own generator; the same seed gives
 * the same draws as Python `torch.manual_seed` for the same sequence of ops.
 */
export function manualSeed(seed: number): void {
  N.manualSeed(seed);
}

/** libtorch's description of its threading configuration (ATen/Parallel). */
export function parallelInfo(): string {
  return N.parallelInfo();
}
