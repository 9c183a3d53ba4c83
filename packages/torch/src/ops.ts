/**
 * Function forms of the Tensor ops (`torch.add(x, y)` ≡ `x.add(y)`), plus ops over lists
 * (cat, stack, where) that have no method form.
 */
import { N } from './native.js';
import { TorchError } from './errors.js';
import {
  type DimOptions,
  type Operand,
  type ReduceOptions,
  type ValuesIndices,
  type VarianceOptions,
  Tensor,
  arg,
  asTensor,
  checkDType,
  wrap,
} from './tensor.js';

const t = asTensor;

// views and indexing
export const reshape = (x: Tensor, shape: number[]): Tensor => t(x, 'reshape').reshape(shape);
export const view = (x: Tensor, shape: number[]): Tensor => t(x, 'view').view(shape);
export const permute = (x: Tensor, dims: number[]): Tensor => t(x, 'permute').permute(dims);
export const transpose = (x: Tensor, d0: number, d1: number): Tensor => t(x, 'transpose').transpose(d0, d1);
export const flatten = (x: Tensor, start = 0, end = -1): Tensor => t(x, 'flatten').flatten(start, end);
export const squeeze = (x: Tensor, dim?: number): Tensor => t(x, 'squeeze').squeeze(dim);
export const unsqueeze = (x: Tensor, dim: number): Tensor => t(x, 'unsqueeze').unsqueeze(dim);
export const narrow = (x: Tensor, dim: number, start: number, length: number): Tensor =>
  t(x, 'narrow').narrow(dim, start, length);
export const slice = (x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor =>
  t(x, 'slice').slice(dim, start, end, step);
export const indexSelect = (x: Tensor, dim: number, index: Tensor): Tensor => t(x, 'indexSelect').indexSelect(dim, index);
export const gather = (x: Tensor, dim: number, index: Tensor): Tensor => t(x, 'gather').gather(dim, index);
export const scatter = (x: Tensor, dim: number, index: Tensor, src: Operand): Tensor =>
  t(x, 'scatter').scatter(dim, index, src);
export const maskedSelect = (x: Tensor, mask: Tensor): Tensor => t(x, 'maskedSelect').maskedSelect(mask);
export const split = (x: Tensor, size: number | number[], dim = 0): Tensor[] => t(x, 'split').split(size, dim);
export const chunk = (x: Tensor, chunks: number, dim = 0): Tensor[] => t(x, 'chunk').chunk(chunks, dim);
export const expand = (x: Tensor, shape: number[]): Tensor => t(x, 'expand').expand(shape);
export const repeat = (x: Tensor, reps: number[]): Tensor => t(x, 'repeat').repeat(reps);

/** Elementwise cond ? a : b (broadcasting); cond must be bool. */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  checkDType('where', 'condition', cond, ['bool'], 'build it with a comparison such as x.gt(0)');
  return wrap(N.where(arg(cond), arg(a), arg(b)));
}

function tensorList(list: Tensor[], op: string): unknown[] {
  if (!Array.isArray(list)) throw new TorchError(`${op}: argument 1 must be an array of Tensors`, op);
  return list.map(arg);
}

/** Concatenates along an existing dim. */
export function cat(list: Tensor[], dim = 0): Tensor {
  return wrap(N.cat(tensorList(list, 'cat'), dim));
}

/** Stacks along a new dim. */
export function stack(list: Tensor[], dim = 0): Tensor {
  return wrap(N.stack(tensorList(list, 'stack'), dim));
}

// arithmetic (broadcasting) and comparisons (bool results)
export const add = (x: Tensor, y: Operand, alpha?: number): Tensor => t(x, 'add').add(y, alpha);
export const sub = (x: Tensor, y: Operand, alpha?: number): Tensor => t(x, 'sub').sub(y, alpha);
export const mul = (x: Tensor, y: Operand): Tensor => t(x, 'mul').mul(y);
export const div = (x: Tensor, y: Operand): Tensor => t(x, 'div').div(y);
export const pow = (x: Tensor, y: Operand): Tensor => t(x, 'pow').pow(y);
export const neg = (x: Tensor): Tensor => t(x, 'neg').neg();
export const maximum = (x: Tensor, y: Operand): Tensor => t(x, 'maximum').maximum(y);
export const minimum = (x: Tensor, y: Operand): Tensor => t(x, 'minimum').minimum(y);
export const eq = (x: Tensor, y: Operand): Tensor => t(x, 'eq').eq(y);
export const ne = (x: Tensor, y: Operand): Tensor => t(x, 'ne').ne(y);
export const lt = (x: Tensor, y: Operand): Tensor => t(x, 'lt').lt(y);
export const le = (x: Tensor, y: Operand): Tensor => t(x, 'le').le(y);
export const gt = (x: Tensor, y: Operand): Tensor => t(x, 'gt').gt(y);
export const ge = (x: Tensor, y: Operand): Tensor => t(x, 'ge').ge(y);
export const logicalAnd = (x: Tensor, y: Tensor): Tensor => t(x, 'logicalAnd').logicalAnd(y);
export const logicalOr = (x: Tensor, y: Tensor): Tensor => t(x, 'logicalOr').logicalOr(y);
export const logicalNot = (x: Tensor): Tensor => t(x, 'logicalNot').logicalNot();

// unary
export const exp = (x: Tensor): Tensor => t(x, 'exp').exp();
export const log = (x: Tensor): Tensor => t(x, 'log').log();
export const sqrt = (x: Tensor): Tensor => t(x, 'sqrt').sqrt();
export const abs = (x: Tensor): Tensor => t(x, 'abs').abs();
export const sign = (x: Tensor): Tensor => t(x, 'sign').sign();
export const floor = (x: Tensor): Tensor => t(x, 'floor').floor();
export const round = (x: Tensor): Tensor => t(x, 'round').round();
export const sin = (x: Tensor): Tensor => t(x, 'sin').sin();
export const cos = (x: Tensor): Tensor => t(x, 'cos').cos();
export const clamp = (x: Tensor, min?: number, max?: number): Tensor => t(x, 'clamp').clamp(min, max);

// reductions
export const sum = (x: Tensor, opts?: number | number[] | ReduceOptions): Tensor => t(x, 'sum').sum(opts);
export const mean = (x: Tensor, opts?: number | number[] | ReduceOptions): Tensor => t(x, 'mean').mean(opts);
export function max(x: Tensor): Tensor;
export function max(x: Tensor, opts: DimOptions): ValuesIndices;
export function max(x: Tensor, opts?: DimOptions): Tensor | ValuesIndices {
  return opts === undefined ? t(x, 'max').max() : t(x, 'max').max(opts);
}
export function min(x: Tensor): Tensor;
export function min(x: Tensor, opts: DimOptions): ValuesIndices;
export function min(x: Tensor, opts?: DimOptions): Tensor | ValuesIndices {
  return opts === undefined ? t(x, 'min').min() : t(x, 'min').min(opts);
}
export const argmax = (x: Tensor, opts?: { dim?: number; keepdim?: boolean }): Tensor => t(x, 'argmax').argmax(opts);
export const argmin = (x: Tensor, opts?: { dim?: number; keepdim?: boolean }): Tensor => t(x, 'argmin').argmin(opts);
export const std = (x: Tensor, opts?: VarianceOptions): Tensor => t(x, 'std').std(opts);
const variance = (x: Tensor, opts?: VarianceOptions): Tensor => t(x, 'var').var(opts);
/** Variance (exported as `var`, a reserved word in declarations). */
export { variance as var };

// linear algebra and sorting
export const matmul = (x: Tensor, y: Tensor): Tensor => t(x, 'matmul').matmul(y);
export const bmm = (x: Tensor, y: Tensor): Tensor => t(x, 'bmm').bmm(y);
export const cdist = (a: Tensor, b: Tensor, p = 2): Tensor => t(a, 'cdist').cdist(b, p);
export const topk = (x: Tensor, k: number, opts?: { dim?: number; largest?: boolean; sorted?: boolean }): ValuesIndices =>
  t(x, 'topk').topk(k, opts);
export const sort = (x: Tensor, opts?: { dim?: number; descending?: boolean }): ValuesIndices => t(x, 'sort').sort(opts);
export const cumsum = (x: Tensor, dim: number): Tensor => t(x, 'cumsum').cumsum(dim);
