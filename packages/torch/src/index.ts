/**
 * @entangle/torch: libtorch through an N-API addon. Loading this module loads the addon
 * (native.ts sets GOMP_SPINCOUNT first and applies the default thread count).
 * Layout: binding core (this file, tensor, creation, ops, functional, memory, autograd, threads,
 * serialize) and, on top of it, nn/ (modules) and optim/ (optimizers).
 */
export { TorchError } from './errors.js';
export type { DType, TypedArray } from './dtype.js';
export {
  Tensor,
  type DimOptions,
  type NestedArray,
  type Operand,
  type ReduceOptions,
  type ValuesIndices,
  type VarianceOptions,
} from './tensor.js';
export * from './creation.js';
export * from './ops.js';
export * from './memory.js';
export * from './autograd.js';
export * from './threads.js';
export * from './serialize.js';
export * as F from './functional.js';
// Last, because nn/ and optim/ import from this module (the exports above must be bound first).
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
