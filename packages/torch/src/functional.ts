/**
 * torch.nn.functional (also exported as `F`). Losses take `reduction: 'mean' | 'sum' | 'none'`
 * (default 'mean'); formulas follow PyTorch 1.13 and are listed in docs/torch.md.
 */
import { N } from './native.js';
import { TorchError } from './errors.js';
import type { DType } from './dtype.js';
import { type Tensor, arg, asTensor, checkDType, wrap } from './tensor.js';

export { flatten } from './ops.js';

export type Reduction = 'mean' | 'sum' | 'none';
type Pair = number | [number, number];

/** Codes shared with native/src/functional.cc (at::Reduction). */
function reductionCode(r: Reduction | undefined, op: string): number {
  switch (r ?? 'mean') {
    case 'none':
      return 0;
    case 'mean':
      return 1;
    case 'sum':
      return 2;
    default:
      throw new TorchError(`${op}: reduction must be 'mean', 'sum' or 'none', got '${String(r)}'`, op);
  }
}

function pair(v: Pair, op: string, name: string): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2) return [v[0], v[1]];
  throw new TorchError(`${op}: ${name} must be a number or [h, w], got ${JSON.stringify(v)}`, op);
}

/** x @ wᵀ + b with w: [out, in]. */
export function linear(x: Tensor, w: Tensor, b?: Tensor | null): Tensor {
  return wrap(N.linear(arg(x), arg(w), b == null ? undefined : arg(b)));
}

export interface Conv2dOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  groups?: number;
}

/** 2-d convolution of x [N, C, H, W] with w [out, C/groups, kh, kw]. */
export function conv2d(x: Tensor, w: Tensor, b?: Tensor | null, opts: Conv2dOptions = {}): Tensor {
  return wrap(
    N.conv2d(
      arg(x),
      arg(w),
      b == null ? undefined : arg(b),
      pair(opts.stride ?? 1, 'conv2d', 'stride'),
      pair(opts.padding ?? 0, 'conv2d', 'padding'),
      pair(opts.dilation ?? 1, 'conv2d', 'dilation'),
      opts.groups ?? 1,
    ),
  );
}

export interface PoolOptions {
  kernel: Pair;
  /** Defaults to kernel. */
  stride?: Pair;
  padding?: Pair;
  ceilMode?: boolean;
}

export function maxPool2d(x: Tensor, opts: PoolOptions & { dilation?: Pair }): Tensor {
  const kernel = pair(opts.kernel, 'maxPool2d', 'kernel');
  return wrap(
    N.maxPool2d(
      arg(x),
      kernel,
      pair(opts.stride ?? kernel, 'maxPool2d', 'stride'),
      pair(opts.padding ?? 0, 'maxPool2d', 'padding'),
      pair(opts.dilation ?? 1, 'maxPool2d', 'dilation'),
      opts.ceilMode ?? false,
    ),
  );
}

/** Average pooling; padded zeros count in the average (countIncludePad, PyTorch default). */
export function avgPool2d(x: Tensor, opts: PoolOptions & { countIncludePad?: boolean }): Tensor {
  const kernel = pair(opts.kernel, 'avgPool2d', 'kernel');
  return wrap(
    N.avgPool2d(
      arg(x),
      kernel,
      pair(opts.stride ?? kernel, 'avgPool2d', 'stride'),
      pair(opts.padding ?? 0, 'avgPool2d', 'padding'),
      opts.ceilMode ?? false,
      opts.countIncludePad ?? true,
    ),
  );
}

export function adaptiveAvgPool2d(x: Tensor, size: Pair): Tensor {
  return wrap(N.adaptiveAvgPool2d(arg(x), pair(size, 'adaptiveAvgPool2d', 'size')));
}

export interface BatchNormOptions {
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * Batch normalization over dim 1. In training mode batch statistics are used and runningMean /
 * runningVar (if given) are updated in place: r ← (1-momentum)·r + momentum·stat (unbiased var).
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null | undefined,
  runningVar: Tensor | null | undefined,
  weight?: Tensor | null,
  bias?: Tensor | null,
  opts: BatchNormOptions = {},
): Tensor {
  const opt = (v: Tensor | null | undefined): unknown => (v == null ? undefined : arg(v));
  return wrap(
    N.batchNorm(arg(x), opt(runningMean), opt(runningVar), opt(weight), opt(bias), opts.training ?? false,
      opts.momentum ?? 0.1, opts.eps ?? 1e-5),
  );
}

/** Zeroes elements with probability p and scales the rest by 1/(1-p) when training; identity otherwise. */
export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  return wrap(N.dropout(arg(x), p, training));
}

export const relu = (x: Tensor): Tensor => asTensor(x, 'relu').relu();
export const leakyRelu = (x: Tensor, slope = 0.01): Tensor => asTensor(x, 'leakyRelu').leakyRelu(slope);
export const sigmoid = (x: Tensor): Tensor => asTensor(x, 'sigmoid').sigmoid();
export const tanh = (x: Tensor): Tensor => asTensor(x, 'tanh').tanh();
export const softmax = (x: Tensor, dim: number): Tensor => asTensor(x, 'softmax').softmax(dim);
export const logSoftmax = (x: Tensor, dim: number): Tensor => asTensor(x, 'logSoftmax').logSoftmax(dim);

export interface InterpolateOptions {
  size?: Pair;
  scaleFactor?: number | [number, number];
  mode?: 'bilinear' | 'nearest';
  /** bilinear only; default false. */
  alignCorners?: boolean;
}

/** Resizes x [N, C, H, W]; give exactly one of size and scaleFactor (output = floor(in · scale)). */
export function interpolate(x: Tensor, opts: InterpolateOptions): Tensor {
  const mode = opts.mode ?? 'nearest';
  if (mode === 'nearest' && opts.alignCorners !== undefined) {
    throw new TorchError("interpolate: alignCorners only applies to mode 'bilinear'", 'interpolate');
  }
  const size = opts.size === undefined ? null : pair(opts.size, 'interpolate', 'size');
  const scale = opts.scaleFactor === undefined ? null : pair(opts.scaleFactor, 'interpolate', 'scaleFactor');
  return wrap(N.interpolate(arg(x), size, scale, mode, opts.alignCorners ?? false));
}

export interface PadOptions {
  mode?: 'constant' | 'reflect' | 'replicate' | 'circular';
  value?: number;
}

/** Pads the last dims: pads = [left, right, top, bottom, …] as in PyTorch. */
export function pad(x: Tensor, pads: number[], opts: PadOptions = {}): Tensor {
  const mode = opts.mode ?? 'constant';
  if (mode !== 'constant' && opts.value !== undefined) {
    throw new TorchError(`pad: value only applies to mode 'constant', got mode '${mode}'`, 'pad');
  }
  return wrap(N.pad(arg(x), pads, mode, mode === 'constant' ? (opts.value ?? 0) : undefined));
}

export interface LossOptions {
  reduction?: Reduction;
}

export interface CrossEntropyOptions extends LossOptions {
  /** Targets equal to this class index are skipped (default -100). */
  ignoreIndex?: number;
  labelSmoothing?: number;
  /** Per-class weights [C]. */
  weight?: Tensor;
}

const FLOAT_TARGET: DType[] = ['float32', 'float64'];

/**
 * Cross entropy of logits [N, C, ...] with int64 class indices [N, ...] or class probabilities
 * shaped like the logits: mean over samples of -log softmax(logits)[target].
 */
export function crossEntropy(logits: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  checkDType('crossEntropy', 'target', target, ['int64', 'float32', 'float64'],
    "use int64 class indices (target.to('int64')) or float class probabilities");
  return wrap(
    N.crossEntropy(arg(logits), arg(target), reductionCode(opts.reduction, 'crossEntropy'), opts.ignoreIndex ?? -100,
      opts.labelSmoothing ?? 0, opts.weight === undefined ? undefined : arg(opts.weight)),
  );
}

/** Negative log likelihood of log-probabilities [N, C, ...] at int64 targets [N, ...]. */
export function nllLoss(logProbs: Tensor, target: Tensor, opts: Omit<CrossEntropyOptions, 'labelSmoothing'> = {}): Tensor {
  checkDType('nllLoss', 'target', target, ['int64'], "convert it with target.to('int64')");
  return wrap(
    N.nllLoss(arg(logProbs), arg(target), reductionCode(opts.reduction, 'nllLoss'), opts.ignoreIndex ?? -100,
      opts.weight === undefined ? undefined : arg(opts.weight)),
  );
}

/** (x - y)² */
export function mseLoss(x: Tensor, y: Tensor, opts: LossOptions = {}): Tensor {
  return wrap(N.mseLoss(arg(x), arg(y), reductionCode(opts.reduction, 'mseLoss')));
}

/** |x - y| */
export function l1Loss(x: Tensor, y: Tensor, opts: LossOptions = {}): Tensor {
  return wrap(N.l1Loss(arg(x), arg(y), reductionCode(opts.reduction, 'l1Loss')));
}

/** 0.5·d²/beta if |d| < beta else |d| - 0.5·beta, with d = x - y (beta default 1). */
export function smoothL1Loss(x: Tensor, y: Tensor, opts: LossOptions & { beta?: number } = {}): Tensor {
  return wrap(N.smoothL1Loss(arg(x), arg(y), reductionCode(opts.reduction, 'smoothL1Loss'), opts.beta ?? 1));
}

/** -w·[posWeight·y·log σ(x) + (1-y)·log(1-σ(x))], computed stably from logits. */
export function binaryCrossEntropyWithLogits(
  x: Tensor,
  y: Tensor,
  opts: LossOptions & { weight?: Tensor; posWeight?: Tensor } = {},
): Tensor {
  checkDType('binaryCrossEntropyWithLogits', 'target', y, FLOAT_TARGET, "convert it with target.to('float32')");
  return wrap(
    N.binaryCrossEntropyWithLogits(arg(x), arg(y), reductionCode(opts.reduction, 'binaryCrossEntropyWithLogits'),
      opts.weight === undefined ? undefined : arg(opts.weight),
      opts.posWeight === undefined ? undefined : arg(opts.posWeight)),
  );
}
