// Maps each golden op name to how our API is called on the fixture's inputs and params.
import * as torch from '../../src/index.js';

type Inputs = Record<string, any>;
type Params = Record<string, any>;

/**
 * `args`: argument list of the function form `torch.op(...args)` (or `F.op`); when args[0] is a Tensor with a
 * method of the same name, the runner also checks `args[0].op(...args.slice(1))`.
 * `call`: a custom call, for Tensor methods and ops whose result includes mutated inputs.
 */
export interface Adapter {
  args?: (i: Inputs, p: Params) => unknown[];
  call?: (i: Inputs, p: Params) => unknown;
}

const dtypeOpts = (p: Params) => (p.dtype ? { dtype: p.dtype } : undefined);
const x = (i: Inputs) => [i.x];
const xy = (i: Inputs, p: Params) => [i.x, i.y ?? p.scalar];
const xyOpts = (i: Inputs, p: Params) => [i.x, i.y, p.opts];
const xOpts = (i: Inputs, p: Params) => [i.x, p.opts];

/** Copies the tensor's data out through toArray(), checking that the nesting matches the shape. */
function observeToArray(t: torch.Tensor) {
  const nested = t.toArray() as unknown;
  const shape: number[] = [];
  for (let level: unknown = nested; Array.isArray(level); level = level[0]) shape.push(level.length);
  const data = (Array.isArray(nested) ? (nested as unknown[]).flat(Infinity) : [nested]) as number[];
  return { dtype: t.dtype, shape, data };
}

function inPlace(method: string, args: (i: Inputs, p: Params) => unknown[]): Adapter {
  return {
    call: (i, p) => {
      const y = i.x.clone();
      const ret = y[method](...args(i, p));
      if (ret !== undefined && ret !== y) throw new Error(`Tensor.${method} should return this tensor or nothing`);
      return y;
    },
  };
}

function creationData(p: Params) {
  if (p.dtype === 'bool' || p.dtype === 'uint8') return Uint8Array.from(p.data);
  return p.data as number[];
}

export const ADAPTERS: Record<string, Adapter> = {
  // creation
  tensor: { args: (_, p) => [creationData(p), p.shape, dtypeOpts(p)] },
  zeros: { args: (_, p) => [p.shape, dtypeOpts(p)] },
  ones: { args: (_, p) => [p.shape, dtypeOpts(p)] },
  full: { args: (_, p) => [p.shape, p.value, dtypeOpts(p)] },
  arange: { args: (_, p) => [p.start, p.end, p.step, dtypeOpts(p)] },
  eye: { args: (_, p) => [p.n, dtypeOpts(p)] },
  zerosLike: { args: x },
  onesLike: { args: x },
  // random, after manualSeed(params.seed)
  rand: { args: (_, p) => [p.shape, dtypeOpts(p)] },
  randn: { args: (_, p) => [p.shape, dtypeOpts(p)] },
  randint: { args: (_, p) => [p.low, p.high, p.shape] },
  randperm: { args: (_, p) => [p.n] },
  bernoulli: { args: (i) => [i.p] },
  normal_: { call: (i, p) => torch.normal_(i.x.clone(), p.mean, p.std) },
  uniform_: { call: (i, p) => torch.uniform_(i.x.clone(), p.a, p.b) },
  'Tensor.normalInPlace': inPlace('normalInPlace', (_, p) => [p.mean, p.std]),
  'Tensor.uniformInPlace': inPlace('uniformInPlace', (_, p) => [p.a, p.b]),
  // views and indexing
  reshape: { args: (i, p) => [i.x, p.shape] },
  view: { args: (i, p) => [i.x, p.shape] },
  permute: { args: (i, p) => [i.x, p.dims] },
  transpose: { args: (i, p) => [i.x, p.d0, p.d1] },
  flatten: { args: (i, p) => [i.x, p.start, p.end] },
  squeeze: { args: (i, p) => [i.x, p.dim] },
  unsqueeze: { args: (i, p) => [i.x, p.dim] },
  narrow: { args: (i, p) => [i.x, p.dim, p.start, p.length] },
  slice: { args: (i, p) => [i.x, p.dim, p.start, p.end, p.step] },
  indexSelect: { args: (i, p) => [i.x, p.dim, i.index] },
  gather: { args: (i, p) => [i.x, p.dim, i.index] },
  scatter: { args: (i, p) => [i.x, p.dim, i.index, i.src] },
  maskedSelect: { args: (i) => [i.x, i.mask] },
  where: { args: (i) => [i.cond, i.a, i.b] },
  cat: { args: (i, p) => [i.xs, p.dim] },
  stack: { args: (i, p) => [i.xs, p.dim] },
  split: { args: (i, p) => [i.x, p.size, p.dim] },
  chunk: { args: (i, p) => [i.x, p.n, p.dim] },
  expand: { args: (i, p) => [i.x, p.shape] },
  repeat: { args: (i, p) => [i.x, p.reps] },
  // arithmetic, comparisons, logic
  add: { args: xy },
  sub: { args: xy },
  mul: { args: xy },
  div: { args: xy },
  pow: { args: xy },
  maximum: { args: xy },
  minimum: { args: xy },
  neg: { args: x },
  eq: { args: xy },
  ne: { args: xy },
  lt: { args: xy },
  le: { args: xy },
  gt: { args: xy },
  ge: { args: xy },
  logicalAnd: { args: xy },
  logicalOr: { args: xy },
  logicalNot: { args: x },
  // unary
  exp: { args: x },
  log: { args: x },
  sqrt: { args: x },
  abs: { args: x },
  sign: { args: x },
  floor: { args: x },
  round: { args: x },
  sin: { args: x },
  cos: { args: x },
  clamp: { args: (i, p) => [i.x, p.min, p.max] },
  // reductions
  sum: { args: xOpts },
  mean: { args: xOpts },
  max: { args: xOpts },
  min: { args: xOpts },
  argmax: { args: xOpts },
  argmin: { args: xOpts },
  std: { args: xOpts },
  var: { args: xOpts },
  // linear algebra, sorting
  matmul: { args: xy },
  bmm: { args: xy },
  cdist: { args: (i, p) => [i.a, i.b, p.p] },
  topk: { args: (i, p) => [i.x, p.k, p.opts] },
  sort: { args: xOpts },
  cumsum: { args: (i, p) => [i.x, p.dim] },
  // nn.functional
  'F.linear': { args: (i) => [i.x, i.w, i.b] },
  'F.conv2d': { args: (i, p) => [i.x, i.w, i.b, p.opts] },
  'F.maxPool2d': { args: xOpts },
  'F.avgPool2d': { args: xOpts },
  'F.adaptiveAvgPool2d': { args: (i, p) => [i.x, p.size] },
  'F.batchNorm': {
    call: (i, p) => ({
      out: torch.nn.functional.batchNorm(i.x, i.runningMean, i.runningVar, i.weight, i.bias, p.opts),
      runningMean: i.runningMean,
      runningVar: i.runningVar,
    }),
  },
  'F.dropout': { args: (i, p) => [i.x, p.p, p.training] },
  'F.relu': { args: x },
  'F.leakyRelu': { args: (i, p) => [i.x, p.slope] },
  'F.sigmoid': { args: x },
  'F.tanh': { args: x },
  'F.softmax': { args: (i, p) => [i.x, p.dim] },
  'F.logSoftmax': { args: (i, p) => [i.x, p.dim] },
  'F.interpolate': { args: xOpts },
  'F.pad': { args: (i, p) => [i.x, p.pads, p.opts] },
  'F.crossEntropy': { args: (i, p) => [i.x, i.target, i.weight ? { ...p.opts, weight: i.weight } : p.opts] },
  'F.nllLoss': { args: (i, p) => [i.x, i.target, p.opts] },
  'F.mseLoss': { args: xyOpts },
  'F.l1Loss': { args: xyOpts },
  'F.smoothL1Loss': { args: xyOpts },
  'F.binaryCrossEntropyWithLogits': { args: xyOpts },
  // Tensor methods without a function form
  'Tensor.clone': { call: (i) => i.x.clone() },
  'Tensor.detach': { call: (i) => i.x.detach() },
  'Tensor.to': { call: (i, p) => i.x.to(p.dtype) },
  'Tensor.contiguous': { call: (i) => i.x.permute([2, 0, 1]).contiguous() },
  'Tensor.item': { call: (i) => i.x.item() },
  'Tensor.toTypedArray': {
    call: (i) => {
      const t = i.x.transpose(0, 1);
      return { dtype: t.dtype, shape: [...t.shape], data: t.toTypedArray() };
    },
  },
  'Tensor.toArray': { call: (i) => observeToArray(i.x) },
  'Tensor.addInPlace': inPlace('addInPlace', (i, p) => (i.o ? [i.o, p.alpha] : [p.scalar])),
  'Tensor.mulInPlace': inPlace('mulInPlace', (i, p) => [i.o ?? p.scalar]),
  'Tensor.divInPlace': inPlace('divInPlace', (i, p) => [i.o ?? p.scalar]),
  'Tensor.addcmulInPlace': inPlace('addcmulInPlace', (i, p) => [i.a, i.b, p.value]),
  'Tensor.addcdivInPlace': inPlace('addcdivInPlace', (i, p) => [i.a, i.b, p.value]),
  'Tensor.copyFrom': inPlace('copyFrom', (i) => [i.src]),
  'Tensor.zeroInPlace': inPlace('zeroInPlace', () => []),
  'Tensor.fillInPlace': inPlace('fillInPlace', (_, p) => [p.value]),
  'Tensor.clampInPlace': inPlace('clampInPlace', (_, p) => [p.min, p.max]),
};

/** `F.conv2d` -> `conv2d`, `Tensor.clone` -> `clone`, `add` -> `add`. */
export function methodNameOf(op: string): string {
  return op.replace(/^(F|Tensor)\./, '');
}

/** The exported function an op name refers to; throws naming the missing export. */
export function resolveFunction(op: string): (...args: unknown[]) => unknown {
  const functional = op.startsWith('F.');
  const scope = (functional ? torch.nn.functional : torch) as unknown as Record<string, unknown>;
  const fn = scope[methodNameOf(op)];
  if (typeof fn !== 'function') {
    throw new Error(`${functional ? 'torch.nn.functional' : 'torch'}.${methodNameOf(op)} is not exported ` +
      '(API.md promises it)');
  }
  return fn as (...args: unknown[]) => unknown;
}
