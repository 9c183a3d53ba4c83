/**
 * Loads the torchbind addon. GOMP_SPINCOUNT must be in the environment before libgomp loads
 * (libtorch's OpenMP spin-waits otherwise collapse throughput on loaded machines), so it is set
 * here, immediately before createRequire() loads the addon; then errors are routed to TorchError
 * and the default thread count is applied (ENTANGLE_THREADS or os.availableParallelism()).
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { TorchError } from './errors.js';

if (process.env.GOMP_SPINCOUNT === undefined) process.env.GOMP_SPINCOUNT = '1000';

/** Opaque native tensor handle (an ObjectWrap holding an at::Tensor). */
export interface Handle {
  readonly __torchbindHandle: unique symbol;
}

type H = Handle;
type Arg = unknown; // a Handle, or whatever the caller passed (native reports the mismatch)
type Num = number | undefined | null;
type Pair = { values: H; indices: H };

/** The native surface; see native/src/*.cc for each function's argument order. */
export interface Native {
  init(errorClass: typeof TorchError): void;
  // lifetime and metadata (tensor.cc)
  dispose(t: Arg): void;
  isDisposed(t: Arg): boolean;
  startScope(): number;
  endScope(keep: H[]): void;
  scopeDepth(): number;
  keep(t: Arg): void;
  memory(): { liveTensors: number; externalBytes: number };
  trimMemory(): boolean;
  shape(t: Arg): number[];
  dtype(t: Arg): number;
  numel(t: Arg): number;
  toTypedArray(t: Arg): Float32Array | Float64Array | BigInt64Array | Uint8Array;
  item(t: Arg): number;
  clone(t: Arg): H;
  to(t: Arg, dtype: number): H;
  contiguous(t: Arg): H;
  detach(t: Arg): H;
  requiresGrad(t: Arg): boolean;
  setRequiresGrad(t: Arg, on: boolean): void;
  isLeaf(t: Arg): boolean;
  backward(t: Arg, grad: Arg, retainGraph: boolean | undefined): void;
  grad(t: Arg): H | null;
  zeroGrad(t: Arg): void;
  setGradEnabled(on: boolean): boolean;
  isGradEnabled(): boolean;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  manualSeed(seed: number): void;
  parallelInfo(): string;
  // creation.cc
  tensor(data: unknown, shape: Arg, dtype: number, requiresGrad: boolean): H;
  zeros(shape: Arg, dtype: number, requiresGrad: boolean): H;
  ones(shape: Arg, dtype: number, requiresGrad: boolean): H;
  full(shape: Arg, value: number, dtype: number, requiresGrad: boolean): H;
  arange(start: number, end: number, step: number, dtype: number, requiresGrad: boolean): H;
  eye(n: number, dtype: number, requiresGrad: boolean): H;
  zerosLike(t: Arg): H;
  onesLike(t: Arg): H;
  rand(shape: Arg, dtype: number, requiresGrad: boolean): H;
  randn(shape: Arg, dtype: number, requiresGrad: boolean): H;
  randint(low: number, high: number, shape: Arg): H;
  randperm(n: number): H;
  bernoulli(p: Arg): H;
  normalInPlace(t: Arg, mean: number, std: number): void;
  uniformInPlace(t: Arg, from: number, to: number): void;
  // math.cc
  add(a: Arg, b: Arg, alpha?: number): H;
  sub(a: Arg, b: Arg, alpha?: number): H;
  mul(a: Arg, b: Arg): H;
  div(a: Arg, b: Arg): H;
  pow(a: Arg, b: Arg): H;
  maximum(a: Arg, b: Arg): H;
  minimum(a: Arg, b: Arg): H;
  eq(a: Arg, b: Arg): H;
  ne(a: Arg, b: Arg): H;
  lt(a: Arg, b: Arg): H;
  le(a: Arg, b: Arg): H;
  gt(a: Arg, b: Arg): H;
  ge(a: Arg, b: Arg): H;
  logicalAnd(a: Arg, b: Arg): H;
  logicalOr(a: Arg, b: Arg): H;
  logicalNot(a: Arg): H;
  neg(a: Arg): H;
  exp(a: Arg): H;
  log(a: Arg): H;
  sqrt(a: Arg): H;
  abs(a: Arg): H;
  sign(a: Arg): H;
  floor(a: Arg): H;
  round(a: Arg): H;
  sin(a: Arg): H;
  cos(a: Arg): H;
  clamp(a: Arg, min: Num, max: Num): H;
  sum(a: Arg, dims: number[] | null, keepdim: boolean): H;
  mean(a: Arg, dims: number[] | null, keepdim: boolean): H;
  max(a: Arg, dim: number | null, keepdim: boolean): H | Pair;
  min(a: Arg, dim: number | null, keepdim: boolean): H | Pair;
  argmax(a: Arg, dim: number | null, keepdim: boolean): H;
  argmin(a: Arg, dim: number | null, keepdim: boolean): H;
  std(a: Arg, dims: number[] | null, unbiased: boolean, keepdim: boolean): H;
  var(a: Arg, dims: number[] | null, unbiased: boolean, keepdim: boolean): H;
  matmul(a: Arg, b: Arg): H;
  bmm(a: Arg, b: Arg): H;
  cdist(a: Arg, b: Arg, p: number): H;
  topk(a: Arg, k: number, dim: number, largest: boolean, sorted: boolean): Pair;
  sort(a: Arg, dim: number, descending: boolean): Pair;
  cumsum(a: Arg, dim: number): H;
  addInPlace(t: Arg, other: Arg, alpha: number): void;
  mulInPlace(t: Arg, other: Arg): void;
  divInPlace(t: Arg, other: Arg): void;
  addcmulInPlace(t: Arg, a: Arg, b: Arg, value: number): void;
  addcdivInPlace(t: Arg, a: Arg, b: Arg, value: number): void;
  copyFrom(t: Arg, src: Arg): void;
  zeroInPlace(t: Arg): void;
  fillInPlace(t: Arg, value: number): void;
  clampInPlace(t: Arg, min: Num, max: Num): void;
  // views.cc
  reshape(t: Arg, shape: Arg): H;
  view(t: Arg, shape: Arg): H;
  permute(t: Arg, dims: Arg): H;
  transpose(t: Arg, d0: number, d1: number): H;
  flatten(t: Arg, start: number, end: number): H;
  squeeze(t: Arg, dim: Num): H;
  unsqueeze(t: Arg, dim: number): H;
  narrow(t: Arg, dim: number, start: number, length: number): H;
  slice(t: Arg, dim: number, start: Num, end: Num, step: number): H;
  indexSelect(t: Arg, dim: number, index: Arg): H;
  gather(t: Arg, dim: number, index: Arg): H;
  scatter(t: Arg, dim: number, index: Arg, src: Arg): H;
  maskedSelect(t: Arg, mask: Arg): H;
  where(cond: Arg, a: Arg, b: Arg): H;
  cat(list: Arg[], dim: number): H;
  stack(list: Arg[], dim: number): H;
  split(t: Arg, size: number | number[], dim: number): H[];
  chunk(t: Arg, n: number, dim: number): H[];
  expand(t: Arg, shape: Arg): H;
  repeat(t: Arg, reps: Arg): H;
  // functional.cc
  linear(x: Arg, w: Arg, b: Arg): H;
  conv2d(x: Arg, w: Arg, b: Arg, stride: number[], padding: number[], dilation: number[], groups: number): H;
  maxPool2d(x: Arg, kernel: number[], stride: number[], padding: number[], dilation: number[], ceil: boolean): H;
  avgPool2d(x: Arg, kernel: number[], stride: number[], padding: number[], ceil: boolean, countPad: boolean): H;
  adaptiveAvgPool2d(x: Arg, size: number[]): H;
  batchNorm(x: Arg, rm: Arg, rv: Arg, w: Arg, b: Arg, training: boolean, momentum: number, eps: number): H;
  dropout(x: Arg, p: number, training: boolean): H;
  relu(x: Arg): H;
  leakyRelu(x: Arg, slope: number): H;
  sigmoid(x: Arg): H;
  tanh(x: Arg): H;
  softmax(x: Arg, dim: number): H;
  logSoftmax(x: Arg, dim: number): H;
  interpolate(x: Arg, size: number[] | null, scale: number[] | null, mode: string, alignCorners: boolean): H;
  pad(x: Arg, pads: Arg, mode: string, value: Num): H;
  crossEntropy(x: Arg, y: Arg, reduction: number, ignoreIndex: number, smoothing: number, weight: Arg): H;
  nllLoss(x: Arg, y: Arg, reduction: number, ignoreIndex: number, weight: Arg): H;
  mseLoss(x: Arg, y: Arg, reduction: number): H;
  l1Loss(x: Arg, y: Arg, reduction: number): H;
  smoothL1Loss(x: Arg, y: Arg, reduction: number, beta: number): H;
  binaryCrossEntropyWithLogits(x: Arg, y: Arg, reduction: number, weight: Arg, posWeight: Arg): H;
  // serialize.cc
  save(names: string[], tensors: Arg[], path: string): number;
  load(path: string): [string[], H[]];
}

/** Where scripts/build puts the addon, relative to this file in dist/src/. */
const addonPath = fileURLToPath(new URL('../../native/build/Release/torchbind.node', import.meta.url));
if (!existsSync(addonPath)) {
  throw new Error(`@entangle/torch: native addon not found at ${addonPath}; build it with scripts/build`);
}

export const N = createRequire(import.meta.url)(addonPath) as Native;
N.init(TorchError);
N.setNumThreads(defaultThreads());

/** ENTANGLE_THREADS if set (a positive integer), else os.availableParallelism(). */
function defaultThreads(): number {
  const raw = process.env.ENTANGLE_THREADS;
  if (raw === undefined || raw === '') return os.availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new TorchError(`ENTANGLE_THREADS must be a positive integer, got '${raw}'`, 'setNumThreads');
  }
  return n;
}
