import { inspect } from 'node:util';
import { N, type Handle } from './native.js';
import { TorchError, disposedError } from './errors.js';
import { type DType, dtypeCode, dtypeName } from './dtype.js';

/** A Tensor or a number where PyTorch accepts a Python scalar. */
export type Operand = Tensor | number;
/** Nested arrays as returned by `toArray()`; a 0-d tensor gives a plain number. */
export type NestedArray = number | NestedArray[];

export interface ReduceOptions {
  dim?: number | number[];
  keepdim?: boolean;
}
export interface DimOptions {
  dim: number;
  keepdim?: boolean;
}
export interface VarianceOptions extends ReduceOptions {
  /** Bessel's correction (divide by n-1); default true as in PyTorch. */
  unbiased?: boolean;
}
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

/** The native argument for a Tensor; anything else passes through so native names what it got. */
export function arg(x: unknown): unknown {
  return x instanceof Tensor ? x._n : x;
}

/** t itself if it is a Tensor, else a TorchError naming op. */
export function asTensor(t: unknown, op: string, what = 'argument 1'): Tensor {
  if (t instanceof Tensor) return t;
  const got = t === null ? 'null' : Array.isArray(t) ? 'array' : typeof t;
  throw new TorchError(`${op}: ${what} must be a Tensor, got ${got}`, op);
}

/** Wraps a native handle; every op result goes through here. */
export function wrap(h: Handle): Tensor {
  return new Tensor(h);
}

function wrapPair(p: { values: Handle; indices: Handle }): ValuesIndices {
  return { values: new Tensor(p.values), indices: new Tensor(p.indices) };
}

function dimsOf(o: number | number[] | ReduceOptions | undefined): { dims: number[] | null; keepdim: boolean } {
  if (o === undefined) return { dims: null, keepdim: false };
  if (typeof o === 'number') return { dims: [o], keepdim: false };
  if (Array.isArray(o)) return { dims: o, keepdim: false };
  const d = o.dim;
  return { dims: d === undefined ? null : typeof d === 'number' ? [d] : d, keepdim: o.keepdim ?? false };
}

/** Throws TorchError unless t is a live Tensor of one of the allowed dtypes. */
export function checkDType(op: string, what: string, t: unknown, allowed: DType[], hint: string): void {
  if (!(t instanceof Tensor)) return; // native reports non-Tensor arguments
  if (N.isDisposed(t._n)) throw disposedError(op);
  const d = t.dtype;
  if (!allowed.includes(d)) {
    throw new TorchError(`${op}: ${what} must have dtype ${allowed.join(' or ')}, got ${d}[${t.shape.join(',')}]; ${hint}`, op);
  }
}

/**
 * An n-dimensional array held by libtorch. Lifetime is explicit: `dispose()`, or create it inside
 * `tidy()`; GC finalization is only a safety net. Ops return new Tensors; `*InPlace` methods
 * mutate this tensor without autograd history and return it.
 */
export class Tensor {
  /** @internal Native handle; use the public methods instead. */
  readonly _n: Handle;

  /** @internal Tensors are created by ops and creation functions, not with `new`. */
  constructor(handle: Handle) {
    this._n = handle;
  }

  // ---------------------------------------------------------------- properties

  get shape(): number[] {
    return N.shape(this._n);
  }
  get dtype(): DType {
    return dtypeName(N.dtype(this._n));
  }
  get ndim(): number {
    return N.shape(this._n).length;
  }
  get numel(): number {
    return N.numel(this._n);
  }
  get requiresGrad(): boolean {
    return N.requiresGrad(this._n);
  }
  set requiresGrad(on: boolean) {
    N.setRequiresGrad(this._n, on);
  }
  /** True for tensors created by the user (not by an op that records autograd history). */
  get isLeaf(): boolean {
    return N.isLeaf(this._n);
  }
  /**
   * The accumulated gradient, or null. Each access returns a NEW Tensor (registered in the current
   * tidy scope) that shares storage with the gradient; disposing it does not clear the gradient.
   */
  get grad(): Tensor | null {
    const g = N.grad(this._n);
    return g === null ? null : new Tensor(g);
  }
  get isDisposed(): boolean {
    return N.isDisposed(this._n);
  }

  // ---------------------------------------------------------------- data out, copies, lifetime

  /** A contiguous CPU copy: Float32Array, Float64Array, BigInt64Array (int64) or Uint8Array (bool, uint8). */
  toTypedArray(): Float32Array | Float64Array | BigInt64Array | Uint8Array {
    return N.toTypedArray(this._n);
  }
  /**
   * Nested number arrays following the shape (int64 via Number(), bool as 0/1); a 0-d tensor gives
   * a plain number. Typed `any` so callers can index without narrowing; see NestedArray.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  toArray(): any {
    const shape = this.shape;
    const flat = this.toTypedArray();
    const at = (i: number): number => Number(flat[i]);
    if (shape.length === 0) return at(0);
    let offset = 0;
    const build = (d: number): NestedArray[] => {
      const n = shape[d]!;
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = d === shape.length - 1 ? at(offset++) : build(d + 1);
      return out;
    };
    return build(0);
  }
  /** The value of a one-element tensor. */
  item(): number {
    return N.item(this._n);
  }
  clone(): Tensor {
    return wrap(N.clone(this._n));
  }
  /** A new tensor sharing storage, cut from the autograd graph. */
  detach(): Tensor {
    return wrap(N.detach(this._n));
  }
  /** A copy converted to dtype (always a new tensor). */
  to(dtype: DType): Tensor {
    return wrap(N.to(this._n, dtypeCode(dtype, 'to')));
  }
  contiguous(): Tensor {
    return wrap(N.contiguous(this._n));
  }
  /** Frees the tensor now; later use throws `Tensor is disposed`. Idempotent. */
  dispose(): void {
    N.dispose(this._n);
  }

  // ---------------------------------------------------------------- autograd

  /** Accumulates gradients into leaf tensors' `.grad`; `grad` is required for non-scalar tensors. */
  backward(grad?: Tensor, opts: { retainGraph?: boolean } = {}): void {
    N.backward(this._n, grad === undefined ? undefined : arg(grad), opts.retainGraph);
  }
  /** Sets `.grad` to null (PyTorch `zero_grad(set_to_none=True)`). */
  zeroGrad(): void {
    N.zeroGrad(this._n);
  }

  // ---------------------------------------------------------------- arithmetic and comparison

  /** this + alpha * y */
  add(y: Operand, alpha?: number): Tensor {
    return wrap(N.add(this._n, arg(y), alpha));
  }
  /** this - alpha * y */
  sub(y: Operand, alpha?: number): Tensor {
    return wrap(N.sub(this._n, arg(y), alpha));
  }
  mul(y: Operand): Tensor {
    return wrap(N.mul(this._n, arg(y)));
  }
  /** True division (integer inputs give a floating result). */
  div(y: Operand): Tensor {
    return wrap(N.div(this._n, arg(y)));
  }
  pow(y: Operand): Tensor {
    return wrap(N.pow(this._n, arg(y)));
  }
  neg(): Tensor {
    return wrap(N.neg(this._n));
  }
  maximum(y: Operand): Tensor {
    return wrap(N.maximum(this._n, arg(y)));
  }
  minimum(y: Operand): Tensor {
    return wrap(N.minimum(this._n, arg(y)));
  }
  eq(y: Operand): Tensor {
    return wrap(N.eq(this._n, arg(y)));
  }
  ne(y: Operand): Tensor {
    return wrap(N.ne(this._n, arg(y)));
  }
  lt(y: Operand): Tensor {
    return wrap(N.lt(this._n, arg(y)));
  }
  le(y: Operand): Tensor {
    return wrap(N.le(this._n, arg(y)));
  }
  gt(y: Operand): Tensor {
    return wrap(N.gt(this._n, arg(y)));
  }
  ge(y: Operand): Tensor {
    return wrap(N.ge(this._n, arg(y)));
  }
  logicalAnd(y: Tensor): Tensor {
    return wrap(N.logicalAnd(this._n, arg(y)));
  }
  logicalOr(y: Tensor): Tensor {
    return wrap(N.logicalOr(this._n, arg(y)));
  }
  logicalNot(): Tensor {
    return wrap(N.logicalNot(this._n));
  }

  // ---------------------------------------------------------------- unary

  exp(): Tensor {
    return wrap(N.exp(this._n));
  }
  log(): Tensor {
    return wrap(N.log(this._n));
  }
  sqrt(): Tensor {
    return wrap(N.sqrt(this._n));
  }
  abs(): Tensor {
    return wrap(N.abs(this._n));
  }
  sign(): Tensor {
    return wrap(N.sign(this._n));
  }
  floor(): Tensor {
    return wrap(N.floor(this._n));
  }
  /** Rounds half to even, as PyTorch. */
  round(): Tensor {
    return wrap(N.round(this._n));
  }
  sin(): Tensor {
    return wrap(N.sin(this._n));
  }
  cos(): Tensor {
    return wrap(N.cos(this._n));
  }
  clamp(min?: number, max?: number): Tensor {
    return wrap(N.clamp(this._n, min, max));
  }
  relu(): Tensor {
    return wrap(N.relu(this._n));
  }
  leakyRelu(slope = 0.01): Tensor {
    return wrap(N.leakyRelu(this._n, slope));
  }
  sigmoid(): Tensor {
    return wrap(N.sigmoid(this._n));
  }
  tanh(): Tensor {
    return wrap(N.tanh(this._n));
  }
  softmax(dim: number): Tensor {
    return wrap(N.softmax(this._n, dim));
  }
  logSoftmax(dim: number): Tensor {
    return wrap(N.logSoftmax(this._n, dim));
  }

  // ---------------------------------------------------------------- reductions

  /** Sum over all elements, or over `dim` (a number, an array, or {dim, keepdim}). */
  sum(opts?: number | number[] | ReduceOptions): Tensor {
    const { dims, keepdim } = dimsOf(opts);
    return wrap(N.sum(this._n, dims, keepdim));
  }
  mean(opts?: number | number[] | ReduceOptions): Tensor {
    const { dims, keepdim } = dimsOf(opts);
    return wrap(N.mean(this._n, dims, keepdim));
  }
  /** Without a dim: the maximum as a 0-d tensor; with one: {values, indices} along it. */
  max(): Tensor;
  max(opts: DimOptions): ValuesIndices;
  max(opts?: DimOptions): Tensor | ValuesIndices {
    if (opts === undefined) return wrap(N.max(this._n, null, false) as Handle);
    return wrapPair(N.max(this._n, opts.dim, opts.keepdim ?? false) as { values: Handle; indices: Handle });
  }
  min(): Tensor;
  min(opts: DimOptions): ValuesIndices;
  min(opts?: DimOptions): Tensor | ValuesIndices {
    if (opts === undefined) return wrap(N.min(this._n, null, false) as Handle);
    return wrapPair(N.min(this._n, opts.dim, opts.keepdim ?? false) as { values: Handle; indices: Handle });
  }
  /** int64 indices; without dim, the index into the flattened tensor. */
  argmax(opts: { dim?: number; keepdim?: boolean } = {}): Tensor {
    return wrap(N.argmax(this._n, opts.dim ?? null, opts.keepdim ?? false));
  }
  argmin(opts: { dim?: number; keepdim?: boolean } = {}): Tensor {
    return wrap(N.argmin(this._n, opts.dim ?? null, opts.keepdim ?? false));
  }
  std(opts: VarianceOptions = {}): Tensor {
    const { dims, keepdim } = dimsOf(opts);
    return wrap(N.std(this._n, dims, opts.unbiased ?? true, keepdim));
  }
  var(opts: VarianceOptions = {}): Tensor {
    const { dims, keepdim } = dimsOf(opts);
    return wrap(N.var(this._n, dims, opts.unbiased ?? true, keepdim));
  }

  // ---------------------------------------------------------------- linear algebra, sorting

  matmul(y: Tensor): Tensor {
    return wrap(N.matmul(this._n, arg(y)));
  }
  bmm(y: Tensor): Tensor {
    return wrap(N.bmm(this._n, arg(y)));
  }
  /** Pairwise p-norm distances between the rows of this [.., P, M] and y [.., R, M]. */
  cdist(y: Tensor, p = 2): Tensor {
    return wrap(N.cdist(this._n, arg(y), p));
  }
  topk(k: number, opts: { dim?: number; largest?: boolean; sorted?: boolean } = {}): ValuesIndices {
    return wrapPair(N.topk(this._n, k, opts.dim ?? -1, opts.largest ?? true, opts.sorted ?? true));
  }
  /** Stable sort along dim (default last). */
  sort(opts: { dim?: number; descending?: boolean } = {}): ValuesIndices {
    return wrapPair(N.sort(this._n, opts.dim ?? -1, opts.descending ?? false));
  }
  cumsum(dim: number): Tensor {
    return wrap(N.cumsum(this._n, dim));
  }

  // ---------------------------------------------------------------- views and indexing

  /** Shape may contain one -1. Returns a view when possible, else a copy. */
  reshape(shape: number[]): Tensor {
    return wrap(N.reshape(this._n, shape));
  }
  /** Like reshape but always a view (fails for incompatible strides). */
  view(shape: number[]): Tensor {
    return wrap(N.view(this._n, shape));
  }
  permute(dims: number[]): Tensor {
    return wrap(N.permute(this._n, dims));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return wrap(N.transpose(this._n, dim0, dim1));
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return wrap(N.flatten(this._n, startDim, endDim));
  }
  /** Removes size-1 dims (all of them without dim). */
  squeeze(dim?: number): Tensor {
    return wrap(N.squeeze(this._n, dim));
  }
  unsqueeze(dim: number): Tensor {
    return wrap(N.unsqueeze(this._n, dim));
  }
  /** A view of `length` elements along dim starting at start. */
  narrow(dim: number, start: number, length: number): Tensor {
    return wrap(N.narrow(this._n, dim, start, length));
  }
  /** A view like Python's t[start:end:step] along dim (end exclusive, negatives count from the end). */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return wrap(N.slice(this._n, dim, start, end, step));
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    checkDType('indexSelect', 'index', index, ['int64'], "convert it with index.to('int64')");
    return wrap(N.indexSelect(this._n, dim, arg(index)));
  }
  gather(dim: number, index: Tensor): Tensor {
    checkDType('gather', 'index', index, ['int64'], "convert it with index.to('int64')");
    return wrap(N.gather(this._n, dim, arg(index)));
  }
  /** Out-of-place scatter: a copy of this with src (or a value) written at index along dim. */
  scatter(dim: number, index: Tensor, src: Operand): Tensor {
    checkDType('scatter', 'index', index, ['int64'], "convert it with index.to('int64')");
    return wrap(N.scatter(this._n, dim, arg(index), arg(src)));
  }
  maskedSelect(mask: Tensor): Tensor {
    checkDType('maskedSelect', 'mask', mask, ['bool'], 'build it with a comparison such as x.gt(0)');
    return wrap(N.maskedSelect(this._n, arg(mask)));
  }
  /** Pieces of `size` elements (or the given sizes) along dim; views. */
  split(size: number | number[], dim = 0): Tensor[] {
    return N.split(this._n, size, dim).map(wrap);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return N.chunk(this._n, chunks, dim).map(wrap);
  }
  /** Broadcast view; -1 keeps a dim's size. */
  expand(shape: number[]): Tensor {
    return wrap(N.expand(this._n, shape));
  }
  repeat(reps: number[]): Tensor {
    return wrap(N.repeat(this._n, reps));
  }

  // ---------------------------------------------------------------- in place, no autograd history

  /** this += alpha * other */
  addInPlace(other: Operand, alpha = 1): this {
    N.addInPlace(this._n, arg(other), alpha);
    return this;
  }
  mulInPlace(other: Operand): this {
    N.mulInPlace(this._n, arg(other));
    return this;
  }
  divInPlace(other: Operand): this {
    N.divInPlace(this._n, arg(other));
    return this;
  }
  /** this += value * a * b */
  addcmulInPlace(a: Tensor, b: Tensor, value = 1): this {
    N.addcmulInPlace(this._n, arg(a), arg(b), value);
    return this;
  }
  /** this += value * a / b */
  addcdivInPlace(a: Tensor, b: Tensor, value = 1): this {
    N.addcdivInPlace(this._n, arg(a), arg(b), value);
    return this;
  }
  /** Copies src's values into this (src broadcasts; dtype converts). */
  copyFrom(src: Tensor): this {
    N.copyFrom(this._n, arg(src));
    return this;
  }
  zeroInPlace(): this {
    N.zeroInPlace(this._n);
    return this;
  }
  fillInPlace(value: number): this {
    N.fillInPlace(this._n, value);
    return this;
  }
  clampInPlace(min?: number, max?: number): this {
    N.clampInPlace(this._n, min, max);
    return this;
  }
  /** Fills with N(mean, std²) draws from the seeded generator. */
  normalInPlace(mean = 0, std = 1): this {
    N.normalInPlace(this._n, mean, std);
    return this;
  }
  /** Fills with U[from, to) draws from the seeded generator. */
  uniformInPlace(from = 0, to = 1): this {
    N.uniformInPlace(this._n, from, to);
    return this;
  }

  // ---------------------------------------------------------------- printing

  toString(): string {
    if (this.isDisposed) return 'Tensor(disposed)';
    return `Tensor(${this.dtype}[${this.shape.join(',')}]${this.requiresGrad ? ', requiresGrad' : ''})`;
  }
  [inspect.custom](): string {
    if (this.isDisposed || this.numel > 64) return this.toString();
    return `${this.toString()} ${JSON.stringify(this.toArray())}`;
  }
}
