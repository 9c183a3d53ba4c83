/**
 * Explicit tensor lifetime. Native memory is freed by dispose() or when the tidy() scope that
 * created a tensor ends; GC finalizers are only a safety net (they run late in synchronous loops).
 */
import { N, type Handle } from './native.js';
import { TorchError } from './errors.js';
import { Tensor } from './tensor.js';

/** Tensors found in a value: a Tensor, or arrays / plain objects containing Tensors (any depth). */
function collect(value: unknown, out: Tensor[], seen: Set<object>): void {
  if (value instanceof Tensor) {
    out.push(value);
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, seen);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return; // class instances are not searched
  for (const v of Object.values(value)) collect(v, out, seen);
}

function tensorsIn(value: unknown): Tensor[] {
  const out: Tensor[] = [];
  collect(value, out, new Set());
  return out;
}

/**
 * Runs fn in a new scope: every tensor created inside is disposed when fn returns, except the
 * tensors in its result (a Tensor, or arrays / plain objects of Tensors), which move to the
 * enclosing scope. If fn throws, all of its tensors are disposed. fn must be synchronous.
 */
export function tidy<T>(fn: () => T): T {
  N.startScope();
  let result: T;
  try {
    result = fn();
  } catch (e) {
    N.endScope([]);
    throw e;
  }
  if (result instanceof Promise || (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function')) {
    N.endScope([]);
    throw new TorchError('tidy: fn returned a Promise; tidy only supports synchronous functions (await outside tidy and tidy each synchronous step)', 'tidy');
  }
  const kept: Handle[] = tensorsIn(result).map((t) => t._n);
  N.endScope(kept);
  return result;
}

/** Exempts t from every enclosing tidy scope: it lives until disposed. Returns t. */
export function keep<T extends Tensor>(t: T): T {
  if (!(t instanceof Tensor)) throw new TorchError('keep: argument must be a Tensor', 'keep');
  N.keep(t._n);
  return t;
}

/** Disposes a Tensor, or every Tensor in an array / plain object (any depth). Idempotent. */
export function dispose(x: unknown): void {
  for (const t of tensorsIn(x)) t.dispose();
}

export interface MemoryInfo {
  /** Live tensor wrappers (views and `.grad` wrappers count separately). */
  liveTensors: number;
  /** Sum of nbytes over live wrappers (a view counts its own numel · itemsize). */
  externalBytes: number;
}

export function memory(): MemoryInfo {
  return N.memory();
}

/**
 * Returns freed native memory to the OS (glibc `malloc_trim`; false elsewhere or when nothing was released).
 * glibc keeps freed tensor buffers of changing sizes in its heap, so a long loop over variously sized inputs grows
 * the process's RSS without any live tensor; calling this between chunks keeps it flat.
 */
export function trimMemory(): boolean {
  return N.trimMemory();
}
