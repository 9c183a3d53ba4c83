import { N } from './native.js';
import { TorchError } from './errors.js';
import { type DType, type TypedArray, dtypeCode } from './dtype.js';
import { Tensor, arg, asTensor, wrap } from './tensor.js';

export interface CreateOptions {
  /** Default float32 (int64 for integer arange and for BigInt64Array/Int32Array data). */
  dtype?: DType;
  requiresGrad?: boolean;
}

function code(opts: CreateOptions | undefined, fallback: DType, op: string): number {
  return dtypeCode(opts?.dtype ?? fallback, op);
}

function naturalDType(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array || data instanceof Int32Array) return 'int64';
  return 'uint8';
}

/** number[] → the typed array the native side copies from (one extra copy, unlike typed arrays). */
function fromNumbers(data: number[], dtype: DType): TypedArray {
  for (let i = 0; i < data.length; i++) {
    if (typeof data[i] !== 'number') {
      const got = Array.isArray(data[i]) ? 'an array' : typeof data[i];
      throw new TorchError(`tensor: data must be a flat number[] (pass nested data flattened, with shape), got ${got} at index ${i}`, 'tensor');
    }
  }
  switch (dtype) {
    case 'float32':
      return Float32Array.from(data);
    case 'float64':
      return Float64Array.from(data);
    case 'bool':
      return Uint8Array.from(data, (x) => (x ? 1 : 0));
    default:
      for (let i = 0; i < data.length; i++) {
        const x = data[i]!;
        const ok = Number.isInteger(x) && (dtype === 'int64' ? Math.abs(x) <= Number.MAX_SAFE_INTEGER : x >= 0 && x <= 255);
        if (!ok) throw new TorchError(`tensor: ${dtype} data must be integers${dtype === 'uint8' ? ' in [0, 255]' : ''}, got ${x} at index ${i}`, 'tensor');
      }
      return dtype === 'int64' ? Float64Array.from(data) : Uint8Array.from(data);
  }
}

/**
 * A tensor holding a copy of data. shape defaults to [data.length] ([] for a single number).
 * The dtype defaults to the typed array's (Int32Array → int64, Uint8Array → uint8) or float32.
 */
export function tensor(data: TypedArray | number[] | number, shape?: number[], opts?: CreateOptions): Tensor {
  let array: TypedArray;
  let dtype: DType;
  if (typeof data === 'number') {
    dtype = opts?.dtype ?? 'float32';
    array = fromNumbers([data], dtype);
    shape ??= [];
  } else if (Array.isArray(data)) {
    dtype = opts?.dtype ?? 'float32';
    array = fromNumbers(data, dtype);
  } else if (ArrayBuffer.isView(data)) {
    dtype = opts?.dtype ?? naturalDType(data);
    array = data;
  } else {
    throw new TorchError(`tensor: data must be a typed array, a number[] or a number, got ${typeof data}`, 'tensor');
  }
  return wrap(N.tensor(array, shape ?? [array.length], dtypeCode(dtype, 'tensor'), opts?.requiresGrad ?? false));
}

export function zeros(shape: number[], opts?: CreateOptions): Tensor {
  return wrap(N.zeros(shape, code(opts, 'float32', 'zeros'), opts?.requiresGrad ?? false));
}

export function ones(shape: number[], opts?: CreateOptions): Tensor {
  return wrap(N.ones(shape, code(opts, 'float32', 'ones'), opts?.requiresGrad ?? false));
}

export function full(shape: number[], value: number, opts?: CreateOptions): Tensor {
  return wrap(N.full(shape, value, code(opts, 'float32', 'full'), opts?.requiresGrad ?? false));
}

/**
 * Values start, start+step, … below end; `arange(n)` is 0…n-1. int64 when all arguments are
 * integers (as PyTorch with Python ints), float32 otherwise, unless opts.dtype is given.
 */
export function arange(start: number, end?: number, step = 1, opts?: CreateOptions): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  const ints = Number.isInteger(from) && Number.isInteger(to) && Number.isInteger(step);
  return wrap(N.arange(from, to, step, code(opts, ints ? 'int64' : 'float32', 'arange'), opts?.requiresGrad ?? false));
}

export function eye(n: number, opts?: CreateOptions): Tensor {
  return wrap(N.eye(n, code(opts, 'float32', 'eye'), opts?.requiresGrad ?? false));
}

/** Zeros with t's shape and dtype. */
export function zerosLike(t: Tensor): Tensor {
  return wrap(N.zerosLike(arg(t)));
}

export function onesLike(t: Tensor): Tensor {
  return wrap(N.onesLike(arg(t)));
}

/** Uniform draws on [0, 1) from the generator seeded by manualSeed. */
export function rand(shape: number[], opts?: CreateOptions): Tensor {
  return wrap(N.rand(shape, code(opts, 'float32', 'rand'), opts?.requiresGrad ?? false));
}

/** Standard normal draws from the generator seeded by manualSeed. */
export function randn(shape: number[], opts?: CreateOptions): Tensor {
  return wrap(N.randn(shape, code(opts, 'float32', 'randn'), opts?.requiresGrad ?? false));
}

/** int64 draws uniform on [low, high). */
export function randint(low: number, high: number, shape: number[]): Tensor {
  return wrap(N.randint(low, high, shape));
}

/** A random permutation of 0…n-1 (int64). */
export function randperm(n: number): Tensor {
  return wrap(N.randperm(n));
}

/** 0/1 draws with per-element probabilities p (result has p's dtype). */
export function bernoulli(p: Tensor): Tensor {
  return wrap(N.bernoulli(arg(p)));
}

/** In-place N(mean, std²) fill of t (no autograd history); returns t. */
export function normal_(t: Tensor, mean = 0, std = 1): Tensor {
  return asTensor(t, 'normal_').normalInPlace(mean, std);
}

/** In-place U[from, to) fill of t (no autograd history); returns t. */
export function uniform_(t: Tensor, from = 0, to = 1): Tensor {
  return asTensor(t, 'uniform_').uniformInPlace(from, to);
}
